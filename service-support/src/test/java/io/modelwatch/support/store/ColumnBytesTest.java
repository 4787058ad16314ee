package io.modelwatch.support.store;

import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.data.TimestampColumn;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The batch store's column encoding is lossless, nulls and special values included. */
class ColumnBytesTest {

    @Test
    void numericRoundTripKeepsEveryBitIncludingNaNAndInfinities() {
        double[] v = {0.0, -0.0, 1.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE, Double.MAX_VALUE, 1e-300};
        NumericColumn back = (NumericColumn) roundTrip(new NumericColumn("x", v));
        assertThat(back.name()).isEqualTo("x");
        for (int i = 0; i < v.length; i++) {
            assertThat(Double.doubleToRawLongBits(back.values()[i])).isEqualTo(Double.doubleToRawLongBits(v[i]));
        }
    }

    @Test
    void categoricalRoundTripKeepsDictionaryOrderAndNullCodes() {
        CategoricalColumn c = new CategoricalColumn("contract_type", List.of("Month-to-month", "One year", "Two year", "é ü"),
                new int[] {0, 1, CategoricalColumn.NULL_CODE, 2, 3, 0});
        CategoricalColumn back = (CategoricalColumn) roundTrip(c);
        assertThat(back.dictionary()).containsExactlyElementsOf(c.dictionary());
        assertThat(back.codes()).containsExactly(c.codes());
    }

    @Test
    void stringAndTimestampRoundTripKeepNulls() {
        StringColumn s = (StringColumn) roundTrip(new StringColumn("customer_id", new String[] {"a", null, "", "ß"}));
        assertThat(s.values()).containsExactly("a", null, "", "ß");
        TimestampColumn t = (TimestampColumn) roundTrip(new TimestampColumn("ts",
                new long[] {0L, TimestampColumn.NULL_VALUE, 1_709_251_200_000L}));
        assertThat(t.epochMillis()).containsExactly(0L, TimestampColumn.NULL_VALUE, 1_709_251_200_000L);
    }

    @Test
    void aMillionRowColumnRoundTrips() {
        SplittableRandom r = new SplittableRandom(7);
        double[] v = new double[1_000_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(120) + 1;
        }
        byte[] bytes = ColumnBytes.encode(new NumericColumn("account_age", v));
        assertThat(bytes.length).as("small-integer doubles compress").isLessThan(v.length * 8 / 2);
        // Arrays.equals: AssertJ's containsExactly diffs quadratically on a million elements
        assertThat(java.util.Arrays.equals(((NumericColumn) ColumnBytes.decode("account_age", bytes)).values(), v)).isTrue();
    }

    @Test
    void corruptBytesNameTheColumn() {
        assertThatThrownBy(() -> ColumnBytes.decode("monthly_charges", new byte[] {1, 2, 3}))
                .hasMessageContaining("monthly_charges");
    }

    private static Column roundTrip(Column c) {
        Column back = ColumnBytes.decode(c.name(), ColumnBytes.encode(c));
        assertThat(back.size()).isEqualTo(c.size());
        assertThat(back.nullCount()).isEqualTo(c.nullCount());
        assertThat(ColumnBytes.kind(back)).isEqualTo(ColumnBytes.kind(c));
        return back;
    }

