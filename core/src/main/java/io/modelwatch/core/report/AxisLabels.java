package io.modelwatch.core.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Labels a person can read on a chart axis. The PSI bins of {@code snapshot.json} name their edges exactly
 * (Python's {@code repr} of the float64 cut point, e.g. {@code (0.4772000000000001, 0.6]}) so that a reader can
 * reproduce the binning; on an axis that is noise. Here each edge is rounded to the fewest significant digits
 * (at least {@value #MIN_SIGNIFICANT}, never dropping integer digits) that still tell every two edges of the
 * chart apart: {@code (0.477, 0.6]}. Categorical labels are returned as they are.
 */
public final class AxisLabels {

    /** Significant digits an edge keeps at least. */
    static final int MIN_SIGNIFICANT = 3;
    private static final int MAX_SIGNIFICANT = 17;
    private static final Pattern INTERVAL = Pattern.compile("\\((\\S+), (\\S+)([\\])])");

    private AxisLabels() {
    }

    /** The bins' labels with readable edges; labels that are not numeric intervals are unchanged. */
    public static List<String> readable(List<String> bins) {
        List<Matcher> parsed = new ArrayList<>(bins.size());
        Set<Double> edges = new LinkedHashSet<>();
        for (String b : bins) {
            Matcher m = INTERVAL.matcher(b);
            if (!m.matches() || !isEdge(m.group(1)) || !isEdge(m.group(2))) {
                return List.copyOf(bins);
            }
            parsed.add(m);
            addEdge(edges, m.group(1));
            addEdge(edges, m.group(2));
        }
        int digits = distinguishing(new ArrayList<>(edges));
        List<String> out = new ArrayList<>(bins.size());
        for (Matcher m : parsed) {
            out.add("(" + edge(m.group(1), digits) + ", " + edge(m.group(2), digits) + m.group(3));
        }
        return out;
    }

    /** {@code v} with {@code significant} significant digits (integer digits always kept), no exponent. */
    public static String number(double v, int significant) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "NaN" : v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        int magnitude = (int) Math.floor(Math.log10(Math.abs(v)));
        int decimals = Math.max(0, significant - 1 - magnitude);
        BigDecimal d = new BigDecimal(Double.toString(v)).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros();
        String s = d.toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** The fewest significant digits (at least {@value #MIN_SIGNIFICANT}) at which no two edges print the same. */
    static int distinguishing(List<Double> edges) {
        for (int digits = MIN_SIGNIFICANT; digits < MAX_SIGNIFICANT; digits++) {
            Set<String> seen = new LinkedHashSet<>();
            boolean distinct = true;
            for (double e : edges) {
                distinct &= seen.add(number(e, digits));
            }
            if (distinct) {
                return digits;
            }
        }
        return MAX_SIGNIFICANT;
    }

    private static boolean isEdge(String s) {
        return s.equals("-inf") || s.equals("inf") || parse(s) != null;
    }

    private static void addEdge(Set<Double> edges, String s) {
        Double v = parse(s);
        if (v != null) {
            edges.add(v);
        }
    }

    private static String edge(String s, int digits) {
        Double v = parse(s);
        return v == null ? s : number(v, digits);
    }

    private static Double parse(String s) {
        try {
            double v = Double.parseDouble(s.toLowerCase(Locale.ROOT));
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
