package io.modelwatch.core.run;

import io.modelwatch.core.result.RunResult;
import io.modelwatch.core.result.SegmentRow;

import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.synth.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Issue 7's acceptance on synthetic days with a known truth, through the whole pipeline. */
class DepthScenariosTest {

    @TempDir
    static Path dir;
    static MonitoringPipeline pipeline;
    static ReferenceProfile profile;

    @BeforeAll
    static void setUp() {
        pipeline = MonitoringPipeline.of(PipelineFixture.CONFIG);
        profile = pipeline.profile(PipelineFixture.batch(dir, Scenario.STABLE, 20_000, 7));
    }

    private static RunResult run(Scenario scenario, long seed) {
        ColumnBatch current = PipelineFixture.batch(dir, scenario, 5_000, seed);
        return pipeline.run(PipelineFixture.info(), profile, current);
    }

    @Test
    void estimatedRecallIsWithin003OfRealisedWhenOnlyFeaturesShift() {
        RunResult r = run(Scenario.COVARIATE, 31);
        assertThat(r.drift().driftedCount()).as("features did shift").isGreaterThan(0);
        assertThat(r.estimatedPerformance().recall().value()).isCloseTo(r.performance().recall(), within(0.03));
    }

    @Test
    void withoutLabelsTheEstimateStandsInForRecallAndIsMarkedEstimated() {
        ColumnBatch current = PipelineFixture.batch(dir, Scenario.COVARIATE, 5_000, 31);
        java.util.Map<String, io.modelwatch.core.data.Column> columns = new java.util.LinkedHashMap<>(current.columns());
        columns.remove(PipelineFixture.CONFIG.roles().target());
        ColumnBatch unlabelled = new ColumnBatch(current.source(), current.rowCount(), columns, current.parseReport());
        RunResult r = pipeline.run(PipelineFixture.info(), profile, unlabelled);
        assertThat(r.performance()).isNull();
        assertThat(r.metrics()).anySatisfy(m -> {
            assertThat(m.category()).isEqualTo("estimated_performance");
            assertThat(m.name()).isEqualTo("recall");
            assertThat(m.value()).isBetween(0.0, 1.0);
        });
        assertThat(r.rootCause()).isNull();
    }

    @Test
    void aCohortIsRealisedOnlyOnceEnoughOfItsLabelsHaveArrived() {
        ColumnBatch current = PipelineFixture.batch(dir, Scenario.STABLE, 5_000, 34);
        String target = PipelineFixture.CONFIG.roles().target();
        double[] labels = ((io.modelwatch.core.data.NumericColumn) current.column(target)).values().clone();
        for (int i = 0; i < labels.length; i += 2) {
            labels[i] = Double.NaN; // half the labels have not arrived
        }
        java.util.Map<String, io.modelwatch.core.data.Column> columns = new java.util.LinkedHashMap<>(current.columns());
        columns.put(target, new io.modelwatch.core.data.NumericColumn(target, labels));
        RunResult half = pipeline.run(PipelineFixture.info(), profile,
                new ColumnBatch(current.source(), current.rowCount(), columns, current.parseReport()));
        assertThat(half.performance()).as("not realised at 50 % coverage").isNull();
        assertThat(half.concept().labelCoverage()).isEqualTo(0.5);
        assertThat(half.concept().currentChurnRate()).isNull();
        assertThat(half.estimatedPerformance()).isNotNull();
        assertThat(half.metrics()).anySatisfy(m -> {
            assertThat(m.name()).isEqualTo("label_coverage");
            assertThat(m.value()).isEqualTo(0.5);
        });

        RunResult full = pipeline.run(PipelineFixture.info(), profile, current);
        assertThat(full.performance()).as("realised at 100 % coverage").isNotNull();
        assertThat(full.concept().labelCoverage()).isEqualTo(1.0);
    }

    @Test
    void whenOnlyMonthToMonthDegradesItIsNamedWorstAndRankedFirst() {
        RunResult r = run(Scenario.SEGMENT, 32);
        // "worst" is the segment that contributes most to the overall recall drop; a small segment correlated with
        // Month-to-month (cheap plans) may show a larger raw drop but explains less of it
        SegmentRow monthToMonth = r.segments().stream().filter(s -> s.key().equals("contract_type=Month-to-month"))
                .findFirst().orElseThrow();
        assertThat(monthToMonth.recallDrop()).isGreaterThan(0.15);
        SegmentRow otherContract = r.segments().stream().filter(s -> s.key().equals("contract_type=Two year"))
                .findFirst().orElseThrow();
        assertThat(otherContract.recallDrop() == null || otherContract.recallDrop() < 0.15).isTrue();
        var top = r.rootCause().rankedSegments().get(0);
        assertThat(top.dimension() + "=" + top.segment()).isEqualTo("contract_type=Month-to-month");
        assertThat(r.rootCause().hypothesis()).contains("contract_type=Month-to-month");
        assertThat(r.rootCause().exampleRowIds()).isNotEmpty();
        assertThat(r.alerts()).anySatisfy(a -> assertThat(a.segment()).isEqualTo("contract_type=Month-to-month"));
    }

    @Test
    void whenOneFeatureDriftsItIsRankedFirst() {
        RunResult r = run(Scenario.DRIFT, 33);
        assertThat(r.rootCause().rankedFeatures().get(0).feature()).isEqualTo("account_age");
        assertThat(r.rootCause().hypothesis()).contains("account_age");
    }
}
