package io.modelwatch.core.anomaly;

import java.util.Arrays;
import java.util.Locale;

/**
 * Flags a metric value that leaves its own recent range, even while it is inside the fixed alert
 * thresholds: a robust z-score against the median and MAD of the last {@code N} values (Iglewicz and
 * Hoaglin, "How to Detect and Handle Outliers", 1993).
 *
 * <p>History is ordered oldest to newest; {@code NaN} entries (runs that did not produce the metric) are
 * skipped, and the window is the last {@code N} finite values (default {@value #DEFAULT_WINDOW}). With
 * {@code m} = median and {@code MAD} = median of {@code |x_i − m|} over the window:
 * <pre>  score = 0.6745 · (x − m) / MAD</pre>
 * ({@code 0.6745} is the 0.75 quantile of the standard normal, so that {@code MAD / 0.6745} estimates σ for
 * normal data), and the value is anomalous when {@code |score| > k} (default {@value #DEFAULT_THRESHOLD},
 * the authors' recommendation). The check does not judge until the window has at least
 * {@code minHistory} values (default {@value #DEFAULT_MIN_HISTORY}).
 *
 * <p>{@code MAD = 0} (more than half the window equal): the score falls back to the mean absolute
 * deviation around the median, {@code score = (x − m) / (1.253314 · meanAD)} ({@code 1.253314 = sqrt(π/2)}
 * makes {@code meanAD} consistent with σ for normal data; the convention of IBM's modified z-score).
 * If {@code meanAD} is also 0 the window is constant: there is no scale, the score is {@code null}, and the
 * value is anomalous when it differs from the constant by more than {@code flatTolerance} (default
 * {@value #DEFAULT_FLAT_TOLERANCE}, so floating-point noise in a metric that never moves is not an alarm).
 */
public final class MetricAnomalyDetector {

    public static final int DEFAULT_WINDOW = 14;
    public static final double DEFAULT_THRESHOLD = 3.5;
    public static final int DEFAULT_MIN_HISTORY = 5;
    public static final double DEFAULT_FLAT_TOLERANCE = 1e-9;
    /** Φ⁻¹(0.75): MAD / 0.6745 estimates σ for normal data. */
    public static final double MAD_CONSISTENCY = 0.6745;
    /** sqrt(π/2): 1.253314 · meanAD estimates σ for normal data. */
    public static final double MEAN_AD_CONSISTENCY = 1.253314;

    private final int window;
    private final double threshold;
    private final int minHistory;
    private final double flatTolerance;

    private MetricAnomalyDetector(int window, double threshold, int minHistory, double flatTolerance) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1 value, got " + window);
        }
        if (!(threshold > 0) || !Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite and > 0, got " + threshold);
        }
        if (minHistory < 1 || minHistory > window) {
            throw new IllegalArgumentException("minHistory must be in [1, window = " + window + "], got " + minHistory);
        }
        if (!(flatTolerance >= 0) || !Double.isFinite(flatTolerance)) {
            throw new IllegalArgumentException("flatTolerance must be finite and >= 0, got " + flatTolerance);
        }
        this.window = window;
        this.threshold = threshold;
        this.minHistory = minHistory;
        this.flatTolerance = flatTolerance;
    }

    public static MetricAnomalyDetector withDefaults() {
        return new MetricAnomalyDetector(DEFAULT_WINDOW, DEFAULT_THRESHOLD, DEFAULT_MIN_HISTORY, DEFAULT_FLAT_TOLERANCE);
    }

    /** Number of most recent finite values the check uses (N; at least the minimum history). */
    public MetricAnomalyDetector withWindow(int values) {
        return new MetricAnomalyDetector(values, threshold, minHistory, flatTolerance);
    }

    /** The {@code |score|} above which a value is anomalous (k). */
    public MetricAnomalyDetector withThreshold(double k) {
        return new MetricAnomalyDetector(window, k, minHistory, flatTolerance);
    }

    /** Fewest finite history values before the check judges (at most the window). */
    public MetricAnomalyDetector withMinHistory(int values) {
        return new MetricAnomalyDetector(window, threshold, values, flatTolerance);
    }

    /** Difference from a constant history that counts as leaving it. */
    public MetricAnomalyDetector withFlatTolerance(double tolerance) {
        return new MetricAnomalyDetector(window, threshold, minHistory, tolerance);
    }

    /**
     * @param history past values of the metric, oldest first; {@code NaN} entries are skipped
     * @param value   the new value (finite)
     */
    public AnomalyCheck check(double[] history, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, got " + value);
        }
        double[] recent = new double[Math.min(window, history.length)];
        int used = 0;
        for (int i = history.length - 1; i >= 0 && used < window; i--) {
            if (Double.isInfinite(history[i])) {
                throw new IllegalArgumentException("history[" + i + "] must be finite or NaN, got " + history[i]);
            }
            if (!Double.isNaN(history[i])) {
                recent[used++] = history[i];
            }
        }
        if (used < minHistory) {
            return new AnomalyCheck(false, used, null, null, null, threshold,
                    fmt("not judged: history has %d values, needs %d", used, minHistory));
        }
        double[] w = Arrays.copyOf(recent, used);
        double median = median(w);
        double[] dev = new double[used];
        double meanAd = 0;
        for (int i = 0; i < used; i++) {
            dev[i] = Math.abs(w[i] - median);
            meanAd += dev[i];
        }
        meanAd /= used;
        double mad = median(dev);
        double diff = value - median;
        if (mad > 0) {
            double score = MAD_CONSISTENCY * diff / mad;
            return verdict(used, median, mad, score, fmt("robust z %.2f vs median %s, MAD %s of last %d",
                    score, num(median), num(mad), used));
        }
        if (meanAd > 0) {
            double score = diff / (MEAN_AD_CONSISTENCY * meanAd);
            return verdict(used, median, mad, score, fmt("MAD is 0; z on mean abs deviation %.2f vs median %s, "
                    + "mean abs deviation %s of last %d", score, num(median), num(meanAd), used));
        }
        boolean left = Math.abs(diff) > flatTolerance;
        return new AnomalyCheck(left, used, median, 0.0, null, threshold, left
                ? fmt("history constant at %s for %d values; value %s differs", num(median), used, num(value))
                : fmt("history constant at %s for %d values; value equal", num(median), used));
    }

    private AnomalyCheck verdict(int used, double median, double mad, double score, String detail) {
        boolean anomalous = Math.abs(score) > threshold;
        return new AnomalyCheck(anomalous, used, median, mad, score, threshold,
                (anomalous ? "anomalous: " : "normal: ") + detail + fmt(" (|z| > %s is anomalous)", num(threshold)));
    }

    /** Median of a small array (sorts it in place). */
    private static double median(double[] v) {
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
