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

    /** The stored form before deflating, value by value. */
    private static byte[] plain(Column column) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(1);
        if (column instanceof NumericColumn c) {
            out.writeByte(1);
            out.writeInt(c.size());
            for (double v : c.values()) {
                out.writeDouble(v);
            }
        } else if (column instanceof CategoricalColumn c) {
            out.writeByte(2);
            out.writeInt(c.size());
            out.writeInt(c.dictionary().size());
            for (String s : c.dictionary()) {
                out.writeUTF(s);
            }
            for (int code : c.codes()) {
                out.writeInt(code);
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
            for (long v : c.epochMillis()) {
                out.writeLong(v);
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
