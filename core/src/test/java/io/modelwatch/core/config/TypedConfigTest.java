package io.modelwatch.core.config;

import io.modelwatch.core.drift.ColumnKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The records check themselves, whether bound from YAML or built in code, and the binder names the key path. */
class TypedConfigTest {

    static Stream<Arguments> refusedFiles() {
        return Stream.of(
                Arguments.of("drift: {within_segments: {fdr: 0.1}}\n",
                        "x.yaml: drift.within_segments.fdr: unknown key; valid keys here are [enabled, "
                                + "min_reference_rows, min_current_rows, fdr_q, severity, min_psi]"),
                Arguments.of("anomaly: {isolation_forest: {trees: 5}}\n", "x.yaml: anomaly.isolation_forest.trees: "
                        + "unknown key; valid keys here are [enabled, window, min_history, n_estimators, max_samples,"),
                Arguments.of("model_id: 3\n", "x.yaml: model_id: expected a string, got 3"),
                Arguments.of("segment_min_churners: 99999999999\n",
                        "x.yaml: segment_min_churners: expected a whole number, got 99999999999"),
                Arguments.of("alert_rules: [{name: r, category: c, metric: m, scope: any, condition: above, severity: LOW}]\n",
                        "x.yaml: alert_rules[0].threshold: expected a value (the key is required), got nothing"),
                Arguments.of("anomaly: {severity: urgent}\n",
                        "x.yaml: anomaly.severity: expected one of [HIGH, MEDIUM, LOW, NONE], got 'urgent'"),
                Arguments.of("alert_rules: [{name: r, category: c, metric: m, scope: any, condition: Above, threshold: 1,"
                        + " severity: LOW}]\n",
                        "x.yaml: alert_rules[0].condition: expected one of below, above, abs_above, got 'Above'"),
                Arguments.of("features: [{name: a, kind: Numeric}]\n",
                        "x.yaml: features[0].kind: expected numeric or categorical, got 'Numeric'"),
                Arguments.of("labels: {lag_days: \"60\"}\n", "x.yaml: labels.lag_days: expected a whole number, got the text '60'"),
                Arguments.of("noise_bands: {sigma: true}\n", "x.yaml: noise_bands.sigma: expected a number, got true (a boolean)"),
                Arguments.of("roles: {id: [a]}\n", "x.yaml: roles.id: expected a string"),
                Arguments.of("drift: 5\n", "x.yaml: drift: expected a map of keys, got 5"),
                Arguments.of("features: [{name: a, kind: numeric}]\nsegments: [{name: s, column: a, bands: [1]}]\n",
                        "x.yaml: segments[0].bands: expected at least two band edges, got [1.0]"),
                Arguments.of("anomaly: {categories: [performance, performance]}\n",
                        "x.yaml: anomaly.categories[1]: expected each value once, got 'performance' again"),
                Arguments.of("alert_rules: [{name: r, category: c, metric: m, scope: any, condition: above, threshold: 1,"
                        + " severity: LOW, band_sigma: -1}]\n",
                        "x.yaml: alert_rules[0]: alert rule 'r': band_sigma must be a finite number >= 0, got -1.0"));
    }

    @ParameterizedTest
    @MethodSource("refusedFiles")
    void aRefusalNamesTheSourceTheKeyPathAndTheValidValues(String yaml, String message) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "x.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void anUnknownKeyListsTheKeysOfItsSection() {
        assertThatThrownBy(() -> ConfigLoader.parse("labels: {lag: 3}\n", "x.yaml"))
                .hasMessageContaining("labels.lag: unknown key")
                .hasMessageContaining("min_coverage").hasMessageContaining("lag_days");
    }

    @Test
    void aConfigurationBuiltInCodeIsCheckedAsAFileIs() {
        assertThatThrownBy(() -> new FeatureSpec("a", ColumnKind.NUMERIC, null, null, List.of(), 1.5, null, null))
                .isInstanceOf(ConfigException.class)
                .hasMessage("null_budget: expected a number in [0, 1], got 1.5");
        assertThatThrownBy(() -> new FeatureSpec("a", ColumnKind.CATEGORICAL, null, null, List.of(), 0, "ks", null))
                .hasMessageStartingWith("drift_test: expected a test for categorical columns, one of [");
        assertThatThrownBy(() -> new AlertRuleSpec(" ", "psi", "psi", "any", Condition.ABOVE, 0.1, Severity.LOW))
                .hasMessage("name: expected a non-empty string, got an empty string");
        assertThatThrownBy(() -> new ColumnRoles("id", "ts", "p", "c", "id", "d"))
                .hasMessage("target: expected a column not used by another role, got 'id' twice");
        MonitoringConfig d = ConfigLoader.defaults();
        assertThatThrownBy(() -> new MonitoringConfig(d.modelId(), d.roles(), d.features(),
                List.of(new SegmentSpec("s", "nowhere", List.of())), d.drift(), d.quality(), List.of(),
                d.classificationThreshold(), d.segmentMinChurners()))
                .hasMessageStartingWith("segments[0].column: expected one of the features [");
        assertThatThrownBy(() -> new MonitoringConfig(d.modelId(), d.roles(), d.features(), d.segments(), d.drift(),
                d.quality(), List.of(new AlertRuleSpec("r", "psi", "psi", "nowhere", Condition.ABOVE, 0.1, Severity.LOW)),
                d.classificationThreshold(), d.segmentMinChurners()))
                .hasMessage("alert_rules[0].scope: expected any, features, dataset, or a feature, role column or segment "
                        + "name, got 'nowhere'");
        assertThatThrownBy(() -> new DriftSettings("magic", null, 0.5, 10, 1e-4, false, null))
                .hasMessageStartingWith("method: expected auto or one of [");
    }

    @Test
    void theKeywordsReadAsTheyAreWritten() {
        assertThat(Condition.keys()).containsExactly("below", "above", "abs_above");
        assertThat(RuleScope.keys()).containsExactly("any", "features", "dataset", "segments");
        assertThat(Condition.ABS_ABOVE.fires(-0.2, 0.1)).isTrue();
        assertThat(Condition.BELOW.fires(0.1, 0.1)).isFalse();
        assertThat(CheckSeverity.NONE.severity()).isEmpty();
        assertThat(CheckSeverity.MEDIUM.severity()).contains(Severity.MEDIUM);
        MonitoringConfig c = ConfigLoader.parse("quality: {null_budget_severity: none}\nanomaly: {severity: ' medium '}\n",
                "x.yaml");
        assertThat(c.quality().nullBudgetSeverity()).isEqualTo(CheckSeverity.NONE);
        assertThat(c.anomaly().severity()).isEqualTo(CheckSeverity.MEDIUM);
    }
}
