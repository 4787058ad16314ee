package io.modelwatch.core.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.core.drift.CategoricalSample;
import io.modelwatch.core.drift.ColumnKind;
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
 * Loads {@code golden/stattests.json} (test resources) and its datasets. The file and the CSVs under
 * {@code golden/data} were produced by {@code make_golden.py} with numpy 1.24.2, scipy 1.10.1 and
 * pandas 1.5.3 (see {@code golden/README.md} and {@code golden/STATTESTS.md}).
 *
 * <p>Conventions: numbers are Python {@code repr}, so {@link Double#parseDouble} round-trips them;
 * non-finite values are the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}; JSON
 * nulls (missing values) are dropped, as Evidently drops them before every test. Datasets are parsed
 * once and cached; the returned samples are immutable and may be shared between tests.
 */
public final class GoldenStattests {

    /** Classpath location of the golden vectors. */
    public static final String RESOURCE = "/golden/stattests.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static volatile JsonNode root;
    private static final Map<String, RawDataset> RAW = new ConcurrentHashMap<>();
    private static final Map<String, Sample> SAMPLES = new ConcurrentHashMap<>();

    private GoldenStattests() {
    }

    /**
     * One expected result of one test on one dataset.
     *
     * @param testName     the stattests.json key ({@code ks}, {@code psi} ...)
     * @param caseId       e.g. {@code ks__num_n20_shift}
     * @param dataset      dataset id
     * @param featureType  {@code num} or {@code cat}
     * @param statistic    expected statistic, null when absent
     * @param pValue       expected p-value, null when the test has none
     * @param driftScore   expected drift score
     * @param threshold    threshold used
     * @param drift        expected verdict, null for error / not-computed cases
     * @param error        the Python exception name ({@code ValueError}) when the case is an error, else null
     * @param errorMessage the Python error message, else null
     * @param notComputed  the reason when the generator skipped the case, else null
     * @param expected     the raw {@code expected} node
     * @param details      the raw {@code details} node (never null; empty when absent)
     */
    public record Case(String testName, String caseId, String dataset, String featureType,
                       Double statistic, Double pValue, Double driftScore, Double threshold, Boolean drift,
                       String error, String errorMessage, String notComputed,
                       JsonNode expected, JsonNode details) {

        public boolean isError() {
            return error != null;
        }

        public boolean isNotComputed() {
            return notComputed != null;
        }

        /** The column kind the test runs on: {@code num} is numeric, {@code cat} categorical. */
        public ColumnKind kind() {
            return "num".equals(featureType) ? ColumnKind.NUMERIC : ColumnKind.CATEGORICAL;
        }

        public Sample reference() {
            return GoldenStattests.reference(dataset, kind());
        }

        public Sample current() {
            return GoldenStattests.current(dataset, kind());
        }

        /** The case id, so parameterised test names read well. */
        @Override
        public String toString() {
            return caseId;
        }
    }

    /** The whole parsed stattests.json. */
    public static JsonNode root() {
        JsonNode r = root;
        if (r == null) {
            synchronized (GoldenStattests.class) {
                r = root;
                if (r == null) {
                    try (InputStream in = open(RESOURCE)) {
                        r = MAPPER.readTree(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + RESOURCE, e);
                    }
                    root = r;
                }
            }
        }
        return r;
    }

    /** Every case of one test, in file order. */
    public static List<Case> cases(String testName) {
        JsonNode test = root().path("tests").path(testName);
        if (test.isMissingNode()) {
            throw new IllegalArgumentException("no test '" + testName + "' in " + RESOURCE);
        }
        List<Case> out = new ArrayList<>();
        for (JsonNode c : test.path("cases")) {
            JsonNode e = c.path("expected");
            JsonNode details = c.has("details") ? c.get("details") : MAPPER.createObjectNode();
            out.add(new Case(testName, c.path("case_id").asText(), c.path("dataset").asText(),
                    c.path("feature_type").asText(),
                    number(e.get("statistic")), number(e.get("p_value")), number(e.get("drift_score")),
                    number(e.get("threshold")),
                    e.hasNonNull("drift") ? e.get("drift").asBoolean() : null,
                    text(e.get("error")), text(e.get("message")), text(e.get("not_computed")),
                    e, details));
        }
        return List.copyOf(out);
    }

