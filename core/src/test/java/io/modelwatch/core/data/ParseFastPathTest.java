package io.modelwatch.core.data;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast paths of the CSV reader against the plain ones: the simple-decimal number path against
 * {@code Double.parseDouble} (bit for bit), the word-at-a-time dictionary hash (every value keeps its own
 * code), and the presized column arrays (row counts that miss the estimate in both directions).
 */
class ParseFastPathTest {

    @Test
    void simpleDecimalsReadExactlyAsDoubleParseDouble() {
        Random random = new Random(42);
        List<String> texts = new ArrayList<>(List.of("0", "-0", "0.0", "-0.0", "1", "007", "9007199254740992",
                "9007199254740993", "123456789012345678", "1234567890123456789", "0.1", "0.30000000000000004",
                "1.7976931348623157", "4.9", "82.85", "-537.13", "0.0000000000000000000001",
                "0.00000000000000000000001", "5.", ".5", "+5", "1e5", "NaN", "-", "1.2.3", "12a", "999999999999999999"));
        for (int i = 0; i < 200_000; i++) {
            int intDigits = 1 + random.nextInt(10);
            int decimals = random.nextInt(12);
            StringBuilder s = new StringBuilder(random.nextBoolean() ? "-" : "");
            for (int d = 0; d < intDigits; d++) {
                s.append((char) ('0' + random.nextInt(10)));
            }
            if (decimals > 0) {
                s.append('.');
                for (int d = 0; d < decimals; d++) {
                    s.append((char) ('0' + random.nextInt(10)));
                }
            }
            texts.add(s.toString());
        }
        for (String text : texts) {
            byte[] b = (" " + text + " ").getBytes(StandardCharsets.US_ASCII);
            double fast = NumberCells.parseSimpleDecimal(b, 1, b.length - 1);
            if (fast == fast) {
                assertThat(Double.doubleToRawLongBits(fast)).as(text)
                        .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
            } else {
                assertThat(text).as("only text outside the simple shape falls back")
                        .matches(t -> !t.matches("-?\\d{1,12}(\\.\\d{1,3})?"));
            }
            boolean[] ok = new boolean[1];
            double parsed = NumberCells.parseNumber(b, 1, b.length - 1, ok);
            if (ok[0]) {
                assertThat(Double.doubleToRawLongBits(parsed)).as(text)
                        .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
            }
        }
    }

