package io.modelwatch.core.config;

import io.modelwatch.core.data.SchemaRule;

import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.synth.Scenario;
import io.modelwatch.core.synth.StreamingChurnGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code monitoring.yaml} written from a configuration reads back to an equal configuration. */
class ConfigWriterTest {

    @TempDir
    Path dir;

    @Test
    void theBuiltInConfigurationRoundTrips() {
        MonitoringConfig defaults = ConfigLoader.defaults();
        String yaml = ConfigWriter.toYaml(defaults, List.of("built-in"));
        assertThat(yaml).startsWith("# built-in\n").contains("\nfeatures:\n  - {name: account_age, kind: numeric, min: 1, max: 120");
        assertThat(ConfigLoader.parse(yaml, "written")).isEqualTo(defaults);
    }

    @Test
    void anInferredConfigurationOfAnotherTableRoundTrips() throws IOException {
        Path file = dir.resolve("streaming.csv");
        StreamingChurnGenerator.of(Scenario.STABLE, LocalDate.of(2026, 1, 5), "R").write(file, 3000, 5);
        ColumnBatch reference = CsvReader.withDefaults().read(file, SchemaRule.referenceSchema(null, ConfigLoader.defaults()));
        MonitoringConfig inferred = SchemaRule.resolve(null, ConfigLoader.defaults(), reference);

        String yaml = ConfigWriter.toYaml(inferred, List.of());
        // "on"/"off" are text, not booleans; decimals are written exactly
        assertThat(yaml).contains("{name: autoplay, kind: categorical, allowed_values: [\"on\", \"off\"]");
        assertThat(ConfigLoader.parse(yaml, "written")).isEqualTo(inferred);
        assertThat(inferred.feature("account_age").orElseThrow().isNumeric()).isFalse();
        assertThat(inferred.feature("contract_type").orElseThrow().isNumeric()).isTrue();
    }

    @Test
    void everyOptionalValueRoundTrips() {
        MonitoringConfig c = ConfigLoader.parse("""
                model_id: "fraud model: v2"
                classification_threshold: 0.3141592653589793
                roles: {id: txn id, timestamp: scored_at, probability: score, predicted_class: flag, target: "true",
                        label_date: labelled}
                features:
                  - {name: amount, kind: numeric, min: -0.001, max: 123456789.5, null_budget: 0.125, drift_test: ks,
                     drift_threshold: 0.01}
                  - {name: "1st", kind: categorical, allowed_values: ["null", "Yes", "a,b", "x: y", "ü", "1.5"]}
                  - {name: plain, kind: numeric}
                segments:
                  - {name: by_amount, column: amount, bands: [-1, 0.5, 1e6]}
                drift: {method: jensenshannon, threshold: 0.2, psi_epsilon: 0.000001, mann_whitney_two_sided: true}
                anomaly: {categories: [], isolation_forest: {enabled: false, window: 30, min_history: 20, n_estimators: 7,
                          max_samples: 16, seed: 123, alert_quantile: 0.99, min_score: 0.55, severity: none,
                          top_contributors: 2, metrics: ["psi/psi", "quality/null_share:mean"]}}
                notifications: {slack_webhook_env: MODELWATCH_SLACK_WEBHOOK_FRAUD, slack_channel: "#fraud",
                                email_high: [a@example.com, b@example.com], email_low: []}
                alert_rules:
                  - {name: amount-psi, category: psi, metric: psi, scope: amount, condition: abs_above, threshold: 1e-7,
                     severity: low}
                """, "test");
        String yaml = ConfigWriter.toYaml(c, List.of("line one", "line two"));
        assertThat(ConfigLoader.parse(yaml, "written")).isEqualTo(c);
        assertThat(c.anomaly().isolationForest()).isEqualTo(new io.modelwatch.core.config.IsolationForestSettings(false,
                30, 20, 7, 16, 123, 0.99, 0.55, CheckSeverity.NONE, 2, List.of("psi/psi", "quality/null_share:mean")));
        assertThat(yaml).contains("threshold: 0.0000001").doesNotContain("E-");
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "False", "null", "~", "yes", "No", "on", "OFF", "1", "-2.5", "1e3", ".inf", "0x1F",
            "a b", "a,b", "a:b", "#x", "[x]", "{x}", "'x'", "\"x\"", "x\\y", "tab\there", "line\nbreak", "", " lead",
            "2024-01-01", "*star", "&anchor", "!tag", "%pct", "@at", "`tick", "-", "?"})
    void aTextValueReadsBackAsTheSameText(String value) {
        MonitoringConfig c = ConfigLoader.parse("features:\n  - {name: c, kind: categorical}\nsegments: []\n", "test");
        MonitoringConfig withValue = new MonitoringConfig(c.modelId(), c.roles(),
                List.of(new FeatureSpec("c", io.modelwatch.core.drift.ColumnKind.CATEGORICAL, null, null,
                        List.of(value.isEmpty() ? "empty" : value, "other"), 0.02, null, null)),
                c.segments(), c.drift(), c.quality(), c.alertRules(), c.classificationThreshold(), c.segmentMinChurners(),
                c.importance(), c.anomaly(), c.labels(), c.notifications());
        assertThat(ConfigLoader.parse(ConfigWriter.toYaml(withValue, List.of()), "written")).isEqualTo(withValue);
    }
}