    /** The default threshold stattests.json records for a test. */
    public static double defaultThreshold(String testName) {
        return root().path("tests").path(testName).path("default_threshold").asDouble();
    }

    /** The reference sample of a dataset, as the given column kind. */
    public static Sample reference(String datasetId, ColumnKind kind) {
        return sample(datasetId, kind, true);
    }

    /** The current sample of a dataset, as the given column kind. */
    public static Sample current(String datasetId, ColumnKind kind) {
        return sample(datasetId, kind, false);
    }

    /**
     * Parses a golden number: a JSON number, or one of the strings {@code "NaN"}, {@code "Infinity"},
     * {@code "-Infinity"}; null or missing gives null.
     */
    public static Double number(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isNumber()) {
            // Parse the text form: Double.parseDouble is correctly rounded, so Python repr round-trips.
            return Double.parseDouble(n.asText());
        }
        return Double.parseDouble(n.asText());
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Sample sample(String datasetId, ColumnKind kind, boolean reference) {
        String key = datasetId + '|' + kind + '|' + (reference ? "reference" : "current");
        return SAMPLES.computeIfAbsent(key, k -> {
            RawDataset raw = raw(datasetId);
            List<String> values = reference ? raw.reference : raw.current;
            if (kind == ColumnKind.NUMERIC) {
                if (!raw.kind.equals("numeric")) {
                    throw new IllegalArgumentException("dataset " + datasetId + " is " + raw.kind
                            + ", not numeric");
                }
                return NumericSample.of(toDoubles(values));
            }
            if (raw.kind.equals("numeric")) {
                return CategoricalSample.ofNumbers(toDoubles(values));
            }
            return CategoricalSample.ofValues(values);
        });
    }

    /** Values as text (nulls kept as null); numbers keep their repr text. */
    private record RawDataset(String kind, List<String> reference, List<String> current) {
    }

    private static RawDataset raw(String datasetId) {
        return RAW.computeIfAbsent(datasetId, id -> {
            JsonNode ds = root().path("datasets").path(id);
            if (ds.isMissingNode()) {
                throw new IllegalArgumentException("no dataset '" + id + "' in " + RESOURCE);
            }
            String kind = ds.path("kind").asText();
            if (ds.has("csv")) {
                return readCsv(kind, "/golden/" + ds.get("csv").asText());
            }
            return new RawDataset(kind, texts(ds.get("reference")), texts(ds.get("current")));
        });
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>(array.size());
        for (JsonNode v : array) {
            out.add(v.isNull() ? null : v.asText());
        }
        return out;
    }

    private static RawDataset readCsv(String kind, String resource) {
        List<String> ref = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        try (InputStream raw = open(resource);
             InputStream in = resource.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = r.readLine();
            if (!"sample,value".equals(header)) {
                throw new IllegalStateException(resource + ": expected header 'sample,value', got '" + header + "'");
            }
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                int comma = line.indexOf(',');
                if (comma < 0) {
                    throw new IllegalStateException(resource + " line " + lineNo + ": no comma in '" + line + "'");
                }
                String side = line.substring(0, comma);
                String value = line.substring(comma + 1);
                String v = value.isEmpty() ? null : value;
                switch (side) {
                    case "reference" -> ref.add(v);
                    case "current" -> cur.add(v);
                    default -> throw new IllegalStateException(resource + " line " + lineNo
                            + ": sample must be reference or current, got '" + side + "'");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return new RawDataset(kind, ref, cur);
    }

    private static double[] toDoubles(List<String> values) {
        double[] out = new double[values.size()];
        int n = 0;
        for (String v : values) {
            if (v != null) {
                out[n++] = Double.parseDouble(v);
            }
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    private static InputStream open(String resource) {
        InputStream in = GoldenStattests.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + resource);
        }
        return in;
    }
}
