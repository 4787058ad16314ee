package io.modelwatch.core.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The byte-packed text column gives back the strings it was given, and compares rows by their bytes. */
class StringColumnTest {

    @TempDir
    Path dir;

    private static final String[] VALUES = {"a", null, "", "ß", "日本語", null, "C12345", "a"};

    @Test
    void keepsEveryValueNullsAndEmptyStrings() {
        StringColumn c = new StringColumn("id", VALUES);
        assertThat(c.size()).isEqualTo(VALUES.length);
        assertThat(c.nullCount()).isEqualTo(2);
        assertThat(c.values()).containsExactly(VALUES);
        for (int i = 0; i < VALUES.length; i++) {
            assertThat(c.get(i)).isEqualTo(VALUES[i]);
            assertThat(c.isNull(i)).isEqualTo(VALUES[i] == null);
        }
        assertThatThrownBy(() -> c.isNull(VALUES.length)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(new StringColumn("empty", new String[0]).size()).isZero();
    }

    @Test
    void sameValueAndHashAgreeWithStringEquality() {
        StringColumn c = new StringColumn("id", VALUES);
        StringColumn other = new StringColumn("other", new String[] {"日本語", "a", null, ""});
        for (int i = 0; i < VALUES.length; i++) {
            for (int j = 0; j < other.size(); j++) {
                boolean equal = java.util.Objects.equals(VALUES[i], other.get(j));
                assertThat(c.sameValue(i, other, j)).as("%s vs %s", VALUES[i], other.get(j)).isEqualTo(equal);
                if (equal && VALUES[i] != null) {
                    assertThat(c.hash(i)).isEqualTo(other.hash(j));
                }
            }
        }
    }

    @Test
    void concatenatedPartsReadAsOneColumn() {
        StringColumn joined = StringColumn.concat("id", List.of(new StringColumn("id", new String[] {"x", null}),
                new StringColumn("id", new String[0]), new StringColumn("id", new String[] {"", "ü", null, "z"})));
        assertThat(joined.values()).containsExactly("x", null, "", "ü", null, "z");
        assertThat(joined.nullCount()).isEqualTo(2);
    }

    @Test
    void malformedUtf8IdsReadAsTheirDecodedStringsAndCompareAsThem() throws Exception {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        csv.write("id,x\nC\u00e9,1\n".getBytes(StandardCharsets.UTF_8));
        csv.write(new byte[] {'C', (byte) 0xff, ',', '2', '\n', 'C', (byte) 0xfe, ',', '3', '\n'});
        Path file = dir.resolve("ids.csv");
        Files.write(file, csv.toByteArray());
        ColumnBatch batch = CsvReader.withDefaults().read(file,
                TableSchema.of(Map.of("id", ColumnType.STRING), false));
        StringColumn ids = (StringColumn) batch.column("id");
        assertThat(ids.values()).containsExactly("C\u00e9", "C\uFFFD", "C\uFFFD");
        assertThat(ids.sameValue(1, ids, 2)).as("equal as strings, so equal as ids").isTrue();
        assertThat(ids.hash(1)).isEqualTo(ids.hash(2));
    }

    @Test
    void builderTakesAsciiBytesAndStringsAsTheConstructorDoes() {
        String[] values = {"C-000001", null, "", "ß-7", "客户", "😀", "\u0000", "x\uD800y", "plain"};
        StringColumn.Builder builder = new StringColumn.Builder("id", values.length, 4);
        for (String v : values) {
            if (v == null) {
                builder.add(null);
                continue;
            }
            byte[] utf8 = v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            boolean ascii = true;
            for (byte b : utf8) {
                ascii &= b >= 0;
            }
            assertThat(builder.addAscii(utf8, 0, utf8.length)).as(v).isEqualTo(ascii);
            if (!ascii) {
                builder.add(v);
            }
        }
        StringColumn built = builder.build();
        StringColumn expected = new StringColumn("id", values);
        // the unpaired surrogate is stored as '?', as String.getBytes encodes it
        assertThat(built.values()).containsExactly("C-000001", null, "", "ß-7", "客户", "😀", "\u0000", "x?y", "plain");
        for (int i = 0; i < values.length; i++) {
            assertThat(built.sameValue(i, expected, i)).as("row %d", i).isTrue();
            if (values[i] != null) {
                assertThat(built.hash(i)).isEqualTo(expected.hash(i));
            }
        }
        assertThat(built.nullCount()).isEqualTo(1);
    }

    @Test
    void builderRefusesTooFewRows() {
        StringColumn.Builder builder = new StringColumn.Builder("id", 2, 0);
        builder.add("a");
        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("1 of 2");
    }
}
