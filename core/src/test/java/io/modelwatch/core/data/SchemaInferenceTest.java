package io.modelwatch.core.data;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.FeatureSpec;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.config.SegmentSpec;
import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.quality.DataQualityChecker;
import io.modelwatch.core.quality.QualityReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaInferenceTest {

    @TempDir
    Path dir;

    private static final String[] CONTRACTS = {"Month-to-month", "One year", "Two year"};

    /** A churn-shaped day: roles, two numeric features (one heavy-tailed), a flag, a category, and an extra. */
    private Path day(String name, long seed, int rows) throws IOException {
        Random random = new Random(seed);
        Path file = dir.resolve(name);
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("customer_id,prediction_timestamp,churn_probability,churn_class,account_age,total_charges,"
                    + "is_promo,contract_type,comment\n");
            for (int i = 0; i < rows; i++) {
                double p = random.nextDouble();
                String age = random.nextInt(100) == 0 ? "" : Integer.toString(1 + random.nextInt(72));
                double charges = Math.exp(7 + 0.5 * random.nextGaussian());
                w.write("C" + i + ",2026-11-28T04:00:00Z," + p + "," + (p >= 0.5 ? 1 : 0) + "," + age + ","
                        + charges + "," + random.nextInt(2) + "," + CONTRACTS[random.nextInt(3)] + ",\n");
            }
        }
        return file;
    }

    @Test
    void rolesKeepTheirNamesAndEveryOtherColumnIsAFeature() throws IOException {
        MonitoringConfig base = ConfigLoader.defaults();
        ColumnBatch reference = CsvReader.withDefaults().read(day("ref.csv", 1, 5_000), TableSchema.forRoles(base.roles()));

        MonitoringConfig inferred = SchemaInference.infer(reference, base);

        assertThat(inferred.roles()).isEqualTo(base.roles());
        assertThat(inferred.featureNames()).containsExactly("account_age", "total_charges", "is_promo",
                "contract_type", "comment");
        FeatureSpec age = inferred.feature("account_age").orElseThrow();
        assertThat(age.kind()).isEqualTo(ColumnKind.NUMERIC);
        // 1..72 widened by half the range (35.5) below, clamped at 0 (no negative values), and above, rounded out.
        assertThat(age.min()).isEqualTo(0.0);
        assertThat(age.max()).isEqualTo(108.0);
        // about 1 % empty cells: budget = max(2 %, 2 x share).
        double ageNullShare = (double) reference.column("account_age").nullCount() / reference.rowCount();
        assertThat(age.nullBudget()).isEqualTo(Math.max(0.02, 2 * ageNullShare));
        // A 0/1 column read as numeric stays numeric (documented choice).
        assertThat(inferred.feature("is_promo").orElseThrow().kind()).isEqualTo(ColumnKind.NUMERIC);
        FeatureSpec contract = inferred.feature("contract_type").orElseThrow();
        assertThat(contract.kind()).isEqualTo(ColumnKind.CATEGORICAL);
        assertThat(contract.allowedValues()).containsExactlyInAnyOrder(CONTRACTS);
        FeatureSpec comment = inferred.feature("comment").orElseThrow();
        assertThat(comment.nullBudget()).isEqualTo(1.0);
        // charge_band is dropped: its column monthly_charges is not in this data.
        assertThat(inferred.segments()).extracting(SegmentSpec::name).containsExactly("contract_type", "tenure_band");
        assertThat(inferred.alertRules()).isEqualTo(base.alertRules());
        assertThat(inferred.drift()).isEqualTo(base.drift());
    }

    @Test
    void aStableDayRaisesNoQualityFinding() throws IOException {
        MonitoringConfig base = ConfigLoader.defaults();
        ColumnBatch reference = CsvReader.withDefaults().read(day("ref.csv", 1, 5_000), TableSchema.forRoles(base.roles()));
        MonitoringConfig inferred = SchemaInference.infer(reference, base);

        for (long seed = 2; seed <= 6; seed++) {
            ColumnBatch current = CsvReader.withDefaults().read(day("cur" + seed + ".csv", seed, 5_000),
                    TableSchema.forConfig(inferred));
            QualityReport report = DataQualityChecker.check(current, inferred);
            assertThat(report.findings()).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void constantAndEmptyNumericColumns() {
        ColumnBatch batch = ColumnBatch.of("t", List.of(
                new io.modelwatch.core.data.NumericColumn("const", new double[]{5, 5, 5}),
                new io.modelwatch.core.data.NumericColumn("neg", new double[]{-3.5, -1.5, Double.NaN}),
                new io.modelwatch.core.data.NumericColumn("none", new double[]{Double.NaN, Double.NaN, Double.NaN})));
        MonitoringConfig inferred = SchemaInference.infer(batch, ConfigLoader.defaults());
        FeatureSpec constant = inferred.feature("const").orElseThrow();
        assertThat(constant.min()).isEqualTo(2.0); // margin max(1, 0.5 * 5) = 2.5, rounded out to integers
        assertThat(constant.max()).isEqualTo(8.0);
        FeatureSpec negative = inferred.feature("neg").orElseThrow();
        assertThat(negative.min()).isEqualTo(-4.5);
        assertThat(negative.max()).isEqualTo(-0.5);
        assertThat(negative.nullBudget()).isEqualTo(2.0 / 3);
        FeatureSpec none = inferred.feature("none").orElseThrow();
        assertThat(none.min()).isNull();
        assertThat(none.max()).isNull();
        assertThat(inferred.segments()).isEmpty();
    }
}
