package io.modelwatch.ingest.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;

/** Ready when the batch store's tables answer (the datasource and channels have their own checks). */
@Readiness
@ApplicationScoped
public class BatchStoreReadiness implements HealthCheck {

    private final DataSource dataSource;

    public BatchStoreReadiness(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public HealthCheckResponse call() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeQuery("select 1 from store.batch limit 1").close();
            return HealthCheckResponse.up("batch-store");
        } catch (Exception e) {
            return HealthCheckResponse.named("batch-store").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
