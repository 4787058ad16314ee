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
}
