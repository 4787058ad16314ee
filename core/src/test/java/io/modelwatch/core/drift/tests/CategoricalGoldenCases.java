package io.modelwatch.core.drift.tests;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.Sample;
import io.modelwatch.core.golden.GoldenStattests;

import java.util.List;

/**
 * The view of {@code golden/stattests.json} that the binned and categorical drift tests read, on top of the
 * shared loader {@link GoldenStattests} (one parser of the JSON and the CSV datasets for every golden test).
 * The values were produced by {@code make_golden.py} (numpy 1.24.2, scipy 1.10.1, pandas 1.5.3), following
 * Evidently's conventions described in {@code golden/STATTESTS.md}. Non-finite numbers are the strings
 * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}; nulls and non-finite values are dropped from the
 * samples, as Evidently does before every test.
 */
final class CategoricalGoldenCases {

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
        return GoldenStattests.cases(testName).stream()
                .map(c -> new GoldenCase(testName, c.dataset(), c.featureType(), c.expected(),
                        c.details().isEmpty() ? null : c.details()))
                .toList();
    }

    /** The whole entry of one test ({@code default_threshold}, {@code drift_rule}, {@code cases}). */
    static JsonNode test(String testName) {
        JsonNode test = GoldenStattests.root().path("tests").get(testName);
        if (test == null) {
            throw new IllegalArgumentException("no test '" + testName + "' in stattests.json");
        }
        return test;
    }

    /** A JSON number, or NaN / ±infinity from their string encodings; JSON null is NaN. */
    static double number(JsonNode node) {
        Double v = GoldenStattests.number(node);
        return v == null ? Double.NaN : v;
    }

    /** A JSON array of numbers as doubles (see {@link #number(JsonNode)}). */
    static double[] numbers(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(array.get(i));
        }
        return out;
    }

    /** A dataset's samples, numeric for numeric datasets and categorical otherwise (its {@code kind}). */
    static Samples dataset(String id) {
        String kind = GoldenStattests.root().path("datasets").path(id).path("kind").asText();
        ColumnKind k = "numeric".equals(kind) ? ColumnKind.NUMERIC : ColumnKind.CATEGORICAL;
        return new Samples(GoldenStattests.reference(id, k), GoldenStattests.current(id, k));
    }
}
