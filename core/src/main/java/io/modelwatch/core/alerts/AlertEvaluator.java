package io.modelwatch.core.alerts;

import io.modelwatch.core.metrics.NoChangeBand;

import io.modelwatch.core.config.AlertRuleSpec;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.config.NoiseBandSettings;
import io.modelwatch.core.config.RuleScope;
import io.modelwatch.core.config.Severity;
import io.modelwatch.core.metrics.MetricRow;

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
 *
 * <p>No-change band: a row that carries one ({@link MetricRow#bandExpected()}, {@link MetricRow#bandError()}, the
 * spread of the metric by chance at the batch's size, see {@link NoChangeBand}) fires a rule only when its value also
 * lies outside {@code bandExpected ± σ · bandError}, {@code σ} being the rule's {@code band_sigma} or the
 * configuration's {@code noise_bands.sigma}. A crossed threshold inside the band is held back: {@link #decide}
 * reports it (the most severe held-back rule per metric that no rule fired on), and the run marks the row
 * {@link MetricRow#HELD}. A row without a band is decided by the threshold alone.
 */
public final class AlertEvaluator {

    private final List<AlertRuleSpec> rules;
    private final Set<String> features;
    private final double defaultSigma;

    private AlertEvaluator(List<AlertRuleSpec> rules, Collection<String> features, double defaultSigma) {
        for (AlertRuleSpec r : rules) {
            sigma(r.bandSigma() == null ? defaultSigma : r.bandSigma(), r.name());
        }
        this.rules = List.copyOf(rules);
        this.features = Set.copyOf(features);
        this.defaultSigma = defaultSigma;
    }

    /**
     * Rules whose band is {@link NoiseBandSettings#DEFAULT_SIGMA} standard errors unless they set their own.
     *
     * @param rules    the configured rules
     * @param features names of the monitored feature columns (for the {@code features} scope)
     */
    public static AlertEvaluator of(List<AlertRuleSpec> rules, Collection<String> features) {
        return new AlertEvaluator(rules, features, NoiseBandSettings.DEFAULT_SIGMA);
    }

    /** The configuration's rules, features and band ({@code noise_bands.sigma}, each rule's {@code band_sigma}). */
    public static AlertEvaluator of(MonitoringConfig config) {
        return new AlertEvaluator(config.alertRules(), config.featureNames(), config.noiseBands().sigma());
    }

    /**
     * A threshold crossed by a value inside its no-change band: what would have fired, and the band that held it.
     *
     * @param alert     the alert the threshold alone would have raised
     * @param row       the metric row (value, band), marked {@link MetricRow#HELD} at the rule's threshold
     * @param bandSigma the rule's band half-width in standard errors
     */
    public record HeldBack(Alert alert, MetricRow row, double bandSigma) {
    }

    /**
     * The alerts (most severe first) and the threshold crossings held back by the band.
     *
     * @param alerts   what fired
     * @param heldBack per metric no rule fired on, the most severe rule its band held back
     */
    public record Decision(List<Alert> alerts, List<HeldBack> heldBack) {
    }

    /** Evaluates every rule on every row; returns the alerts, most severe first. */
    public List<Alert> evaluate(List<MetricRow> metrics) {
        return decide(metrics).alerts();
    }

    /** Evaluates every rule on every row: the alerts and what the no-change bands held back. */
    public Decision decide(List<MetricRow> metrics) {
        Map<String, Alert> strongest = new LinkedHashMap<>();
        Map<String, HeldBack> held = new LinkedHashMap<>();
        for (MetricRow row : metrics) {
            if (row.value() == null || row.value().isNaN()) {
                continue;
            }
            for (AlertRuleSpec rule : rules) {
                if (!matches(rule, row) || !fires(rule, row.value())) {
                    continue;
                }
                double sigma = rule.bandSigma() == null ? defaultSigma : rule.bandSigma();
                Alert alert = toAlert(rule, row);
                if (!outsideBand(row, sigma)) {
                    held.merge(alert.key(), new HeldBack(alert, row.heldAt(rule.threshold()), sigma),
                            (a, b) -> b.alert().severity().ordinal() < a.alert().severity().ordinal() ? b : a);
                    continue;
                }
                strongest.merge(alert.key(), alert,
                        (a, b) -> b.severity().ordinal() < a.severity().ordinal() ? b : a);
            }
        }
        List<Alert> out = new ArrayList<>(strongest.values());
        out.sort(Comparator.comparing(Alert::severity));
        List<HeldBack> back = new ArrayList<>();
        held.forEach((key, h) -> {
            if (!strongest.containsKey(key)) {
                back.add(h);
            }
        });
        back.sort(Comparator.comparing(h -> h.alert().severity()));
        return new Decision(out, back);
    }

    /**
     * The rows with each held-back metric marked {@link MetricRow#HELD} at the threshold of the rule its band held
     * back (the other rows unchanged, same order).
     */
    public static List<MetricRow> markHeld(List<MetricRow> rows, Decision decision) {
        if (decision.heldBack().isEmpty()) {
            return new ArrayList<>(rows);
        }
        Map<String, HeldBack> held = new LinkedHashMap<>();
        decision.heldBack().forEach(h -> held.put(h.row().key(), h));
        List<MetricRow> out = new ArrayList<>(rows.size());
        for (MetricRow r : rows) {
            HeldBack h = held.get(r.key());
            out.add(h == null ? r : h.row());
        }
        return out;
    }

    /**
     * True without a band, or when the value lies outside {@code expected ± sigma · error} (a count's
     * continuity-corrected: {@link NoChangeBand#outside(double, double, double, double, double)}).
     */
    public static boolean outsideBand(MetricRow row, double sigma) {
        if (row.bandExpected() == null || row.bandError() == null || sigma == 0) {
            return true;
        }
        return NoChangeBand.outside(row.value(), row.bandExpected(), row.bandError(),
                row.bandStep() == null ? 0 : row.bandStep(), sigma);
    }

    private static void sigma(double sigma, String rule) {
        if (!(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("alert rule '" + rule + "': band_sigma must be a finite number >= 0, got "
                    + sigma);
        }
    }

    private boolean matches(AlertRuleSpec rule, MetricRow row) {
        if (!rule.category().equals(row.category()) || !rule.metric().equals(row.name())) {
            return false;
        }
        String scope = rule.scope();
        return RuleScope.of(scope).map(keyword -> switch (keyword) {
            case ANY -> true;
            case FEATURES -> row.column() != null && features.contains(row.column());
            case DATASET -> row.column() == null && row.segment() == null;
            case SEGMENTS -> row.segment() != null;
        }).orElseGet(() -> scope.equals(row.column())
                || (row.segment() != null && row.segment().startsWith(scope + "=")));
    }

    private static boolean fires(AlertRuleSpec rule, double value) {
        return rule.condition().fires(value, rule.threshold());
    }

    private static Alert toAlert(AlertRuleSpec rule, MetricRow row) {
        Severity severity = rule.severity();
        boolean estimated = row.category().startsWith("estimated");
        String subject = row.name().replace('_', ' ');
        StringBuilder where = new StringBuilder();
        if (row.column() != null) {
            where.append(" of ").append(row.column());
        }
        if (row.segment() != null) {
            where.append(" in segment ").append(row.segment());
        }
        String op = rule.condition().symbol();
        String band = row.bandExpected() == null || row.bandError() == null ? ""
                : String.format(Locale.ROOT, "; no change: %s ± %s", format(row.bandExpected()), format(row.bandError()));
        String message = String.format(Locale.ROOT, "%s%s%s is %s (%s %s%s)", estimated ? "estimated " : "",
                subject, where, format(row.value()), op, format(rule.threshold()), band);
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
