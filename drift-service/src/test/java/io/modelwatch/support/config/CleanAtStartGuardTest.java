package io.modelwatch.support.config;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The test profile cleans its database at start, and {@link TestDatabaseGuard} is what keeps that to databases
 * named for tests: here in a running service (drift-service stands for all five, which share the guard through
 * service-support), against the database this build was given (CI's {@code test}, a developer's {@code h<N>},
 * or Dev Services' {@code modelwatch_test}).
 */
@QuarkusTest
class CleanAtStartGuardTest {

    @Inject
    TestDatabaseGuard guard;

    @Inject
    @Any
    Instance<FlywayConfigurationCustomizer> customizers;

    @Inject
    DataSource dataSource;

    @Test
    void flywayIsGivenTheGuardAndTheTestProfileCleansAtStart() {
        assertThat(customizers.stream()).anyMatch(TestDatabaseGuard.class::isInstance);
        assertThat(guard.cleansAtStart()).isTrue();
    }

    @Test
    void theDatabaseThisBuildCleansIsNamedForTests() throws Exception {
        assertThat(guard.isTestDatabase(currentDatabase())).isTrue();
        // where nothing is configured, Dev Services create the test profile's database under this name
        assertThat(ConfigProvider.getConfig().getValue("quarkus.datasource.devservices.db-name", String.class))
                .isEqualTo("modelwatch_test").matches(guard::isTestDatabase);
        assertThatCode(() -> guard.customize(new FluentConfiguration().dataSource(dataSource))).doesNotThrowAnyException();
    }

    @Test
    void aDatabaseWhoseNameIsNotATestNameIsNeverCleaned() throws Exception {
        String name = currentDatabase();
        TestDatabaseGuard elsewhere = new TestDatabaseGuard(true, "some_other_test_database");
        assertThatThrownBy(() -> elsewhere.customize(new FluentConfiguration().dataSource(dataSource)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refusing to clean database '" + name + "'")
                .hasMessageContaining("MODELWATCH_TEST_DATABASE_NAMES");
        // without clean-at-start (every profile but test) the guard does not even ask
        assertThatCode(() -> new TestDatabaseGuard(false, "some_other_test_database")
                .customize(new FluentConfiguration().dataSource(dataSource))).doesNotThrowAnyException();
    }

    private String currentDatabase() throws Exception {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery("select current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
