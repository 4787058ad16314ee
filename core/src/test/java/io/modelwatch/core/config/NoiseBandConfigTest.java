package io.modelwatch.core.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code noise_bands} and a rule's {@code band_sigma} in {@code monitoring.yaml}. */
class NoiseBandConfigTest {

    static final String RULE = "alert_rules:\n"
            + "  - {name: psi-low, category: psi, metric: psi, scope: features, condition: above, threshold: 0.1,"
            + " severity: LOW, band_sigma: 2.5}\n"
            + "  - {name: psi-high, category: psi, metric: psi, scope: any, condition: above, threshold: 0.25,"
            + " severity: HIGH}\n";

    @Test
    void theBuiltInBandIsThreeStandardErrors() {
        MonitoringConfig c = ConfigLoader.defaults();
        assertThat(c.noiseBands().sigma()).isEqualTo(3.0);
        assertThat(c.noiseBands().bootstrapReplicates()).isEqualTo(200);
        assertThat(c.alertRules()).allSatisfy(r -> assertThat(c.bandSigma(r)).isEqualTo(3.0));
    }

    @Test
    void aRuleMaySetItsOwnBandAndTheRestTakeTheGlobalOne() {
        MonitoringConfig c = ConfigLoader.parse("noise_bands: {sigma: 4}\n" + RULE, "m.yaml");
        assertThat(c.noiseBands().sigma()).isEqualTo(4.0);
        assertThat(c.noiseBands().bootstrapReplicates()).as("left out: the default").isEqualTo(200);
        assertThat(c.alertRules()).extracting(AlertRuleSpec::bandSigma).containsExactly(2.5, null);
        assertThat(c.alertRules()).extracting(c::bandSigma).containsExactly(2.5, 4.0);
        assertThat(ConfigLoader.parse(ConfigWriter.toYaml(c, List.of()), "written")).isEqualTo(c);
    }

    @Test
    void badValuesNameTheFileAndTheKey() {
        assertThatThrownBy(() -> ConfigLoader.parse("noise_bands: {sigma: -1}\n", "m.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("m.yaml: noise_bands.sigma: expected a number in [0, 100], got -1");
        assertThatThrownBy(() -> ConfigLoader.parse("noise_bands: {sigmas: 3}\n", "m.yaml"))
                .hasMessageContaining("m.yaml: noise_bands.sigmas: unknown key");
        assertThatThrownBy(() -> ConfigLoader.parse(RULE.replace("band_sigma: 2.5", "band_sigma: wide"), "m.yaml"))
                .hasMessage("m.yaml: alert_rules[0].band_sigma: expected a number, got the text 'wide'");
        assertThatThrownBy(() -> ConfigLoader.parse("noise_bands: {bootstrap_replicates: 1}\n", "m.yaml"))
                .hasMessage("m.yaml: noise_bands.bootstrap_replicates: expected a whole number in [2, 100000], got 1");
    }
}
