package io.modelwatch.core.report;

import java.util.Locale;

/**
 * How a number is written for people, in the report, the dashboard and the daily email alike: whole numbers
 * without decimals, other values with four, shares as percentages with one decimal, changes with their sign.
 */
public final class Figures {

    private Figures() {
    }

    /** {@code 0.4772}, {@code 12}, or {@code undefined} for null. */
    public static String num(Double v) {
        if (v == null) {
            return "undefined";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.valueOf(v.longValue());
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** {@code 27.3 %}, or {@code n/a} for null. */
    public static String pct(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }

    /** {@code +0.0123}, {@code -0.0040}, or an empty string when either side is missing. */
    public static String change(Double current, Double base) {
        return current == null || base == null ? "" : String.format(Locale.ROOT, "%+.4f", current - base);
    }

    /** A change of a share in percentage points, {@code +1.2 pt}, or empty. */
    public static String points(Double current, Double base) {
        return current == null || base == null ? "" : String.format(Locale.ROOT, "%+.1f pt", 100 * (current - base));
    }
}