    @Test
    void narrowedNumericColumnsRoundTripBitForBitAtEveryBoundary() {
        double[][] columns = {
                {-127, 127, Double.NaN, 0}, {-128, 127}, {-127, 128}, {-32767, 32767, Double.NaN},
                {-32768, 1}, {32768}, {-2147483647, 2147483647, Double.NaN}, {-2147483648.0}, {2147483648.0},
                {1, -0.0, 2}, {0.0, 3}, {1, Double.POSITIVE_INFINITY}, {Double.NEGATIVE_INFINITY},
                {Double.NaN, Double.NaN}, {}, {82.85, 537.13, 0.7893, Double.NaN, 24.2, 1e-4}, {0.1 + 0.2},
                {1, Double.longBitsToDouble(0x7ff8000000000001L)}, {1e-300, 3}, {0.00001, 2}, {21474836.47}};
        for (double[] v : columns) {
            double[] back = ((NumericColumn) roundTrip(new NumericColumn("x", v))).values();
            assertThat(back).hasSize(v.length);
            for (int i = 0; i < v.length; i++) {
                assertThat(Double.doubleToRawLongBits(back[i])).as(java.util.Arrays.toString(v) + "[" + i + "]")
                        .isEqualTo(Double.doubleToRawLongBits(v[i]));
            }
        }
    }

    @Test
    void narrowedCodesAndTimestampsRoundTripAtEveryBoundary() {
        for (int size : new int[] {0, 1, 127, 128, 255, 256, 32767, 32768, 65536, 65537}) {
            List<String> dict = java.util.Collections.nCopies(size, "v");
            int[] codes = size == 0 ? new int[] {CategoricalColumn.NULL_CODE}
                    : new int[] {0, size - 1, CategoricalColumn.NULL_CODE, size / 2};
            assertThat(((CategoricalColumn) roundTrip(new CategoricalColumn("c", dict, codes))).codes())
                    .as("dictionary of " + size).containsExactly(codes);
        }
        long base = 1_764_000_000_000L;
        long nul = TimestampColumn.NULL_VALUE;
        long[][] columns = {
                {base, base + 127_000, base - 127_000, nul}, {base, base - 128_000}, {base, base + 1},
                {base, base + 32767, base - 32767, nul}, {base, base - 32768}, {base, base + 86_400_000L},
                {base, base + 2147483647000L}, {base, base - 2147483648000L}, {base, base + 2147483647001L},
                {nul, nul}, {}, {Long.MAX_VALUE, Long.MIN_VALUE + 1, 0}, {Long.MIN_VALUE + 1, Long.MAX_VALUE},
                {nul, -5, 5}, {0}};
        for (long[] t : columns) {
            assertThat(((TimestampColumn) roundTrip(new TimestampColumn("t", t))).epochMillis())
                    .as(java.util.Arrays.toString(t)).containsExactly(t);
        }
    }

    /** Bytes written by the version-1 encoder (main at d845976, before narrowing) still decode. */
    @Test
    void columnsStoredByTheFirstVersionStillDecode() throws Exception {
        NumericColumn n = (NumericColumn) ColumnBytes.decode("n", v1("numeric.v1"));
        double[] expected = {0.0, -0.0, 1.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 127,
                -128, 82.85, 3};
        for (int i = 0; i < expected.length; i++) {
            assertThat(Double.doubleToRawLongBits(n.values()[i])).isEqualTo(Double.doubleToRawLongBits(expected[i]));
        }
        assertThat(((NumericColumn) ColumnBytes.decode("i", v1("integers.v1"))).values())
                .containsExactly(1, 2, Double.NaN, 120, -5);
        CategoricalColumn c = (CategoricalColumn) ColumnBytes.decode("c", v1("categorical.v1"));
        assertThat(c.dictionary()).containsExactly("a", "b", "é");
        assertThat(c.codes()).containsExactly(0, 1, -1, 2, 0);
        assertThat(((StringColumn) ColumnBytes.decode("s", v1("string.v1"))).values()).containsExactly("a", null, "", "ß");
        assertThat(((TimestampColumn) ColumnBytes.decode("t", v1("timestamp.v1"))).epochMillis())
                .containsExactly(1_709_251_200_000L, TimestampColumn.NULL_VALUE, 1_709_251_201_000L, 0L);
    }

    private static byte[] v1(String name) throws java.io.IOException {
        try (var in = ColumnBytesTest.class.getResourceAsStream("v1/" + name)) {
            return in.readAllBytes();
        }
    }
}
