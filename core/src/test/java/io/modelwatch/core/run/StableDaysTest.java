package io.modelwatch.core.run;

import io.modelwatch.core.metrics.MetricRow;
import io.modelwatch.core.result.RunResult;

import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.anomaly.MetricHistory;
import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.config.NoiseBandSettings;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.synth.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Days on which nothing changed (the generator's stable process, new rows every day) raise no alert: the
 * thresholds alone raise several a day (IV changes and WoE sign flips of sampling noise), the no-change bands hold
 * them back. The drift, concept, segment and covariate scenarios that must still alert are asserted in
 * {@link DepthScenariosTest}, {@link MonitoringPipelineTest} and the CLI's ScenarioVerdictTest.
 */
class StableDaysTest {

    @TempDir
    Path dir;

    @Test
    void stableDaysRaiseNoAlertWithTheBandsAndFalseAlertsWithoutThem() {
        MonitoringConfig banded = ConfigLoader.defaults();
        MonitoringConfig thresholdsOnly = new MonitoringConfig(banded.modelId(), banded.roles(), banded.features(),
                banded.segments(), banded.drift(), banded.quality(), banded.alertRules(),
                banded.classificationThreshold(), banded.segmentMinChurners(), banded.importance(), banded.anomaly(),
                banded.labels(), banded.notifications(), new NoiseBandSettings(0, 200, 1));
        ReferenceProfile profile = MonitoringPipeline.of(banded).profile(PipelineFixture.batch(dir, Scenario.STABLE, 10_000, 7));

        int days = 5;
        List<Alert> withBands = new ArrayList<>();
        List<Alert> withoutBands = new ArrayList<>();
        int held = 0;
        for (int d = 1; d <= days; d++) {
            var current = PipelineFixture.batch(dir, Scenario.STABLE, 5_000, 100 + d);
            RunResult r = MonitoringPipeline.of(banded).run(PipelineFixture.info(), profile, current, MetricHistory.empty());
            withBands.addAll(r.alerts());
            held += r.heldBack().size();
            assertThat(r.metrics()).filteredOn(m -> MetricRow.HELD.equals(m.status())).hasSize(r.heldBack().size())
                    .allSatisfy(m -> {
                        assertThat(m.bandExpected()).isNotNull();
                        assertThat(m.bandError()).isNotNull();
                        assertThat(m.threshold()).isNotNull();
                    });
            withoutBands.addAll(MonitoringPipeline.of(thresholdsOnly).run(PipelineFixture.info(), profile, current,
                    MetricHistory.empty()).alerts());
        }
        assertThat(withBands).as("alerts on %d stable days with the bands", days).isEmpty();
        assertThat(withoutBands.size()).as("false alerts on %d stable days with the thresholds alone", days)
                .isGreaterThanOrEqualTo(days);
        assertThat(held).as("each of those held back instead").isEqualTo(withoutBands.size());
    }
}
