package io.modelwatch.core.report;

import java.util.List;
import java.util.Locale;

/**
 * A line chart over the unit square as inline SVG (no script, no network): the ROC and precision-recall
 * curves and the reliability diagram of {@code report.html}. Axes run from 0 to 1 with ticks every 0.2,
 * labelled with one decimal, and carry their titles.
 */
final class SvgCurveChart {

    /** One line of the chart: its points ({@code [x, y]} in [0, 1]) and how it is drawn. */
    record Series(String name, String colour, List<double[]> points, boolean markers) {
    }

    private static final int WIDTH = 340;
    private static final int HEIGHT = 300;
    private static final int LEFT = 48;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 44;
    private static final int TICKS = 5;

    private SvgCurveChart() {
    }

    /**
     * @param diagonal the line y = x (chance for ROC, perfect calibration for reliability), dashed
     */
    static String render(String title, String xTitle, String yTitle, List<Series> series, boolean diagonal) {
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                + "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">", WIDTH, HEIGHT, WIDTH, HEIGHT,
                SvgBarChart.escape(title)));
        for (int t = 0; t <= TICKS; t++) {
            double v = (double) t / TICKS;
            double x = LEFT + plotW * v;
            double y = TOP + plotH - plotH * v;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e3e6ea\"/>",
                    LEFT, LEFT + plotW, y, y));
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%.1f\" stroke=\"#e3e6ea\"/>",
                    x, x, TOP, TOP + plotH));
            s.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" font-size=\"10\" "
                    + "text-anchor=\"end\" fill=\"#555\">%.1f</text>", LEFT - 5, y + 3, v));
            s.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" font-size=\"10\" "
                    + "text-anchor=\"middle\" fill=\"#555\">%.1f</text>", x, TOP + plotH + 14, v));
        }
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
                + "stroke=\"#8c959f\"/>", LEFT, TOP, plotW, plotH));
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" "
                + "fill=\"#333\">%s</text>", LEFT + plotW / 2, HEIGHT - 8, SvgBarChart.escape(xTitle)));
        s.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\" "
                + "fill=\"#333\" transform=\"rotate(-90 12 %.1f)\">%s</text>", TOP + plotH / 2, TOP + plotH / 2,
                SvgBarChart.escape(yTitle)));
        if (diagonal) {
            s.append(String.format(Locale.ROOT, "<line class=\"diagonal\" x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%d\" "
                    + "stroke=\"#8c959f\" stroke-dasharray=\"4 3\"/>", LEFT, TOP + plotH, LEFT + plotW, TOP));
        }
        for (Series line : series) {
            StringBuilder path = new StringBuilder();
            for (double[] p : line.points()) {
                path.append(String.format(Locale.ROOT, "%s%.1f,%.1f", path.length() == 0 ? "" : " ",
                        LEFT + plotW * p[0], TOP + plotH - plotH * p[1]));
            }
            s.append(String.format(Locale.ROOT, "<polyline class=\"curve\" data-series=\"%s\" points=\"%s\" "
                    + "fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>", SvgBarChart.escape(line.name()), path,
                    line.colour()));
            if (line.markers()) {
                for (double[] p : line.points()) {
                    s.append(String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" "
                            + "fill=\"%s\"><title>%s: (%.3f, %.3f)</title></circle>", LEFT + plotW * p[0],
                            TOP + plotH - plotH * p[1], line.colour(), SvgBarChart.escape(line.name()), p[0], p[1]));
                }
            }
        }
        s.append("</svg>");
        return s.toString();
    }
}
