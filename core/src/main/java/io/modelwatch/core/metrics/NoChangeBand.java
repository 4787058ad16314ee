package io.modelwatch.core.metrics;

/**
 * How far one metric moves by chance when nothing changed, at this run's batch size: the value the metric has
 * under no change ({@code expected}) and its standard error there. A rule fires only when its threshold is crossed
 * and the value lies outside {@code expected ± band_sigma · standardError} (see {@code alerts.AlertEvaluator}). The formula
 * behind each metric's band is named by {@code method} and specified in {@code docs/metrics.md}.
 *
 * @param category      metric category of the row it belongs to
 * @param name          metric name
 * @param column        column, or {@code null}
 * @param segment       segment, or {@code null}
 * @param expected      the metric's value under no change
 * @param standardError its standard deviation under no change, at the current batch's size (0 or more)
 * @param method        how the band was obtained: {@link #BINOMIAL}, {@link #PSI_CHI_SQUARED},
 *                      {@link #REFERENCE_CHUNKS}, {@link #BOOTSTRAP} or {@link #LOG_ODDS}
 * @param step          the metric's resolution: 0 for a continuous metric, 1 for a count (the number of WoE sign
 *                      flips). A count is judged with the continuity correction (F. Yates, <i>Contingency tables
 *                      involving small numbers and the χ² test</i>, JRSS Suppl. 1, 1934): outside when
 *                      {@code |value − expected| − step/2 > sigma · standardError}, the normal band standing for the
 *                      count's distribution between whole numbers
 */
public record NoChangeBand(String category, String name, String column, String segment, double expected,
                           double standardError, String method, double step) {

    /** A band of a continuous metric (step 0). */
    public NoChangeBand(String category, String name, String column, String segment, double expected,
                        double standardError, String method) {
        this(category, name, column, segment, expected, standardError, method, 0);
    }

    /** Binomial standard errors of proportions (recall, precision, rates) and of their differences. */
    public static final String BINOMIAL = "binomial";
    /** PSI's chi-squared law under no drift (Yurdakul 2018). */
    public static final String PSI_CHI_SQUARED = "psi-chi-squared";
    /** The spread of the metric over reference chunks, scaled to the batch size (the CBPE estimator's band). */
    public static final String REFERENCE_CHUNKS = "reference-chunks";
    /** Parametric bootstrap from the reference's WoE table at the reference's and the batch's class counts. */
    public static final String BOOTSTRAP = "bootstrap";
    /** Woolf's variance of a log odds (the WoE of a bin) and the normal law per bin. */
    public static final String LOG_ODDS = "log-odds";

    public NoChangeBand {
        if (!Double.isFinite(expected) || !(standardError >= 0) || !Double.isFinite(standardError)) {
            throw new IllegalArgumentException("a no-change band needs a finite expected value and a finite standard"
                    + " error >= 0, got " + expected + " and " + standardError + " for " + category + "/" + name);
        }
        if (!(step >= 0) || !Double.isFinite(step)) {
            throw new IllegalArgumentException("a no-change band's step must be finite and >= 0, got " + step);
        }
    }

    /** The identity of the metric row it belongs to (as {@code MetricHistory.key}). */
    public String key() {
        return key(category, name, column, segment);
    }

    public static String key(String category, String name, String column, String segment) {
        return category + '|' + name + '|' + (column == null ? "" : column) + '|' + (segment == null ? "" : segment);
    }

    /** True when {@code value} lies outside {@code expected ± sigma · standardError} (continuity-corrected by a count's step). */
    public boolean outside(double value, double sigma) {
        return outside(value, expected, standardError, step, sigma);
    }

    /** {@code |value − expected| − step/2 > sigma · standardError}. */
    public static boolean outside(double value, double expected, double standardError, double step, double sigma) {
        return Math.abs(value - expected) - step / 2 > sigma * standardError;
    }
}
