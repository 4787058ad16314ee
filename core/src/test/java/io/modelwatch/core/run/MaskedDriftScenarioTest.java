package io.modelwatch.core.run;

import io.modelwatch.core.result.ColumnDrift;
import io.modelwatch.core.result.RunResult;
import io.modelwatch.core.result.SegmentFeatureDrift;

import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.config.Severity;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.synth.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18 part A's acceptance: the generated {@code masked} day (monthly_charges up only for One-year contracts) is
 * found inside the segment and alerted as masked, while the whole batch's test on monthly_charges stays calm; a stable
 * day raises no masked alert. Default configuration (min 500/500 rows, FDR q 0.05, MEDIUM).
 */
class MaskedDriftScenarioTest {

    private static final String FEATURE = "monthly_charges";
    private static final String SEGMENT = "contract_type=One year";

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
        ColumnBatch current = PipelineFixture.batch(dir, scenario, 10_000, seed);
        return pipeline.run(PipelineFixture.info(), profile, current);
    }

    @Test
    void driftInsideOneSegmentIsAlertedAsMaskedWhileTheWholeBatchStaysCalm() {
        RunResult r = run(Scenario.MASKED, 41);
        ColumnDrift whole = r.drift().columns().stream().filter(c -> c.column().equals(FEATURE)).findFirst()
                .orElseThrow();
        assertThat(whole.drifted()).as("whole-batch test on " + FEATURE + ": " + whole).isFalse();
        assertThat(r.alerts()).noneMatch(a -> FEATURE.equals(a.column()) && "drift".equals(a.category()));

        SegmentFeatureDrift inside = r.segmentDrift().stream()
                .filter(d -> d.key().equals(SEGMENT) && d.column().equals(FEATURE)).findFirst().orElseThrow();
        assertThat(inside.drifted()).as(inside.toString()).isTrue();
        assertThat(inside.masked()).isTrue();
        assertThat(inside.currentRows()).isGreaterThanOrEqualTo(500);
        assertThat(inside.referenceRows()).isGreaterThanOrEqualTo(500);

        List<Alert> masked = r.alerts().stream().filter(a -> MaskedDriftAlerts.RULE.equals(a.rule())).toList();
        assertThat(masked).anySatisfy(a -> {
            assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(a.column()).isEqualTo(FEATURE);
            assertThat(a.segment()).isEqualTo(SEGMENT);
        });
        // the other contracts did not change: no masked alert there on monthly_charges
        assertThat(masked).noneMatch(a -> FEATURE.equals(a.column()) && a.segment().startsWith("contract_type=")
                && !a.segment().equals(SEGMENT));
        assertThat(r.metrics()).anySatisfy(m -> {
            assertThat(m.category()).isEqualTo("segment_drift");
            assertThat(m.name()).isEqualTo("masked");
            assertThat(m.column()).isEqualTo(FEATURE);
            assertThat(m.segment()).isEqualTo(SEGMENT);
            assertThat(m.value()).isEqualTo(1.0);
        });
        assertThat(r.rootCause().hypothesis()).contains(FEATURE).contains(SEGMENT);
        assertThat(r.rootCause().segmentDrift()).anySatisfy(c -> {
            assertThat(c.feature()).isEqualTo(FEATURE);
            assertThat(c.key()).isEqualTo(SEGMENT);
            assertThat(c.masked()).isTrue();
        });

        String html = io.modelwatch.core.report.HtmlReport.render(r);
        assertThat(html).contains("<h2>Drift inside segments</h2>").contains(SEGMENT).contains("(masked)");
        assertThat(io.modelwatch.core.report.CsvExport.metrics(r.metrics()))
                .contains("segment_drift,masked," + FEATURE + "," + SEGMENT + ",1");
        assertThat(io.modelwatch.core.report.Json.mapper().valueToTree(r).get("segmentDrift").size())
                .isEqualTo(r.segmentDrift().size());
        System.out.printf("masked scenario: whole batch %s %s = %s (threshold %s); inside %s: %s = %s, PSI %s%n",
                FEATURE, whole.method(), whole.score(), whole.threshold(), SEGMENT, inside.method(), inside.score(),
                inside.psi());
    }

    @Test
    void aStableDayRaisesNoMaskedAlert() {
        RunResult r = run(Scenario.STABLE, 43);
        assertThat(r.segmentDrift()).as("segments with enough rows were tested").hasSizeGreaterThan(100);
        assertThat(r.segmentDrift()).noneMatch(SegmentFeatureDrift::masked);
        assertThat(r.alerts()).noneMatch(a -> MaskedDriftAlerts.RULE.equals(a.rule()));
    }

    /**
     * The effect-size floor: with a 3,000-row reference (segments of 600-1,000 reference rows, so KS / chi-square / z)
     * chi-square flags a value unseen in the segment's reference with p = 0 on stable days; without the floor
     * ({@code min_psi: 0}) those are masked alerts, each with a segment PSI under 0.1; with the default floor
     * (0.1) none is masked.
     */
    @Test
    void onStableDaysWithASmallReferenceTheFloorOnTheSegmentPsiLeavesNoMaskedAlert() {
        String yaml = io.modelwatch.core.config.ConfigWriter.toYaml(PipelineFixture.CONFIG, List.of());
        assertThat(yaml).contains("    min_psi: 0.1\n");
        io.modelwatch.core.config.MonitoringConfig noFloor = io.modelwatch.core.config.ConfigLoader.parse(
                yaml.replace("    min_psi: 0.1\n", "    min_psi: 0\n"), "no floor");
        assertThat(noFloor.drift().withinSegments().minPsi()).isZero();
        MonitoringPipeline withFloor = MonitoringPipeline.of(PipelineFixture.CONFIG);
        MonitoringPipeline without = MonitoringPipeline.of(noFloor);
        ColumnBatch reference = PipelineFixture.batch(dir, Scenario.STABLE, 3_000, 1);
        ReferenceProfile small = withFloor.profile(reference);
        ReferenceProfile smallNoFloor = without.profile(reference);
        int maskedWithout = 0;
        for (long seed = 2; seed <= 5; seed++) {
            ColumnBatch day = PipelineFixture.batch(dir, Scenario.STABLE, 3_000, seed);
            RunResult a = without.run(PipelineFixture.info(), smallNoFloor, day);
            List<SegmentFeatureDrift> masked = a.segmentDrift().stream().filter(SegmentFeatureDrift::masked).toList();
            assertThat(masked).allSatisfy(d -> assertThat(d.psi()).as(d.toString()).isLessThan(0.1));
            maskedWithout += masked.size();
            RunResult b = withFloor.run(PipelineFixture.info(), small, day);
            assertThat(b.segmentDrift()).noneMatch(SegmentFeatureDrift::masked);
            assertThat(b.alerts()).noneMatch(x -> MaskedDriftAlerts.RULE.equals(x.rule()));
        }
        assertThat(maskedWithout).as("masked drifts on 4 stable days without the floor").isPositive();
    }
}
