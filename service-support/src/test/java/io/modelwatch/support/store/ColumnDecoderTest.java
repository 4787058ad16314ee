package io.modelwatch.support.store;

import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.data.TimestampColumn;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One decoder reads column after column of every kind and size, as a chunk's columns arrive from the store. */
class ColumnDecoderTest {

    @Test
    void decodesColumnsOfEveryKindAndSizeInTurn() {
        double[] big = new double[300_000]; // 2.4 MB inflated: more than the decoder's first buffer
        for (int i = 0; i < big.length; i++) {
            big[i] = i * 0.25 - 7;
        }
        try (ColumnDecoder decoder = new ColumnDecoder()) {
            NumericColumn small = (NumericColumn) decoder.decode("a",
                    ColumnBytes.encode(new NumericColumn("a", new double[] {1.5, Double.NaN, -0.0})));
            assertThat(small.values()).hasSize(3);
            assertThat(small.values()[0]).isEqualTo(1.5);
            assertThat(Double.isNaN(small.values()[1])).isTrue();
            assertThat(Double.doubleToRawLongBits(small.values()[2])).isEqualTo(Long.MIN_VALUE);

            NumericColumn large = (NumericColumn) decoder.decode("b", ColumnBytes.encode(new NumericColumn("b", big)));
            assertThat(Arrays.equals(large.values(), big)).isTrue();
            assertThat(large.values()[299_999]).isEqualTo(74_992.75);

            CategoricalColumn cat = (CategoricalColumn) decoder.decode("c", ColumnBytes.encode(new CategoricalColumn("c",
                    List.of("One year", "Two year"), new int[] {1, CategoricalColumn.NULL_CODE, 0})));
            assertThat(cat.dictionary()).containsExactly("One year", "Two year");
            assertThat(cat.codes()).containsExactly(1, -1, 0);

            StringColumn s = (StringColumn) decoder.decode("d",
                    ColumnBytes.encode(new StringColumn("d", new String[] {"x", null, "ß"})));
            assertThat(s.values()).containsExactly("x", null, "ß");

            TimestampColumn t = (TimestampColumn) decoder.decode("e",
                    ColumnBytes.encode(new TimestampColumn("e", new long[] {1_709_251_200_000L, TimestampColumn.NULL_VALUE})));
            assertThat(t.epochMillis()).containsExactly(1_709_251_200_000L, TimestampColumn.NULL_VALUE);
        }
    }

    @Test
    void truncatedBytesNameTheColumn() {
        byte[] whole = ColumnBytes.encode(new NumericColumn("x", new double[] {1, 2, 3, 4}));
        try (ColumnDecoder decoder = new ColumnDecoder()) {
            assertThatThrownBy(() -> decoder.decode("tenure", Arrays.copyOf(whole, whole.length / 2)))
                    .hasMessageContaining("tenure");
        }
    }

    /**
     * Text rows come back as the strings written, whether copied as ASCII bytes or read by {@code readUTF}: nulls,
     * empty strings, non-ASCII ids, U+0000 and supplementary characters (whose modified UTF-8 differs from UTF-8),
     * many rows and a long one.
     */
    @Test
    void textRowsDecodeAsTheStringsWritten() {
        java.util.Random random = new java.util.Random(5);
        String[] values = new String[20_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (i % 9) {
                case 0 -> null;
                case 1 -> "";
                case 2 -> "Kundé-" + i;
                case 3 -> "客户" + i;
                case 4 -> "😀" + i;
                case 5 -> "a\u0000b" + i;
                default -> "C-" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
            };
        }
        values[7] = "x".repeat(60_000) + "é";
        try (ColumnDecoder decoder = new ColumnDecoder()) {
            decoder.decode("n", ColumnBytes.encode(new NumericColumn("n", new double[] {1}))); // a reused decoder
            StringColumn s = (StringColumn) decoder.decode("id", ColumnBytes.encode(new StringColumn("id", values)));
            assertThat(s.values()).containsExactly(values);
            StringColumn expected = new StringColumn("id", values);
            for (int i = 0; i < values.length; i++) {
                assertThat(s.sameValue(i, expected, i)).isTrue();
            }
        }
    }
}
