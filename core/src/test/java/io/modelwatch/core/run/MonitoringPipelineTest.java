package io.modelwatch.core.run;

import io.modelwatch.core.run.section.DriftTests;
import io.modelwatch.core.result.DriftSection;
import io.modelwatch.core.result.PerformanceSection;
import io.modelwatch.core.result.PsiValue;
import io.modelwatch.core.result.RunResult;
import io.modelwatch.core.result.RunSummary;

import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.config.Severity;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.drift.CategoricalSample;
import io.modelwatch.core.drift.NumericSample;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.report.Json;
import io.modelwatch.core.synth.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MonitoringPipelineTest {

    @TempDir
    static Path dir;
    static ColumnBatch reference;
    static MonitoringPipeline pipeline;
    static ReferenceProfile profile;

    @BeforeAll
    static void setUp() {
        reference = PipelineFixture.batch(dir, Scenario.STABLE, 20_000, 7);
        pipeline = MonitoringPipeline.of(PipelineFixture.CONFIG);
        profile = pipeline.profile(reference);
    }

    @Test
    void profileRoundTripsThroughBytesAndGivesIdenticalResults() throws Exception {
        ColumnBatch current = PipelineFixture.batch(dir, Scenario.DRIFT, 5_000, 11);
        ReferenceProfile restored = ReferenceProfile.fromBytes(profile.toBytes());
        RunResult direct = pipeline.run(PipelineFixture.info(), profile, current);
        RunResult viaBytes = pipeline.run(PipelineFixture.info(), restored, current);
        // everything but the measured duration is identical
        String a = Json.mapper().writeValueAsString(withoutDuration(direct));
        String b = Json.mapper().writeValueAsString(withoutDuration(viaBytes));
        assertThat(b).isEqualTo(a);
    }

    @Test
    void servicesAssemblingThePartsGetWhatTheCliGets() throws Exception {
        ColumnBatch current = PipelineFixture.batch(dir, Scenario.DRIFT, 5_000, 11);
        RunResult whole = pipeline.run(PipelineFixture.info(), profile, current);
        // parts computed separately and serialised as the services do
        DriftSection drift = Json.mapper().readValue(Json.mapper().writeValueAsBytes(pipeline.drift(profile, current)),
                DriftSection.class);
        PerformanceSection perf = Json.mapper().readValue(
                Json.mapper().writeValueAsBytes(pipeline.performance(profile, current)), PerformanceSection.class);
        RunResult assembled = pipeline.assemble(PipelineFixture.info(), profile.rows(), current.rowCount(), drift, perf,
                pipeline.quality(current), whole.run().durationMs());
        assertThat(Json.mapper().writeValueAsString(assembled)).isEqualTo(Json.mapper().writeValueAsString(whole));
    }

    @Test
    void aDriftDayFlagsAccountAgeFirstWithAHighPsiAlert() {
        RunResult r = pipeline.run(PipelineFixture.info(), profile, PipelineFixture.batch(dir, Scenario.DRIFT, 5_000, 11));
        PsiValue top = r.psi().stream().filter(p -> p.role().equals("feature"))
                .max(Comparator.comparingDouble(PsiValue::value)).orElseThrow();
        assertThat(top.column()).isEqualTo("account_age");
        assertThat(r.alerts()).anySatisfy(a -> {
            assertThat(a.severity()).isEqualTo(Severity.HIGH);
            assertThat(a.column()).isEqualTo("account_age");
            assertThat(a.metric()).isEqualTo("psi");
        });
        assertThat(r.performance().recall()).isLessThan(r.referencePerformance().recall());
    }

    @Test
    void aStableDayRaisesNoHighOrMediumAlert() {
        RunResult r = pipeline.run(PipelineFixture.info(), profile, PipelineFixture.batch(dir, Scenario.STABLE, 5_000, 21));
        assertThat(r.alerts().stream().filter(a -> a.severity() != Severity.LOW).map(Alert::message))
                .as("HIGH/MEDIUM alerts").isEmpty();
        assertThat(r.quality().findings()).isEmpty();
    }

    @Test
    void automaticChoiceFollowsEvidentlyForALargeReference() {
        RunResult r = pipeline.run(PipelineFixture.info(), profile, PipelineFixture.batch(dir, Scenario.STABLE, 5_000, 21));
        Map<String, String> methods = new java.util.HashMap<>();
        r.drift().columns().forEach(c -> methods.put(c.column(), c.method()));
        // n_ref = 20,000 > 1000: numeric with > 5 distinct values -> wasserstein; categorical -> jensenshannon
        assertThat(methods.get("account_age")).isEqualTo("wasserstein");
        assertThat(methods.get("contract_type")).isEqualTo("jensenshannon");
        // late_payments_12m is numeric with few distinct values, but more than 5 -> still wasserstein
        assertThat(methods.get("churn_probability")).isEqualTo("wasserstein");
    }

    @Test
    void distinctUnionCountsValuesOfBothSamplesOnce() {
        assertThat(DriftTests.distinctUnion(NumericSample.of(new double[] {1, 2, 2, 3}),
                NumericSample.of(new double[] {3, 4, 4}))).isEqualTo(4);
        assertThat(DriftTests.distinctUnion(CategoricalSample.ofValues(java.util.List.of("a", "b")),
                CategoricalSample.ofValues(java.util.List.of("b", "c")))).isEqualTo(3);
    }

    @Test
    void aCappedDistinctUnionStopsOneValuePastTheCapAndChoosesTheSameTest() {
        NumericSample ref = NumericSample.of(new double[] {1, 2, 2, 3, 5, 8});
        NumericSample cur = NumericSample.of(new double[] {3, 4, 4, 6, 7, 8, 9});
        // 1..9: nine distinct values
        assertThat(DriftTests.distinctUnion(ref, cur, 6)).isEqualTo(7);
        assertThat(DriftTests.distinctUnion(ref, cur, 8)).isEqualTo(9);
        assertThat(DriftTests.distinctUnion(ref, cur, 9)).isEqualTo(9);
        assertThat(DriftTests.distinctUnion(ref, cur, Long.MAX_VALUE)).isEqualTo(9);
        long cap = io.modelwatch.core.drift.AutoStatTest.LOW_CARDINALITY_MAX + 1;
        for (long distinct = 0; distinct <= 20; distinct++) {
            for (long referenceRows : new long[] {10, 1000, 10_000_000}) {
                for (var kind : io.modelwatch.core.drift.ColumnKind.values()) {
                    assertThat(io.modelwatch.core.drift.AutoStatTest.choose(kind, referenceRows, Math.min(distinct, cap)))
                            .isEqualTo(io.modelwatch.core.drift.AutoStatTest.choose(kind, referenceRows, distinct));
                }
            }
        }
    }

    private static RunResult withoutDuration(RunResult r) {
        RunSummary s = r.run();
        return new RunResult(r.schemaVersion(), new RunSummary(s.runId(), s.modelId(), s.snapshotDate(), s.inputs(),
                s.referenceRows(), s.currentRows(), s.labelledRows(), s.startedAt(), 0), r.drift(), r.psi(),
                r.performance(), r.referencePerformance(), r.estimatedPerformance(), r.concept(), r.quality(),
                r.segments(), r.importance(), r.rootCause(), r.alerts(), r.metrics(), r.multivariateAnomaly(),
                r.heldBack(), r.segmentDrift());
    }
}