    /**
     * Values of equal length whose 32-bit hashes are equal (pairs found by a search over {@code v%05d} and {@code
     * value-%06d}), values one byte apart, and runs of one value, in a random order and at random offsets among
     * random bytes, get the codes of a {@code HashMap} that numbers values in first-seen order.
     */
    @Test
    void equalHashesAndEqualLengthsStillGetTheirOwnCodes() {
        List<String> values = List.of("v01460", "v21389", "value-025795", "value-038727", "Yes", "Yet", "No",
                "Month-to-month", "Month-to-montH", "Two year", "One year", "", "x");
        assertThat(ByteDictionary.hash(bytes("v01460"), 0, 6)).isEqualTo(ByteDictionary.hash(bytes("v21389"), 0, 6));
        assertThat(ByteDictionary.hash(bytes("value-025795"), 0, 12))
                .isEqualTo(ByteDictionary.hash(bytes("value-038727"), 0, 12));
        Random random = new Random(11);
        ByteDictionary dictionary = new ByteDictionary();
        java.util.Map<String, Integer> expected = new java.util.HashMap<>();
        byte[] cells = new byte[64];
        for (int i = 0; i < 50_000; i++) {
            String value = values.get(random.nextInt(values.size()));
            int repeats = 1 + random.nextInt(3);
            for (int r = 0; r < repeats; r++) {
                byte[] v = bytes(value);
                int off = random.nextInt(8);
                random.nextBytes(cells);
                System.arraycopy(v, 0, cells, off, v.length);
                Integer code = expected.computeIfAbsent(value, k -> expected.size());
                assertThat(dictionary.codeOf(cells, off, v.length)).as(value).isEqualTo(code);
            }
        }
        assertThat(dictionary.values()).hasSize(values.size());
        for (int code = 0; code < values.size(); code++) {
            assertThat(expected.get(dictionary.values().get(code))).isEqualTo(code);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void dictionaryGivesEveryDistinctValueItsOwnCode() {
        ByteDictionary dictionary = new ByteDictionary();
        List<String> values = new ArrayList<>();
        for (int len = 0; len <= 40; len++) {
            values.add("x".repeat(len));
            values.add("y".repeat(len));
        }
        for (int i = 0; i < 20_000; i++) {
            values.add("customer-" + i + "-segment-" + (i % 7));
        }
        values.add("Month-to-month");
        values.add("Mailed check");
        values.add("é日本");
        Set<String> distinct = new HashSet<>();
        for (String v : values) {
            distinct.add(v);
        }
        for (int round = 0; round < 2; round++) {
            for (String v : values) {
                byte[] b = ("##" + v + "#").getBytes(StandardCharsets.UTF_8);
                int code = dictionary.codeOf(b, 2, b.length - 3);
                assertThat(dictionary.values().get(code)).isEqualTo(v);
            }
        }
        assertThat(dictionary.size()).isEqualTo(distinct.size());
    }

    @Test
    void wordwiseByteComparisonAgreesWithArraysEquals() {
        Random random = new Random(7);
        for (int len = 0; len <= 40; len++) {
            byte[] a = new byte[len + 3];
            random.nextBytes(a);
            byte[] b = new byte[len + 5];
            System.arraycopy(a, 3, b, 5, len);
            assertThat(ByteDictionary.sameBytes(a, 3, b, 5, len)).isTrue();
            for (int i = 0; i < len; i++) {
                b[5 + i] ^= 1;
                assertThat(ByteDictionary.sameBytes(a, 3, b, 5, len)).as("len %d, byte %d differs", len, i).isFalse();
                b[5 + i] ^= 1;
            }
        }
    }

    @Test
    void rememberedDaysParseAsWithoutThem() {
        List<String> texts = List.of("2026-11-27T08:54:21Z", "2026-11-27T23:59:59Z", "2026-11-28", "2026-11-28T00:00:01Z",
                "2026-02-30T00:00:00Z", "2026-02-30", "2026-11-28T25:00:00Z", "2026-11-28 04:00:00.123+02:00",
                "2024-02-29T12:00:00Z", "2024-02-29", "1969-12-31T23:59:59Z", "2026-11-27T08:54:21Z", "not a date!");
        IsoTimestamps.LastDay lastDay = new IsoTimestamps.LastDay();
        for (int round = 0; round < 2; round++) {
            for (String text : texts) {
                byte[] b = ("," + text + ",").getBytes(StandardCharsets.US_ASCII);
                assertThat(IsoTimestamps.parse(b, 1, b.length - 2, lastDay)).as(text)
                        .isEqualTo(IsoTimestamps.parse(b, 1, b.length - 2));
            }
        }
    }

    @Test
    void presizedColumnsHoldEveryRowWhetherTheEstimateIsHighOrLow(@TempDir Path dir) throws Exception {
        // short rows first then long ones (estimate too low), and the reverse (estimate too high)
        for (boolean shortFirst : new boolean[] {true, false}) {
            StringBuilder csv = new StringBuilder("id,x,c,t\n");
            int rows = 5000;
            for (int i = 0; i < rows; i++) {
                boolean shortRow = (i < CsvRecords.ESTIMATE_AFTER_ROWS) == shortFirst;
                String id = shortRow ? "a" + i : "a-much-longer-identifier-for-row-" + i;
                csv.append(id).append(',').append(i).append(".5,").append(i % 3 == 0 ? "" : "k" + (i % 5))
                        .append(",2026-11-27T00:00:").append(String.format("%02d", i % 60)).append("Z\n");
            }
            Path file = dir.resolve("f" + shortFirst + ".csv");
            Files.writeString(file, csv);
            TableSchema schema = TableSchema.of(java.util.Map.of("id", ColumnType.STRING, "x", ColumnType.NUMERIC,
                    "c", ColumnType.CATEGORICAL, "t", ColumnType.TIMESTAMP), false);
            ColumnBatch whole = CsvReader.withDefaults().read(file, schema);
            assertThat(whole.rowCount()).isEqualTo(rows);
            double[] x = ((NumericColumn) whole.column("x")).values();
            assertThat(x).hasSize(rows);
            assertThat(x[rows - 1]).isEqualTo(rows - 1 + 0.5);
            assertThat(((StringColumn) whole.column("id")).values()).hasSize(rows).doesNotContainNull();
            assertThat(((CategoricalColumn) whole.column("c")).codes()).hasSize(rows);
            assertThat(((TimestampColumn) whole.column("t")).size()).isEqualTo(rows);

            List<ColumnBatch> chunks = new ArrayList<>();
            CsvReader.withDefaults().stream(file, schema, 700, chunks::add);
            int total = 0;
            for (ColumnBatch chunk : chunks) {
                double[] cx = ((NumericColumn) chunk.column("x")).values();
                for (int i = 0; i < cx.length; i++) {
                    assertThat(cx[i]).isEqualTo(x[total + i]);
                }
                total += chunk.rowCount();
            }
            assertThat(total).isEqualTo(rows);
        }
    }
}
