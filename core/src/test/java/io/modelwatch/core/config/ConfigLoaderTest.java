package io.modelwatch.core.config;

import io.modelwatch.core.drift.ColumnKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsDescribeTheChurnModel() {
        MonitoringConfig c = ConfigLoader.defaults();

        assertThat(c.modelId()).isEqualTo("churn-model");
        assertThat(c.classificationThreshold()).isEqualTo(0.5);
        assertThat(c.segmentMinChurners()).isEqualTo(100);
        assertThat(c.roles()).isEqualTo(ColumnRoles.defaults());
        assertThat(c.features()).hasSize(25);
        assertThat(c.features()).allSatisfy(f -> {
            assertThat(f.nullBudget()).isEqualTo(0.02);
            assertThat(f.driftTest()).isNull();
            assertThat(f.driftThreshold()).isNull();
        });
        assertThat(c.features().stream().filter(FeatureSpec::isNumeric))
                .extracting(FeatureSpec::name, FeatureSpec::min, FeatureSpec::max)
                .containsExactly(
                        tuple("account_age", 1.0, 120.0), tuple("monthly_charges", 18.0, 250.0),
                        tuple("total_charges", 0.0, 30000.0), tuple("customer_age", 18.0, 100.0),
                        tuple("num_products", 1.0, 8.0), tuple("support_tickets_90d", 0.0, 50.0),
                        tuple("late_payments_12m", 0.0, 12.0), tuple("avg_monthly_usage_gb", 0.0, 1000.0),
                        tuple("data_overage_charges", 0.0, 300.0), tuple("num_dependents", 0.0, 10.0),
                        tuple("satisfaction_score", 1.0, 10.0), tuple("days_since_last_login", 0.0, 365.0),
                        tuple("discount_pct", 0.0, 60.0), tuple("num_referrals", 0.0, 30.0),
                        tuple("avg_call_minutes", 0.0, 300.0));
        assertThat(c.features().stream().filter(f -> f.kind() == ColumnKind.CATEGORICAL))
                .extracting(FeatureSpec::name, FeatureSpec::allowedValues)
                .containsExactly(
                        tuple("contract_type", List.of("Month-to-month", "One year", "Two year")),
                        tuple("payment_method", List.of("Electronic check", "Mailed check", "Bank transfer", "Credit card")),
                        tuple("internet_service", List.of("DSL", "Fiber optic", "None")),
                        tuple("gender", List.of("Female", "Male")),
                        tuple("senior_citizen", List.of("Yes", "No")),
                        tuple("partner", List.of("Yes", "No")),
                        tuple("paperless_billing", List.of("Yes", "No")),
                        tuple("phone_service", List.of("Yes", "No")),
                        tuple("streaming_tv", List.of("Yes", "No", "No internet service")),
                        tuple("region", List.of("North", "South", "East", "West", "Central")));
        assertThat(c.segments()).containsExactly(
                new SegmentSpec("contract_type", "contract_type", List.of()),
                new SegmentSpec("tenure_band", "account_age", List.of(0.0, 12.0, 24.0, 48.0, 120.0)),
                new SegmentSpec("charge_band", "monthly_charges", List.of(0.0, 50.0, 100.0, 150.0, 300.0)));
        assertThat(c.drift()).isEqualTo(DriftSettings.defaults());
        assertThat(c.quality()).isEqualTo(QualitySettings.defaults());
        assertThat(c.alertRules())
                .extracting(AlertRuleSpec::category, AlertRuleSpec::metric, AlertRuleSpec::scope,
                        r -> r.condition().key(), AlertRuleSpec::threshold, r -> r.severity().name())
                .containsExactly(
                        tuple("performance", "recall", "dataset", "below", 0.70, "HIGH"),
                        tuple("performance", "recall", "dataset", "below", 0.75, "MEDIUM"),
                        tuple("performance", "recall", "dataset", "below", 0.80, "LOW"),
                        tuple("estimated_performance", "recall", "dataset", "below", 0.70, "HIGH"),
                        tuple("estimated_performance", "recall", "dataset", "below", 0.75, "MEDIUM"),
                        tuple("estimated_performance", "recall", "dataset", "below", 0.80, "LOW"),
                        tuple("psi", "psi", "any", "above", 0.25, "HIGH"),
                        tuple("psi", "psi", "any", "above", 0.15, "MEDIUM"),
                        tuple("psi", "psi", "features", "above", 0.10, "LOW"),
                        tuple("concept", "churn_rate_change", "dataset", "abs_above", 0.10, "HIGH"),
                        tuple("concept", "churn_rate_change", "dataset", "abs_above", 0.05, "MEDIUM"),
                        tuple("segment", "recall_drop", "any", "above", 0.15, "HIGH"),
                        tuple("importance", "iv_change_pct", "features", "abs_above", 15.0, "LOW"),
                        tuple("importance", "woe_sign_flips", "features", "above", 0.0, "LOW"));
    }

    @Test
    void theDeployedFileIsTheBuiltInDefault() throws IOException {
        // core's build packs k8s/base/monitoring.yaml: the resource must be that file, byte for byte
        Path example = Path.of("..", "k8s", "base", "monitoring.yaml");
        byte[] resource;
        try (InputStream in = ConfigLoader.class.getResourceAsStream(ConfigLoader.DEFAULT_RESOURCE)) {
            resource = in.readAllBytes();
        }
        assertThat(Files.readAllBytes(example)).isEqualTo(resource);
        assertThat(ConfigLoader.load(example)).isEqualTo(ConfigLoader.defaults());
    }

    @Test
    void leftOutSectionsAndKeysFallBackToTheDefaults() {
        MonitoringConfig c = ConfigLoader.parse("""
                model_id: other
                drift:
                  method: psi
                quality:
                  default_null_budget: 0.1
                  duplicate_id_severity: low
                """, "partial.yaml");
        assertThat(c.modelId()).isEqualTo("other");
        assertThat(c.drift()).isEqualTo(new DriftSettings("psi", null, 0.5, 10, 1e-4, false, SegmentDriftSettings.defaults()));
        assertThat(c.quality().duplicateIdSeverity().name()).isEqualTo("LOW");
        assertThat(c.quality().nullBudgetSeverity().name()).isEqualTo("HIGH");
        // The default features have no null_budget of their own, so they follow the file's default.
        assertThat(c.features()).hasSize(25).allSatisfy(f -> assertThat(f.nullBudget()).isEqualTo(0.1));
        assertThat(c.alertRules()).isEqualTo(ConfigLoader.defaults().alertRules());
        assertThat(ConfigLoader.parse("", "empty.yaml")).isEqualTo(ConfigLoader.defaults());
        // the nested isolation_forest section is merged key by key too
        IsolationForestSettings forest = ConfigLoader.parse("anomaly: {isolation_forest: {seed: 7, severity: low}}\n",
                "forest.yaml").anomaly().isolationForest();
        assertThat(forest).isEqualTo(new IsolationForestSettings(true, 60, 14, 100, 256, 7, 0.95, 0.5, CheckSeverity.LOW, 5,
                IsolationForestSettings.defaults().metrics()));
        assertThat(ConfigLoader.defaults().anomaly().isolationForest()).isEqualTo(IsolationForestSettings.defaults());
        assertThat(ConfigLoader.parse("features:\nsegments:\n", "nulls.yaml")).isEqualTo(ConfigLoader.defaults());
    }

    @Test
    void aFullCustomFileIsReadAsWritten() throws IOException {
        Path file = dir.resolve("custom.yaml");
        Files.writeString(file, """
                model_id: m2
                roles: {id: cid, timestamp: ts, probability: p, predicted_class: c, target: y, label_date: d}
                features:
                  - {name: age, kind: numeric, min: 0, null_budget: 0.5, drift_test: ks, drift_threshold: 0.01}
                  - {name: flag, kind: categorical, allowed_values: [Yes, No, On, 3]}
                segments:
                  - {name: age_band, column: age, bands: [0, 30, 60.5]}
                alert_rules:
                  - {name: r1, category: psi, metric: psi, scope: age, condition: abs_above, threshold: 0.2, severity: medium}
                """);
        MonitoringConfig c = ConfigLoader.load(file);
        assertThat(c.roles()).isEqualTo(new ColumnRoles("cid", "ts", "p", "c", "y", "d"));
        assertThat(c.features()).containsExactly(
                new FeatureSpec("age", ColumnKind.NUMERIC, 0.0, null, List.of(), 0.5, "ks", 0.01),
                new FeatureSpec("flag", ColumnKind.CATEGORICAL, null, null, List.of("Yes", "No", "On", "3"), 0.02,
                        null, null));
        assertThat(c.segments()).containsExactly(new SegmentSpec("age_band", "age", List.of(0.0, 30.0, 60.5)));
        assertThat(c.alertRules()).containsExactly(new AlertRuleSpec("r1", "psi", "psi", "age", Condition.ABS_ABOVE, 0.2, Severity.MEDIUM));
    }

    private static final String FOUR_FEATURES = """
            features:
              - {name: a, kind: numeric}
              - {name: b, kind: numeric}
              - {name: c, kind: categorical}
              - %s
            """;

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("colour: red\n", List.of("colour", "valid keys", "model_id")),
                Arguments.of(FOUR_FEATURES.formatted("{name: d, kind: numeric, null_budget: 1.5}"),
                        List.of("features[3].null_budget", "expected a number in [0, 1]", "1.5")),
                Arguments.of(FOUR_FEATURES.formatted("{name: d, kind: numeric, null_budget: lots}"),
                        List.of("features[3].null_budget", "expected a number", "'lots'")),
                Arguments.of(FOUR_FEATURES.formatted("{name: d, kind: numeric, nul_budget: 0.1}"),
                        List.of("features[3].nul_budget", "unknown key", "null_budget")),
                Arguments.of(FOUR_FEATURES.formatted("{name: d, kind: text}"),
                        List.of("features[3].kind", "numeric or categorical", "'text'")),
                Arguments.of(FOUR_FEATURES.formatted("{name: d, kind: numeric, min: 5, max: 1}"),
                        List.of("features[3].max", ">= min")),
                Arguments.of(FOUR_FEATURES.formatted("{name: a, kind: numeric}"),
                        List.of("features[3].name", "'a' again")),
                Arguments.of(FOUR_FEATURES.formatted("{name: d, kind: numeric, drift_test: kolmogorov}"),
                        List.of("features[3].drift_test", "'kolmogorov'", "ks", "psi")),
                Arguments.of(FOUR_FEATURES.formatted("{name: d, kind: categorical, drift_test: ks}"),
                        List.of("features[3].drift_test", "categorical", "chisquare")),
                Arguments.of(FOUR_FEATURES.formatted("{name: d, kind: categorical, min: 0}"),
                        List.of("features[3].min", "categorical")),
                Arguments.of(FOUR_FEATURES.formatted("{name: d, kind: categorical, allowed_values: [true, x]}"),
                        List.of("features[3].allowed_values[0]", "a string")),
                Arguments.of("features: []\n", List.of("features", "at least one feature")),
                Arguments.of("features: {a: 1}\n", List.of("features", "expected a list", "a map")),
                Arguments.of("segments:\n  - {name: t, column: account_age, bands: [0, 24, 12]}\n",
                        List.of("segments[0].bands[2]", "ascending")),
                Arguments.of("segments:\n  - {name: t, column: account_age}\n",
                        List.of("segments[0].bands", "band edges")),
                Arguments.of("segments:\n  - {name: t, column: nowhere}\n",
                        List.of("segments[0].column", "'nowhere'", "account_age")),
                Arguments.of("segments:\n  - {name: t, column: region, bands: [0, 1]}\n",
                        List.of("segments[0].bands", "categorical")),
                Arguments.of("drift: {method: magic}\n", List.of("drift.method", "'magic'", "auto", "wasserstein")),
                // one method for every column: each column's kind must be one the test accepts
                Arguments.of("drift: {method: ks}\n", List.of("drift.method", "'ks'", "does not accept categorical columns",
                        "the feature 'contract_type' is categorical", "auto or one of [", "psi")),
                // a feature with a drift_test of its own is exempt; the predicted class and target are categorical
                Arguments.of("features:\n  - {name: a, kind: numeric}\n  - {name: b, kind: categorical, drift_test: z}\n"
                                + "segments: []\ndrift: {method: wasserstein}\n",
                        List.of("drift.method", "'wasserstein'", "the predicted class column 'churn_class' is categorical")),
                Arguments.of("drift: {psi_bins: 2.5}\n", List.of("drift.psi_bins", "whole number")),
                Arguments.of("drift: {mann_whitney_two_sided: maybe}\n",
                        List.of("drift.mann_whitney_two_sided", "true or false")),
                Arguments.of("quality: {null_budget_severity: URGENT}\n",
                        List.of("quality.null_budget_severity", "HIGH", "NONE", "'URGENT'")),
                Arguments.of("quality: {default_null_budget: -0.1}\n",
                        List.of("quality.default_null_budget", "[0, 1]")),
                Arguments.of("roles: {id: x, timestamp: x}\n", List.of("roles.timestamp", "'x' twice")),
                Arguments.of(rule("condition: beneath"), List.of("alert_rules[0].condition", "below, above, abs_above")),
                Arguments.of(rule("severity: NONE"), List.of("alert_rules[0].severity", "[HIGH, MEDIUM, LOW]")),
                Arguments.of(rule("scope: nowhere"), List.of("alert_rules[0].scope", "'nowhere'")),
                Arguments.of(rule("threshold: high"), List.of("alert_rules[0].threshold", "expected a number")),
                Arguments.of("alert_rules:\n  - {name: r, category: c, metric: m, scope: any, condition: above, severity: LOW}\n",
                        List.of("alert_rules[0].threshold", "required")),
                Arguments.of("classification_threshold: 2\n", List.of("classification_threshold", "[0, 1]")),
                Arguments.of("model_id: a\nmodel_id: b\n", List.of("not valid YAML", "line 2", "model_id")),
                Arguments.of("model_id: [unclosed\n", List.of("not valid YAML")),
                Arguments.of("- just\n- a list\n", List.of("top level", "a list")),
                Arguments.of("notifications: {slack_webhook_env: SLACK_URL}\n",
                        List.of("notifications.slack_webhook_env", "starting with MODELWATCH_SLACK_WEBHOOK_", "'SLACK_URL'")),
                Arguments.of("notifications: {email_high: [oncall]}\n",
                        List.of("notifications.email_high[0]", "an email address", "'oncall'")),
                Arguments.of("notifications: {email_low: ops@example.com}\n", List.of("notifications.email_low", "a list")),
                Arguments.of("notifications: {slack_channel: \"# alerts\"}\n", List.of("notifications.slack_channel")),
                Arguments.of("notifications: {webhook: x}\n", List.of("notifications.webhook", "unknown key")),
                Arguments.of("anomaly: {isolation_forest: {window: 10, min_history: 14}}\n",
                        List.of("anomaly.isolation_forest.min_history", "<= window (10)", "14")),
                Arguments.of("anomaly: {isolation_forest: {min_history: 2}}\n",
                        List.of("anomaly.isolation_forest.min_history", "[3, 10000]", "2")),
                Arguments.of("anomaly: {isolation_forest: {alert_quantile: 0.3}}\n",
                        List.of("anomaly.isolation_forest.alert_quantile", "[0.5, 1]", "0.3")),
                Arguments.of("anomaly: {isolation_forest: {max_samples: 1}}\n",
                        List.of("anomaly.isolation_forest.max_samples", "[2, 100000]", "1")),
                Arguments.of("anomaly: {isolation_forest: {n_estimators: 0}}\n",
                        List.of("anomaly.isolation_forest.n_estimators", "[1, 10000]")),
                Arguments.of("anomaly: {isolation_forest: {enabled: maybe}}\n",
                        List.of("anomaly.isolation_forest.enabled", "true or false")),
                Arguments.of("anomaly: {isolation_forest: {metrics: [recall]}}\n",
                        List.of("anomaly.isolation_forest.metrics[0]", "category/name", "'recall'")),
                Arguments.of("anomaly: {isolation_forest: {metrics: [\"anomaly/isolation_forest_score\"]}}\n",
                        List.of("anomaly.isolation_forest.metrics[0]", "not an anomaly row")),
                Arguments.of("anomaly: {isolation_forest: {metrics: [\"psi/psi:median\"]}}\n",
                        List.of("anomaly.isolation_forest.metrics[0]", "'psi/psi:median'")),
                Arguments.of("anomaly: {isolation_forest: {metrics: []}}\n",
                        List.of("anomaly.isolation_forest.metrics", "at least one metric")),
                Arguments.of("anomaly: {isolation_forest: {trees: 5}}\n",
                        List.of("anomaly.isolation_forest.trees", "unknown key", "n_estimators")));
    }

    @Test
    void theDefaultSegmentsOfColumnsAnotherTableLacksAreLeftOut() {
        MonitoringConfig other = ConfigLoader.parse("features:\n  - {name: plan, kind: categorical}\n"
                + "  - {name: account_age, kind: categorical}\n  - {name: monthly_charges, kind: numeric}\n", "other.yaml");
        // tenure_band needs a numeric account_age, contract_type a contract_type feature: only charge_band stays
        assertThat(other.segments()).extracting(SegmentSpec::name).containsExactly("charge_band");
        // segments given are checked as before
        assertThatThrownBy(() -> ConfigLoader.parse("features: [{name: plan, kind: categorical}]\n"
                + "segments: [{name: s, column: nowhere}]\n", "x.yaml")).hasMessageContaining("segments[0].column");
    }

    @Test
    void aWebhookUrlIsRefusedWithoutBeingRepeated() {
        String url = "https://hooks.slack.com/services/T000/B000/secret-token";
        assertThatThrownBy(() -> ConfigLoader.parse("notifications: {slack_webhook_env: \"" + url + "\"}\n", "fraud.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("fraud.yaml: notifications.slack_webhook_env: expected the name of the environment "
                        + "variable (or Secret key) holding the webhook URL, never the URL itself")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-token").doesNotContain("hooks.slack"));
    }

    @Test
    void notificationsLeftOutAreTheDeploymentsAndGivenOnesAreKept() {
        assertThat(ConfigLoader.defaults().notifications()).isEqualTo(NotificationSettings.defaults());
        MonitoringConfig c = ConfigLoader.parse("""
                notifications:
                  slack_webhook_env: MODELWATCH_SLACK_WEBHOOK_FRAUD
                  email_high: [oncall@example.com]
                  email_medium: []
                """, "fraud.yaml");
        assertThat(c.notifications()).isEqualTo(new NotificationSettings("MODELWATCH_SLACK_WEBHOOK_FRAUD", null,
                List.of("oncall@example.com"), List.of(), null));
        assertThat(c.notifications().emailRecipients(Severity.LOW)).isEmpty();
        assertThat(c.notifications().emailRecipients(Severity.MEDIUM)).contains(List.of());
    }

    private static String rule(String override) {
        String base = "{name: r, category: c, metric: m, scope: any, condition: above, threshold: 1, severity: LOW}";
        String key = override.substring(0, override.indexOf(':'));
        String replaced = base.replaceAll(key + ": [^,}]+", override);
        return "alert_rules:\n  - " + replaced + "\n";
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void badValuesNameTheFileTheKeyPathAndWhatWasExpected(String yaml, List<String> fragments) throws IOException {
        Path file = dir.resolve("monitoring.yaml");
        Files.writeString(file, yaml);
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .satisfies(e -> assertThat(e.getMessage()).contains(fragments));
    }

    @Test
    void missingFileIsAConfigError() {
        Path file = dir.resolve("absent.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class).hasMessageContaining("absent.yaml");
    }
}
