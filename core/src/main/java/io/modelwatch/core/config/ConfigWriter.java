package io.modelwatch.core.config;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a {@link MonitoringConfig} as a complete {@code monitoring.yaml}: every key of every section, in the
 * layout of the built-in file, so a user can read the configuration a profile was computed with (explicit or
 * inferred), edit it and register it again. {@link ConfigLoader#parse} reads the text back to an equal
 * configuration (the round trip is tested).
 *
 * <p>Numbers are written exactly: a whole number without a fraction, any other value as the shortest decimal
 * that reads back to the same double ({@link BigDecimal#valueOf(double)}, never an exponent, which YAML 1.1 would
 * read as text without a sign). A text value is written plain when it is a simple name that YAML cannot read as
 * anything else, otherwise double-quoted with JSON escapes (a valid YAML double-quoted scalar).
 */
public final class ConfigWriter {

    /** A plain scalar that is safe in block and flow context alike. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");
    /** Plain words YAML (1.1 or 1.2) reads as booleans, nulls or special numbers. */
    private static final Set<String> RESERVED = Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null",
            "nan", "inf", "infinity");

    private ConfigWriter() {
    }

    /**
     * The configuration as YAML text.
     *
     * @param config  the configuration
     * @param comment lines put at the top as comments (where it came from), may be empty
     */
    public static String toYaml(MonitoringConfig config, List<String> comment) {
        StringBuilder y = new StringBuilder();
        for (String line : comment) {
            y.append("# ").append(line).append('\n');
        }
        y.append("# Every key is documented in docs/configuration.md.\n\n");
        y.append("model_id: ").append(text(config.modelId())).append('\n');
        y.append("classification_threshold: ").append(number(config.classificationThreshold())).append('\n');
        y.append("segment_min_churners: ").append(config.segmentMinChurners()).append('\n');

        ColumnRoles r = config.roles();
        y.append("\nroles:\n");
        key(y, "id", text(r.id()));
        key(y, "timestamp", text(r.timestamp()));
        key(y, "probability", text(r.probability()));
        key(y, "predicted_class", text(r.predictedClass()));
        key(y, "target", text(r.target()));
        key(y, "label_date", text(r.labelDate()));

        y.append("\nfeatures:\n");
        for (FeatureSpec f : config.features()) {
            StringBuilder item = new StringBuilder("{name: ").append(text(f.name()))
                    .append(", kind: ").append(f.isNumeric() ? "numeric" : "categorical");
            if (f.min() != null) {
                item.append(", min: ").append(number(f.min()));
            }
            if (f.max() != null) {
                item.append(", max: ").append(number(f.max()));
            }
            if (!f.allowedValues().isEmpty()) {
                item.append(", allowed_values: ").append(texts(f.allowedValues()));
            }
            item.append(", null_budget: ").append(number(f.nullBudget()));
            if (f.driftTest() != null) {
                item.append(", drift_test: ").append(text(f.driftTest()));
            }
            if (f.driftThreshold() != null) {
                item.append(", drift_threshold: ").append(number(f.driftThreshold()));
            }
            y.append("  - ").append(item).append("}\n");
        }

        if (config.segments().isEmpty()) {
            y.append("\nsegments: []\n");
        } else {
            y.append("\nsegments:\n");
            for (SegmentSpec s : config.segments()) {
                y.append("  - {name: ").append(text(s.name())).append(", column: ").append(text(s.column()));
                if (s.isBanded()) {
                    y.append(", bands: [");
                    for (int i = 0; i < s.bands().size(); i++) {
                        y.append(i > 0 ? ", " : "").append(number(s.bands().get(i)));
                    }
                    y.append(']');
                }
                y.append("}\n");
            }
        }

        DriftSettings d = config.drift();
        y.append("\ndrift:\n");
        key(y, "method", text(d.method()));
        key(y, "threshold", d.threshold() == null ? "null" : number(d.threshold()));
        key(y, "drift_share", number(d.driftShare()));
        key(y, "psi_bins", Integer.toString(d.psiBins()));
        key(y, "psi_epsilon", number(d.psiEpsilon()));
        key(y, "mann_whitney_two_sided", Boolean.toString(d.mannWhitneyTwoSided()));
        SegmentDriftSettings w = d.withinSegments();
        y.append("  within_segments:\n");
        nested(y, "enabled", Boolean.toString(w.enabled()));
        nested(y, "min_reference_rows", Integer.toString(w.minReferenceRows()));
        nested(y, "min_current_rows", Integer.toString(w.minCurrentRows()));
        nested(y, "fdr_q", number(w.fdrQ()));
        nested(y, "severity", w.severity().name());
        nested(y, "min_psi", number(w.minPsi()));

        QualitySettings q = config.quality();
        y.append("\nquality:\n");
        key(y, "default_null_budget", number(q.defaultNullBudget()));
        key(y, "null_budget_severity", q.nullBudgetSeverity().name());
        key(y, "duplicate_id_severity", q.duplicateIdSeverity().name());
        key(y, "missing_column_severity", q.missingColumnSeverity().name());
        key(y, "unparseable_severity", q.unparseableSeverity().name());
        key(y, "out_of_range_severity", q.outOfRangeSeverity().name());
        key(y, "unknown_category_severity", q.unknownCategorySeverity().name());
        key(y, "required_null_severity", q.requiredNullSeverity().name());
        key(y, "unexpected_column_severity", q.unexpectedColumnSeverity().name());
        key(y, "no_values_severity", q.noValuesSeverity().name());

        y.append("\nimportance:\n");
        key(y, "min_reference_iv", number(config.importance().minReferenceIv()));
        key(y, "min_abs_woe", number(config.importance().minAbsWoe()));

        y.append("\nlabels:\n");
        key(y, "min_coverage", number(config.labels().minCoverage()));
        key(y, "lag_days", Integer.toString(config.labels().lagDays()));

        AnomalySettings a = config.anomaly();
        y.append("\nanomaly:\n");
        key(y, "window", Integer.toString(a.window()));
        key(y, "threshold", number(a.threshold()));
        key(y, "min_history", Integer.toString(a.minHistory()));
        key(y, "min_relative_mad", number(a.minRelativeMad()));
        key(y, "severity", a.severity().name());
        key(y, "categories", texts(a.categories()));
        IsolationForestSettings f = a.isolationForest();
        y.append("  isolation_forest:\n");
        nested(y, "enabled", Boolean.toString(f.enabled()));
        nested(y, "window", Integer.toString(f.window()));
        nested(y, "min_history", Integer.toString(f.minHistory()));
        nested(y, "n_estimators", Integer.toString(f.trees()));
        nested(y, "max_samples", Integer.toString(f.maxSamples()));
        nested(y, "seed", Integer.toString(f.seed()));
        nested(y, "alert_quantile", number(f.alertQuantile()));
        nested(y, "min_score", number(f.minScore()));
        nested(y, "severity", f.severity().name());
        nested(y, "top_contributors", Integer.toString(f.topContributors()));
        nested(y, "metrics", texts(f.metrics()));

        NoiseBandSettings b = config.noiseBands();
        y.append("\nnoise_bands:\n");
        key(y, "sigma", number(b.sigma()));
        key(y, "bootstrap_replicates", Integer.toString(b.bootstrapReplicates()));
        key(y, "seed", Long.toString(b.seed()));

        NotificationSettings n = config.notifications();
        y.append("\n# null: the deployment's setting; a webhook is named by its environment variable, never given\n");
        y.append("notifications:\n");
        key(y, "slack_webhook_env", n.slackWebhookEnv() == null ? "null" : text(n.slackWebhookEnv()));
        key(y, "slack_channel", n.slackChannel() == null ? "null" : text(n.slackChannel()));
        key(y, "email_high", n.emailHigh() == null ? "null" : texts(n.emailHigh()));
        key(y, "email_medium", n.emailMedium() == null ? "null" : texts(n.emailMedium()));
        key(y, "email_low", n.emailLow() == null ? "null" : texts(n.emailLow()));

        if (config.alertRules().isEmpty()) {
            y.append("\nalert_rules: []\n");
        } else {
            y.append("\nalert_rules:\n");
            for (AlertRuleSpec rule : config.alertRules()) {
                y.append("  - {name: ").append(text(rule.name()))
                        .append(", category: ").append(text(rule.category()))
                        .append(", metric: ").append(text(rule.metric()))
                        .append(", scope: ").append(text(rule.scope()))
                        .append(", condition: ").append(rule.condition().key())
                        .append(", threshold: ").append(number(rule.threshold()))
                        .append(", severity: ").append(rule.severity())
                        .append(rule.bandSigma() == null ? "" : ", band_sigma: " + number(rule.bandSigma()))
                        .append("}\n");
            }
        }
        return y.toString();
    }

    private static void key(StringBuilder y, String key, String value) {
        y.append("  ").append(key).append(": ").append(value).append('\n');
    }

    /** A key of a section nested in a section. */
    private static void nested(StringBuilder y, String key, String value) {
        y.append("  ").append("  ").append(key).append(": ").append(value).append('\n');
    }

    /** A text value: plain when nothing else can be read from it, else double-quoted with JSON escapes. */
    static String text(String s) {
        if (PLAIN.matcher(s).matches() && !RESERVED.contains(s.toLowerCase(Locale.ROOT))) {
            return s;
        }
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
    }

    private static String texts(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(text(values.get(i)));
        }
        return sb.append(']').toString();
    }

    /** A finite number, exactly: whole numbers without a fraction, others as their shortest plain decimal. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("a configuration number must be finite, got " + v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
