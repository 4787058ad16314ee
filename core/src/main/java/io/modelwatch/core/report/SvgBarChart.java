package io.modelwatch.core.report;

import java.util.List;
import java.util.Locale;

/**
 * A grouped bar chart of reference vs current shares per bin, as inline SVG (no script, no network), so the
 * report opens from disk anywhere.
 */
final class SvgBarChart {

    static final String REFERENCE_COLOUR = "#5b8def";
    static final String CURRENT_COLOUR = "#f08a24";
    private static final int WIDTH = 640;
    private static final int HEIGHT = 240;
    private static final int LEFT = 44;
    private static final int BOTTOM = 64;
    private static final int TOP = 14;

    private SvgBarChart() {
    }

    static String render(String title, List<String> bins, List<Double> reference, List<Double> current) {
        double max = 0;
        for (int i = 0; i < bins.size(); i++) {
            max = Math.max(max, Math.max(reference.get(i), current.get(i)));
        }
        max = max <= 0 ? 1 : max * 1.1;
        double plotW = WIDTH - LEFT - 10;
        double plotH = HEIGHT - TOP - BOTTOM;
        double group = plotW / Math.max(1, bins.size());
        double bar = Math.max(1, group * 0.38);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                + "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">", WIDTH, HEIGHT, WIDTH, HEIGHT, escape(title)));
        // y axis with 4 ticks
        for (int t = 0; t <= 4; t++) {
            double v = max * t / 4;
            double y = TOP + plotH - plotH * t / 4;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e3e6ea\"/>",
                    LEFT, WIDTH - 10, y, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"9\" text-anchor=\"end\" "
                    + "fill=\"#555\">%.0f%%</text>", LEFT - 4, y + 3, v * 100));
        }
        for (int i = 0; i < bins.size(); i++) {
            double x0 = LEFT + i * group + group * 0.1;
            double rh = plotH * reference.get(i) / max;
            double ch = plotH * current.get(i) / max;
            s.append(String.format(Locale.ROOT, "<rect class=\"ref\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                    + "fill=\"%s\"><title>reference %s: %.2f%%</title></rect>", x0, TOP + plotH - rh, bar, rh,
                    REFERENCE_COLOUR, escape(bins.get(i)), 100 * reference.get(i)));
            s.append(String.format(Locale.ROOT, "<rect class=\"cur\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                    + "fill=\"%s\"><title>current %s: %.2f%%</title></rect>", x0 + bar, TOP + plotH - ch, bar, ch,
                    CURRENT_COLOUR, escape(bins.get(i)), 100 * current.get(i)));
            double lx = x0 + bar;
            double ly = TOP + plotH + 10;
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" fill=\"#333\" "
                    + "text-anchor=\"end\" transform=\"rotate(-35 %.1f %.1f)\">%s</text>", lx, ly, lx, ly,
                    escape(shorten(bins.get(i)))));
        }
        s.append("</svg>");
        return s.toString();
    }

    private static String shorten(String label) {
        return label.length() > 22 ? label.substring(0, 21) + "…" : label;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
