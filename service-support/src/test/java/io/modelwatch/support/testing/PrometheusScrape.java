package io.modelwatch.support.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the samples of one metric from a Prometheus text exposition ({@code /q/metrics}): label set to value.
 * Written from the format's description, independent of the code that exports.
 */
public final class PrometheusScrape {

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private PrometheusScrape() {
    }

    /** Every sample of {@code metric}: its labels (name to value) and its value. */
    public static Map<Map<String, String>, Double> samples(String exposition, String metric) {
        Map<Map<String, String>, Double> out = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(metric + "{") || line.startsWith(metric + " "))) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            String rest = line.substring(metric.length());
            if (rest.startsWith("{")) {
                int close = rest.lastIndexOf('}');
                Matcher m = LABEL.matcher(rest.substring(1, close));
                while (m.find()) {
                    labels.put(m.group(1), m.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
                }
                rest = rest.substring(close + 1);
            }
            String value = rest.trim().split("\\s+")[0];
            out.put(labels, Double.parseDouble(value.replace("+Inf", "Infinity").replace("-Inf", "-Infinity")));
        }
        return out;
    }

    /** The value of the sample with exactly these labels, or null. */
    public static Double value(String exposition, String metric, Map<String, String> labels) {
        return samples(exposition, metric).get(labels);
    }
}
