package io.modelwatch.core.drift.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.core.drift.CategoricalSample;
import io.modelwatch.core.drift.NumericSample;
import io.modelwatch.core.drift.Sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * Reads {@code golden/stattests.json} and its CSV datasets for the binned and categorical drift tests.
 * The values were produced by {@code make_golden.py} (numpy 1.24.2, scipy 1.10.1, pandas 1.5.3), following
 * Evidently's conventions described in {@code golden/STATTESTS.md}.
 *
 * <p>Private to this package on purpose (the lead may later unify it with the shared golden loader).
 * Conventions: non-finite numbers are the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"};
 * nulls (JSON null, empty CSV cell) and non-finite values are dropped from the samples, as Evidently does
 * before every test; CSV values are Python {@code repr} numbers, which round-trip exactly through
 * {@link Double#parseDouble}.
 */
final class CategoricalGoldenCases {

    private static final String ROOT = "/golden/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile JsonNode stattests;
    private static final Map<String, Samples> DATASETS = new ConcurrentHashMap<>();

    private CategoricalGoldenCases() {
    }

    /** Reference and current sample of one dataset, after the null drop. */
    record Samples(Sample reference, Sample current) {
    }

    /** One (test, dataset) pair of {@code stattests.json}. */
    record GoldenCase(String test, String dataset, String featureType, JsonNode expected, JsonNode details) {

        Samples samples() {
            return CategoricalGoldenCases.dataset(dataset);
        }

        /** The error class name when the reference raises (e.g. {@code ValueError}), else null. */
        String error() {
            return expected.hasNonNull("error") ? expected.get("error").asText() : null;
        }

        boolean notComputed() {
            return expected.has("not_computed");
        }

        boolean has(String field) {
            return expected.has(field);
        }

        /** A number of {@code expected}; NaN for JSON null and the string "NaN". */
        double number(String field) {
            return CategoricalGoldenCases.number(expected.get(field));
        }

        boolean drift() {
            return expected.get("drift").asBoolean();
        }

        @Override
        public String toString() {
            return test + " / " + dataset;
        }
    }

    /** Every case of one test, in file order. */
    static List<GoldenCase> cases(String testName) {
        JsonNode test = test(testName);
        List<GoldenCase> out = new ArrayList<>();
        for (JsonNode c : test.get("cases")) {
            out.add(new GoldenCase(testName, c.get("dataset").asText(), c.path("feature_type").asText(),
                    c.get("expected"), c.get("details")));
        }
        return out;
    }

    /** The whole entry of one test ({@code default_threshold}, {@code drift_rule}, {@code cases}). */
    static JsonNode test(String testName) {
        JsonNode test = root().path("tests").get(testName);
        if (test == null) {
            throw new IllegalArgumentException("no test '" + testName + "' in stattests.json");
        }
        return test;
    }

    /** A JSON number, or NaN / ±infinity from their string encodings; JSON null is NaN. */
    static double number(JsonNode node) {
        if (node == null || node.isNull()) {
            return Double.NaN;
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        return parseNumber(node.asText());
    }

    /** A JSON array of numbers as doubles (see {@link #number(JsonNode)}). */
    static double[] numbers(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(array.get(i));
        }
        return out;
    }

    static Samples dataset(String id) {
        return DATASETS.computeIfAbsent(id, CategoricalGoldenCases::loadDataset);
    }

    private static Samples loadDataset(String id) {
        JsonNode ds = root().path("datasets").get(id);
        if (ds == null) {
            throw new IllegalArgumentException("no dataset '" + id + "' in stattests.json");
        }
        boolean numeric = ds.get("kind").asText().equals("numeric");
        List<String> ref = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        if (ds.has("csv")) {
            readCsv(ds.get("csv").asText(), ref, cur);
        } else {
            addValues(ds.get("reference"), ref);
            addValues(ds.get("current"), cur);
        }
        return numeric
                ? new Samples(NumericSample.of(toDoubles(ref)), NumericSample.of(toDoubles(cur)))
                : new Samples(CategoricalSample.ofValues(ref), CategoricalSample.ofValues(cur));
    }

    private static void addValues(JsonNode array, List<String> into) {
        for (JsonNode v : array) {
            into.add(v.isNull() ? null : v.asText());
        }
    }

    private static void readCsv(String path, List<String> ref, List<String> cur) {
        try (InputStream raw = open(ROOT + path);
             InputStream in = path.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (!"sample,value".equals(header)) {
                throw new IllegalStateException(path + ": expected header 'sample,value', got '" + header + "'");
            }
            String line;
            int lineNo = 1;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                int comma = line.indexOf(',');
                if (comma < 0) {
                    throw new IllegalStateException(path + ":" + lineNo + ": expected 'sample,value', got '" + line + "'");
                }
                String sample = line.substring(0, comma);
                String value = line.substring(comma + 1);
                String cell = value.isEmpty() ? null : value;
                switch (sample) {
                    case "reference" -> ref.add(cell);
                    case "current" -> cur.add(cell);
                    default -> throw new IllegalStateException(path + ":" + lineNo + ": unknown sample '" + sample + "'");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(path, e);
        }
    }

    /** Values as doubles; nulls become NaN (then dropped by {@link NumericSample#of}). */
    private static double[] toDoubles(List<String> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            String v = values.get(i);
            out[i] = v == null ? Double.NaN : parseNumber(v);
        }
        return out;
    }

    /** Python repr and JSON string encodings: {@code nan}, {@code inf}, {@code NaN}, {@code Infinity}. */
    private static double parseNumber(String s) {
        return switch (s) {
            case "NaN", "nan" -> Double.NaN;
            case "Infinity", "inf" -> Double.POSITIVE_INFINITY;
            case "-Infinity", "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    private static JsonNode root() {
        JsonNode r = stattests;
        if (r == null) {
            synchronized (CategoricalGoldenCases.class) {
                if (stattests == null) {
                    try (InputStream in = open(ROOT + "stattests.json")) {
                        stattests = JSON.readTree(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException("golden/stattests.json", e);
                    }
                }
                r = stattests;
            }
        }
        return r;
    }

    private static InputStream open(String resource) {
        InputStream in = CategoricalGoldenCases.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("test resource not found: " + resource);
        }
        return in;
    }
}
