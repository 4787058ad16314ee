package io.modelwatch.support.compute;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.result.DriftSection;
import io.modelwatch.core.run.MonitoringPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The columns drift-service reads from the store: those of the drift section only, with the same section. */
class DriftColumnsTest {

    private static final MonitoringConfig CONFIG = ConfigLoader.defaults();

    @Test
    void theDriftSectionReadsTheFeaturesAndThePredictionAndTargetColumns() {
        // the built-in monitoring.yaml: its features (the segment columns are among them), probability, class, target
        assertThat(SectionComputation.DRIFT.columns(MonitoringPipeline.of(CONFIG), null)).containsExactly(
                "account_age", "monthly_charges", "total_charges", "customer_age", "num_products",
                "support_tickets_90d", "late_payments_12m", "avg_monthly_usage_gb", "data_overage_charges",
                "num_dependents", "satisfaction_score", "days_since_last_login", "discount_pct", "num_referrals",
                "avg_call_minutes", "contract_type", "payment_method", "internet_service", "gender", "senior_citizen",
                "partner", "paperless_billing", "phone_service", "streaming_tv", "region", "churn_probability",
                "churn_class", "churn_actual");
    }

    @Test
    void theDriftSectionOfItsColumnsIsThatOfEveryColumn(@TempDir Path dir) throws Exception {
        WarmUp.Day day = WarmUp.writeDay(dir, 6_000);
        MonitoringPipeline pipeline = MonitoringPipeline.of(CONFIG);
        TableSchema schema = TableSchema.forConfig(CONFIG);
        CsvReader reader = CsvReader.withDefaults();
        ReferenceProfile profile = pipeline.profile(reader.read(day.reference(), schema));
        Set<String> driftColumns = SectionComputation.DRIFT.columns(MonitoringPipeline.of(CONFIG), null);
        List<ColumnBatch> every = new ArrayList<>();
        List<ColumnBatch> drift = new ArrayList<>();
        reader.stream(day.current(), schema, 1_500, chunk -> {
            every.add(chunk);
            List<Column> kept = chunk.columns().values().stream().filter(c -> driftColumns.contains(c.name())).toList();
            drift.add(ColumnBatch.of(chunk.source(), kept));
        });
        assertThat(drift.get(0).columns()).hasSize(driftColumns.size());
        assertThat(every.get(0).columns().size()).isGreaterThan(driftColumns.size());
        DriftSection expected = counted(pipeline, profile, every);
        assertThat(expected.segmentDrift()).isNotEmpty();
        assertThat(counted(pipeline, profile, drift)).isEqualTo(expected);
    }

    private static DriftSection counted(MonitoringPipeline pipeline, ReferenceProfile profile, List<ColumnBatch> chunks) {
        SectionComputation.SectionCounts<DriftSection> counts = SectionComputation.DRIFT.start(pipeline, profile,
                chunks.get(0));
        chunks.forEach(counts::add);
        return counts.result(6_000);
    }
}
