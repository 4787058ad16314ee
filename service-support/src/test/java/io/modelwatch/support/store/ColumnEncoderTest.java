package io.modelwatch.support.store;

import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.data.TimestampColumn;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.Inflater;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One encoder reused over columns of every kind writes, once inflated, exactly the stored form as {@link
 * DataOutputStream} writes it value by value (written here from the column's values, not by the encoder).
 */
class ColumnEncoderTest {

    @Test
    void aReusedEncoderWritesTheDataOutputStreamFormOfEveryKind() throws Exception {
        SplittableRandom r = new SplittableRandom(11);
        int n = 70_000; // more than the encoder's first buffers
        double[] d = new double[n];
        long[] t = new long[n];
        int[] codes = new int[n];
        String[] ids = new String[n];
        String[] odd = {"", "\u0000", "a\u0000b", "é", "日本", "\uD83D\uDE00", "x".repeat(300)};
        for (int i = 0; i < n; i++) {
            d[i] = r.nextInt(10) == 0 ? Double.NaN : r.nextDouble() * 100;
            t[i] = r.nextInt(10) == 0 ? TimestampColumn.NULL_VALUE : 1_700_000_000_000L + r.nextInt(1 << 30);
            codes[i] = r.nextInt(10) == 0 ? CategoricalColumn.NULL_CODE : r.nextInt(4);
            int k = r.nextInt(20);
            ids[i] = k == 0 ? null : k < odd.length + 1 ? odd[k - 1] : "C" + r.nextInt(1_000_000);
        }
        List<Column> columns = List.of(new NumericColumn("p", d), new TimestampColumn("ts", t),
                new CategoricalColumn("c", List.of("Month-to-month", "é ü", "", "\u0000"), codes),
                new StringColumn("id", ids), new NumericColumn("empty", new double[0]),
                new StringColumn("one", new String[] {"only"}));
        List<Column> twice = new ArrayList<>(columns);
        twice.addAll(columns);
        try (ColumnEncoder encoder = new ColumnEncoder()) {
            for (Column c : twice) {
                byte[] stored = encoder.encode(c);
                assertThat(java.util.Arrays.equals(inflate(stored), plain(c))).as(c.name()).isTrue();
                assertThat(java.util.Arrays.equals(stored, ColumnBytes.encode(c))).as(c.name()).isTrue();
            }
        }
        StringColumn back = (StringColumn) ColumnBytes.decode("id", ColumnBytes.encode(new StringColumn("id", ids)));
        assertThat(back.values()).containsExactly(ids);
    }

    @Test
    void narrowColumnsAreWrittenAsNarrowIntegersWithTheirForm() throws Exception {
        try (ColumnEncoder encoder = new ColumnEncoder()) {
            // small integers and NaN: one byte each, NaN as -128, scale 0
            byte[] ints = inflate(encoder.encode(new NumericColumn("a", new double[] {1, -127, 127, Double.NaN})));
            assertThat(ints).containsExactly(2, 1, 0, 0, 0, 4, 1, 0, 1, -127, 127, -128);
            // cents up to 327.67: shorts of hundredths (scale 2)
            byte[] cents = inflate(encoder.encode(new NumericColumn("m", new double[] {82.85, 327.67, -0.01})));
            assertThat(cents).containsExactly(2, 1, 0, 0, 0, 3, 2, 2, 0x20, 0x5D, 0x7F, 0xFF - 256, -1, -1);
            // 128 is not a byte (nor -128, the null marker): shorts
            byte[] wider = inflate(encoder.encode(new NumericColumn("w", new double[] {-128, 128})));
            assertThat(wider).containsExactly(2, 1, 0, 0, 0, 2, 2, 0, -1, -128, 0, -128);
            // -0.0 is not an integer: doubles
            byte[] negZero = inflate(encoder.encode(new NumericColumn("z", new double[] {-0.0})));
            assertThat(negZero).containsExactly(2, 1, 0, 0, 0, 1, 8, -128, 0, 0, 0, 0, 0, 0, 0);
            // 256 codes: shorts
            int[] codes = new int[257];
            for (int i = 0; i < 257; i++) {
                codes[i] = i - 1;
            }
            List<String> dict = new ArrayList<>();
            for (int i = 0; i < 256; i++) {
                dict.add("");
            }
            byte[] cat = inflate(encoder.encode(new CategoricalColumn("c", dict, codes)));
            int header = 1 + 1 + 4 + 4 + 256 * 2;
            assertThat(cat.length).isEqualTo(header + 1 + 257 * 2);
            assertThat(cat[header]).isEqualTo((byte) 2);
            // whole seconds from the first: base, unit 1000, then seconds as bytes (null as -128)
            byte[] ts = inflate(encoder.encode(new TimestampColumn("t",
                    new long[] {1_000_000_000_000L, TimestampColumn.NULL_VALUE, 1_000_000_005_000L, 999_999_999_000L})));
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(expected);
            out.write(new byte[] {2, 4, 0, 0, 0, 4, 1});
            out.writeLong(1_000_000_000_000L);
            out.writeLong(1000);
            out.write(new byte[] {0, -128, 5, -1});
            assertThat(ts).containsExactly(expected.toByteArray());
        }
    }

    /** The stored form before deflating, value by value, for the columns of the test above. */
    private static byte[] plain(Column column) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(2);
        if (column instanceof NumericColumn c) {
            out.writeByte(1);
            out.writeInt(c.size());
            if (c.size() == 0) {
                out.writeByte(1); // nothing to widen: bytes, scale 0
                out.writeByte(0);
            } else {
                out.writeByte(8); // random fractions: doubles
                for (double v : c.values()) {
                    out.writeDouble(v);
                }
            }
        } else if (column instanceof CategoricalColumn c) {
            out.writeByte(2);
            out.writeInt(c.size());
            out.writeInt(c.dictionary().size());
            for (String s : c.dictionary()) {
                out.writeUTF(s);
            }
            out.writeByte(1); // four codes and null: bytes
            for (int code : c.codes()) {
                out.writeByte(code);
            }
        } else if (column instanceof StringColumn c) {
            out.writeByte(3);
            out.writeInt(c.size());
            for (String s : c.values()) {
                out.writeBoolean(s != null);
                if (s != null) {
                    out.writeUTF(s);
                }
            }
        } else {
            TimestampColumn c = (TimestampColumn) column;
            out.writeByte(4);
            out.writeInt(c.size());
            long base = java.util.Arrays.stream(c.epochMillis()).filter(v -> v != TimestampColumn.NULL_VALUE)
                    .findFirst().orElseThrow();
            out.writeByte(4); // within 2^30 ms of the first, not whole seconds: ints of millis
            out.writeLong(base);
            out.writeLong(1);
            for (long v : c.epochMillis()) {
                out.writeInt(v == TimestampColumn.NULL_VALUE ? Integer.MIN_VALUE : (int) (v - base));
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] inflate(byte[] stored) throws Exception {
        Inflater inflater = new Inflater();
        inflater.setInput(stored);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        while (!inflater.finished()) {
            int k = inflater.inflate(buffer);
            assertThat(k > 0 || !inflater.needsInput()).as("stored bytes end early").isTrue();
            out.write(buffer, 0, k);
        }
        inflater.end();
        return out.toByteArray();
    }
}
