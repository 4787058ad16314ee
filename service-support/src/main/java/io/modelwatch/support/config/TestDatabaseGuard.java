package io.modelwatch.support.config;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * Refuses to start when Flyway is asked to clean at start (the test profile's fresh schema) a database whose
 * name does not say it is a test database. The test profile wipes every schema it migrates, and the address
 * comes from the environment ({@code QUARKUS_DATASOURCE_JDBC_URL}): without this guard, tests run in a shell
 * that points at a real deployment would empty it. The name is the server's own {@code current_database()},
 * not a parse of the URL; what counts as a test name is {@link TestDatabaseSettings#names()}.
 */
@Singleton
public class TestDatabaseGuard implements FlywayConfigurationCustomizer {

    private final boolean cleanAtStart;
    private final Pattern testNames;

    @Inject
    public TestDatabaseGuard(@ConfigProperty(name = "quarkus.flyway.clean-at-start", defaultValue = "false") boolean cleanAtStart,
                             TestDatabaseSettings settings) {
        this(cleanAtStart, settings.names());
    }

    TestDatabaseGuard(boolean cleanAtStart, String testNames) {
        this.cleanAtStart = cleanAtStart;
        this.testNames = Pattern.compile(testNames);
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        if (!cleanAtStart) {
            return;
        }
        String database = currentDatabase(configuration.getDataSource());
        if (!isTestDatabase(database)) {
            throw new IllegalStateException("refusing to clean database '" + database + "' at start "
                    + "(quarkus.flyway.clean-at-start, set by the test profile): its name does not match the test "
                    + "databases' pattern '" + testNames.pattern() + "'. Point QUARKUS_DATASOURCE_JDBC_URL at a test "
                    + "database, or widen MODELWATCH_TEST_DATABASE_NAMES if this one really is one.");
        }
    }

    /** Whether Flyway cleans at start here (the test profile's setting), i.e. whether this guard has work. */
    boolean cleansAtStart() {
        return cleanAtStart;
    }

    /** Whether the whole name matches the configured pattern of test databases. */
    public boolean isTestDatabase(String database) {
        return database != null && testNames.matcher(database).matches();
    }

    private static String currentDatabase(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select current_database()")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot ask the database its name before cleaning it: " + e.getMessage(), e);
        }
    }
}
