package io.modelwatch.core.run;

import io.modelwatch.core.result.ColumnRole;

import io.modelwatch.core.metrics.MetricRow;
import io.modelwatch.core.result.ColumnDrift;
import io.modelwatch.core.result.DriftSection;
import io.modelwatch.core.result.PsiValue;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.report.CsvExport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Target and prediction drift, as Evidently's data-drift preset reports them: the predicted class and the label get
 * drift rows of their own (role {@code prediction} and {@code target}), categorical, with the automatic test choice,
 * beside the probability's; no PSI rows, and not counted in the share of drifted features.
 *
 * <p>Reference values (scipy 1.11, by hand from the counts below):
 * {@code scipy.spatial.distance.jensenshannon(r / r.sum(), c / c.sum())} for a reference of more than 1000 rows, and
 * the pooled two-proportion z-test {@code 2 * (1 - norm.cdf(|z|))} (Evidently's {@code z}) for a smaller one.
 */
class LabelAndPredictionDriftTest {

    private static final MonitoringConfig CONFIG = ConfigLoader.parse("""
            features:
              - {name: x, kind: numeric}
            segments: []
            """, "test");

    @TempDir
    Path dir;

    @Test
    void aLargeReferenceGivesJensenShannonRowsForTheClassAndTheLabel() throws IOException {
        MonitoringPipeline pipeline = MonitoringPipeline.of(CONFIG);
        ReferenceProfile profile = pipeline.profile(batch("ref.csv", 2000, 500, 400));
        DriftSection drift = pipeline.drift(profile, batch("cur.csv", 1000, 350, 300));

        ColumnDrift predicted = column(drift, "churn_class");
        assertThat(predicted.role()).isEqualTo(ColumnRole.PREDICTION);
        assertThat(predicted.type()).isEqualTo("categorical");
        assertThat(predicted.method()).isEqualTo("jensenshannon");
        assertThat(predicted.score()).isCloseTo(0.07728784010549855, within(1e-12));
        assertThat(predicted.drifted()).isFalse();
        ColumnDrift target = column(drift, "churn_actual");
        assertThat(target.role()).isEqualTo(ColumnRole.TARGET);
        assertThat(target.method()).isEqualTo("jensenshannon");
        assertThat(target.score()).isCloseTo(0.08186441120699323, within(1e-12));

        // the probability keeps its drift and PSI rows; class and label get no PSI and stay out of the feature share
        assertThat(drift.drift().columns()).extracting(ColumnDrift::column, ColumnDrift::role).containsExactly(
                org.assertj.core.groups.Tuple.tuple("x", "feature"),
                org.assertj.core.groups.Tuple.tuple("churn_probability", "prediction"),
                org.assertj.core.groups.Tuple.tuple("churn_class", "prediction"),
                org.assertj.core.groups.Tuple.tuple("churn_actual", "target"));
        assertThat(drift.psi()).extracting(PsiValue::column).containsExactly("x", "churn_probability");
        assertThat(drift.drift().featureCount()).isEqualTo(1);

        // the flat rows carry the role, and metrics.csv shows it
        List<MetricRow> rows = MetricRows.ofDrift(drift);
        assertThat(rows).filteredOn(r -> "churn_actual".equals(r.column())).singleElement()
                .satisfies(r -> assertThat(r.role()).isEqualTo("target"));
        assertThat(CsvExport.metrics(rows).lines().filter(l -> l.startsWith("drift,jensenshannon,churn_actual")))
                .singleElement().satisfies(l -> assertThat(l).startsWith("drift,jensenshannon,churn_actual,,0.08186441120699")
                        .endsWith(",0.1,ok,target,,,"));
    }

    @Test
    void aSmallReferenceGivesTheZTest() throws IOException {
        MonitoringPipeline pipeline = MonitoringPipeline.of(CONFIG);
        ReferenceProfile profile = pipeline.profile(batch("ref.csv", 800, 200, 160));
        DriftSection drift = pipeline.drift(profile, batch("cur.csv", 500, 200, 150));

        ColumnDrift predicted = column(drift, "churn_class");
        assertThat(predicted.method()).isEqualTo("z");
        assertThat(predicted.pValue()).isCloseTo(1.1919253140035835e-08, within(1e-15));
        assertThat(predicted.drifted()).isTrue();
        ColumnDrift target = column(drift, "churn_actual");
        assertThat(target.method()).isEqualTo("z");
        assertThat(target.pValue()).isCloseTo(3.8506311592856335e-05, within(1e-15));
        assertThat(target.drifted()).isTrue();
    }

    @Test
    void aBatchWithoutLabelsHasNoTargetRow() throws IOException {
        MonitoringPipeline pipeline = MonitoringPipeline.of(CONFIG);
        ReferenceProfile profile = pipeline.profile(batch("ref.csv", 2000, 500, 400));
        DriftSection drift = pipeline.drift(profile, batch("cur.csv", 1000, 350, -1));
        assertThat(drift.drift().columns()).extracting(ColumnDrift::column)
                .containsExactly("x", "churn_probability", "churn_class");

        // nor does a reference without labels give one
        ReferenceProfile unlabelled = pipeline.profile(batch("ref-unlabelled.csv", 2000, 500, -1));
        assertThat(unlabelled.target()).isNull();
        assertThat(pipeline.drift(unlabelled, batch("cur.csv", 1000, 350, 300)).drift().columns())
                .extracting(ColumnDrift::column).doesNotContain("churn_actual");
    }

    /** {@code rows} rows: the first {@code classOnes} predicted 1, the last {@code targetOnes} labelled 1 (-1: no labels). */
    private ColumnBatch batch(String name, int rows, int classOnes, int targetOnes) throws IOException {
        StringBuilder csv = new StringBuilder("customer_id,prediction_timestamp,churn_probability,churn_class,churn_actual,x\n");
        for (int i = 0; i < rows; i++) {
            int cls = i < classOnes ? 1 : 0;
            String target = targetOnes < 0 ? "" : Integer.toString(i >= rows - targetOnes ? 1 : 0);
            csv.append(name, 0, 3).append(i).append(",2026-11-27T04:00:00Z,").append(cls == 1 ? "0.7" : "0.1")
                    .append(',').append(cls).append(',').append(target).append(',').append(i % 17).append('\n');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, csv);
        return CsvReader.withDefaults().read(file, TableSchema.forConfig(CONFIG));
    }

    private static ColumnDrift column(DriftSection drift, String name) {
        return drift.drift().columns().stream().filter(c -> c.column().equals(name)).findFirst().orElseThrow();
    }
}
