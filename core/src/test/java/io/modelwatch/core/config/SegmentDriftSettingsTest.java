package io.modelwatch.core.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code drift.within_segments}: defaults, key-by-key merge, errors naming the field, and the written YAML. */
class SegmentDriftSettingsTest {

    private static final String BASE = """
            model_id: m
            roles: {id: id, probability: p}
            features:
              - {name: x, kind: numeric}
            segments: []
            alert_rules: []
            """;

    @Test
    void leftOutTheDefaultsApply() {
        SegmentDriftSettings s = ConfigLoader.parse(BASE, "t").drift().withinSegments();
        assertThat(s).isEqualTo(new SegmentDriftSettings(true, 500, 500, 0.05, CheckSeverity.MEDIUM, 0.1));
    }

    @Test
    void givenKeysReplaceOnlyThemselves() {
        SegmentDriftSettings s = ConfigLoader.parse(BASE + "drift:\n  within_segments: {min_current_rows: 200, fdr_q: 0.1,"
                + " severity: NONE, min_psi: 0.25}\n", "t").drift().withinSegments();
        assertThat(s).isEqualTo(new SegmentDriftSettings(true, 500, 200, 0.1, CheckSeverity.NONE, 0.25));
    }

    @Test
    void aBadRateOrUnknownKeyIsNamed() {
        assertThatThrownBy(() -> ConfigLoader.parse(BASE + "drift:\n  within_segments: {fdr_q: 1}\n", "monitoring.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("monitoring.yaml")
                .hasMessageContaining("drift.within_segments.fdr_q");
        assertThatThrownBy(() -> ConfigLoader.parse(BASE + "drift:\n  within_segments: {min_rows: 1}\n", "monitoring.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("min_rows");
        assertThatThrownBy(() -> ConfigLoader.parse(BASE + "drift:\n  within_segments: {min_psi: -0.1}\n", "monitoring.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("drift.within_segments.min_psi");
    }

    @Test
    void theWrittenConfigurationReadsBackTheSame() {
        MonitoringConfig c = ConfigLoader.parse(BASE + "drift:\n  within_segments: {min_reference_rows: 300, fdr_q: 0.01}\n",
                "t");
        assertThat(ConfigLoader.parse(ConfigWriter.toYaml(c, java.util.List.of()), "written").drift())
                .isEqualTo(c.drift());
    }
}
