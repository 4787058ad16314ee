package io.modelwatch.core.alerts;

import io.modelwatch.core.config.AlertRuleSpec;
import io.modelwatch.core.run.MetricRow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The alert rules as a pure function: from a run's flat metric rows and the configured rules to graded
 * alerts. A rule matches the rows of its category and metric within its scope:
 * <ul>
 *   <li>{@code any}: every row of that metric (every column, the prediction, every segment);</li>
 *   <li>{@code features}: rows whose column is a monitored feature;</li>
 *   <li>{@code dataset}: rows with neither column nor segment;</li>
 *   <li>{@code segments}: rows with a segment;</li>
 *   <li>anything else: rows of that one column, or of that one segment dimension
 *       ({@code contract_type} matches segment {@code contract_type=Month-to-month}).</li>
 * </ul>
 * Conditions: {@code below} is {@code value < threshold}, {@code above} is {@code value > threshold},
 * {@code abs_above} is {@code |value| > threshold}; an undefined value never fires. When several rules fire
 * on the same metric, column and segment, only the most severe alert is kept (a PSI of 0.4 is one HIGH
 * alert, not also MEDIUM and LOW).
 */
public final class AlertEvaluator {

    public static final String SCOPE_ANY = "any";
    public static final String SCOPE_FEATURES = "features";
    public static final String SCOPE_DATASET = "dataset";
    public static final String SCOPE_SEGMENTS = "segments";

    private final List<AlertRuleSpec> rules;
    private final Set<String> features;

    private AlertEvaluator(List<AlertRuleSpec> rules, Collection<String> features) {
        for (AlertRuleSpec r : rules) {
            condition(r);
            Severity.parse(r.severity());
        }
        this.rules = List.copyOf(rules);
        this.features = Set.copyOf(features);
    }

    /**
     * @param rules    the configured rules
     * @param features names of the monitored feature columns (for the {@code features} scope)
     */
    public static AlertEvaluator of(List<AlertRuleSpec> rules, Collection<String> features) {
        return new AlertEvaluator(rules, features);
    }

    /** Evaluates every rule on every row; returns the alerts, most severe first. */
    public List<Alert> evaluate(List<MetricRow> metrics) {
        Map<String, Alert> strongest = new LinkedHashMap<>();
        for (MetricRow row : metrics) {
            if (row.value() == null || row.value().isNaN()) {
                continue;
            }
            for (AlertRuleSpec rule : rules) {
                if (!matches(rule, row) || !fires(rule, row.value())) {
                    continue;
                }
                Alert alert = toAlert(rule, row);
                strongest.merge(alert.key(), alert,
                        (a, b) -> b.severity().ordinal() < a.severity().ordinal() ? b : a);
            }
        }
        List<Alert> out = new ArrayList<>(strongest.values());
        out.sort(Comparator.comparing(Alert::severity));
        return out;
    }

    private boolean matches(AlertRuleSpec rule, MetricRow row) {
        if (!rule.category().equals(row.category()) || !rule.metric().equals(row.name())) {
            return false;
        }
        String scope = rule.scope() == null ? SCOPE_ANY : rule.scope();
        return switch (scope) {
            case SCOPE_ANY -> true;
            case SCOPE_FEATURES -> row.column() != null && features.contains(row.column());
            case SCOPE_DATASET -> row.column() == null && row.segment() == null;
            case SCOPE_SEGMENTS -> row.segment() != null;
            default -> scope.equals(row.column()) || (row.segment() != null && row.segment().startsWith(scope + "="));
        };
    }

    private static boolean fires(AlertRuleSpec rule, double value) {
        return switch (condition(rule)) {
            case "below" -> value < rule.threshold();
            case "above" -> value > rule.threshold();
            default -> Math.abs(value) > rule.threshold();
        };
    }

    private static String condition(AlertRuleSpec rule) {
        String c = rule.condition() == null ? "" : rule.condition().toLowerCase(Locale.ROOT);
        if (!c.equals("below") && !c.equals("above") && !c.equals("abs_above")) {
            throw new IllegalArgumentException("alert rule '" + rule.name() + "': condition must be below, above or "
                    + "abs_above, got '" + rule.condition() + "'");
        }
        return c;
    }

    private static Alert toAlert(AlertRuleSpec rule, MetricRow row) {
        Severity severity = Severity.parse(rule.severity());
        boolean estimated = row.category().startsWith("estimated");
        String subject = row.name().replace('_', ' ');
        StringBuilder where = new StringBuilder();
        if (row.column() != null) {
            where.append(" of ").append(row.column());
        }
        if (row.segment() != null) {
            where.append(" in segment ").append(row.segment());
        }
        String op = switch (condition(rule)) {
            case "below" -> "<";
            case "above" -> ">";
            default -> "|x| >";
        };
        String message = String.format(Locale.ROOT, "%s%s%s is %s (%s %s)", estimated ? "estimated " : "",
                subject, where, format(row.value()), op, format(rule.threshold()));
        return new Alert(severity, rule.name(), row.category(), row.name(), row.column(), row.segment(),
                row.value(), rule.threshold(), estimated, message);
    }

    /** Four significant decimals, no exponent for ordinary values. */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.valueOf((long) v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
