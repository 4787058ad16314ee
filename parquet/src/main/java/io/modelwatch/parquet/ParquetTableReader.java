package io.modelwatch.parquet;

import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.ColumnType;
import io.modelwatch.core.data.InputException;
import io.modelwatch.core.data.TableReader;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.data.TypedBatchBuilder;
import io.modelwatch.core.drift.CategoricalSample;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Reads a Parquet file into {@link ColumnBatch}es, row group by row group, with the rules of the CSV reader (see
 * {@link TableReader}), so that the same table written as CSV or as Parquet gives the same batches and so the same
 * run. Flat files only: every top-level field a primitive, required or optional (nested groups and repeated fields
 * are refused, naming the column).
 *
 * <p>Types: a column the {@link TableSchema} lists is read as its type; an unlisted column is categorical, or, when
 * the schema sniffs, takes the type its Parquet type implies (integers, floating point and decimals numeric; DATE,
 * TIMESTAMP and INT96 timestamps; everything else text, categorical). Values convert as follows:
 * <ul>
 *   <li>to a <b>numeric</b> column: integers, floats, doubles and decimals (exactly rounded, as the text of the
 *       decimal would be), booleans as 1 and 0; a NaN is null; a text value is parsed by the CSV rule;</li>
 *   <li>to a <b>timestamp</b> column: DATE (00:00 UTC), TIMESTAMP in milli-, micro- or nanoseconds (floored to the
 *       millisecond, as the CSV reader keeps milliseconds) and INT96; a text value is parsed as ISO-8601;</li>
 *   <li>to a <b>categorical</b> or <b>text</b> column: text as is; integers and decimals as their decimal text,
 *       floats and doubles as {@link CategoricalSample#numberLabel}, booleans as {@code true}/{@code false}, dates
 *       and timestamps as ISO-8601.</li>
 * </ul>
 * Any other pairing (a timestamp in a numeric column, a number in a timestamp column) goes through the text form and
 * the CSV rule, which refuses it: the cell is null and counted in the parse report with its file row (1-based,
 * counted over all row groups) and text, as a bad CSV cell is. An empty text is null, as an empty CSV cell.
 *
 * <p>Chunks hold exactly {@code chunkRows} rows (but the last), whatever the row groups, as a CSV read on one thread
 * makes them. Memory: the compressed pages of one row group (what parquet-java reads at a time) and one chunk.
 * Files that cannot be read (missing, not Parquet, a corrupt footer or page, an unsupported codec) throw
 * {@link InputException} naming the file.
 */
public final class ParquetTableReader implements TableReader {

    /** The four bytes a Parquet file starts (and ends) with. */
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final long MILLIS_PER_DAY = 86_400_000L;
    /** Julian day number of 1970-01-01, for INT96 timestamps. */
    private static final long JULIAN_EPOCH_DAY = 2_440_588L;

    private ParquetTableReader() {
    }

    public static ParquetTableReader withDefaults() {
        return new ParquetTableReader();
    }

    /**
     * Whether {@code file} is a Parquet file: it starts with the magic bytes {@code PAR1}, or, when it cannot be
     * read (missing), its name ends with {@code .parquet} (so the Parquet reader names the missing file).
     */
    public static boolean isParquet(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(MAGIC.length);
            return java.util.Arrays.equals(head, MAGIC);
        } catch (IOException e) {
            return file.getFileName() != null && file.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                    .endsWith(".parquet");
        }
    }

    @Override
    public ColumnBatch read(Path file, TableSchema schema) {
        List<ColumnBatch> whole = new ArrayList<>(1);
        stream(file, schema, Integer.MAX_VALUE, whole::add);
        return whole.get(0);
    }

    @Override
    public Summary stream(Path file, TableSchema schema, int chunkRows, Consumer<ColumnBatch> sink) {
        String source = file.toString();
        if (!Files.exists(file)) {
            throw new InputException(source + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new InputException(source + ": is a directory, expected a Parquet file");
        }
        return stream(new LocalInputFile(file), source, schema, chunkRows, null, 0, sink);
    }

    /** The row count of each row group of a Parquet file, in file order (to split a file between tasks). */
    public static List<Long> rowGroupRows(InputFile file, String source) {
        try (ParquetFileReader reader = open(file, source)) {
            return reader.getRowGroups().stream().map(BlockMetaData::getRowCount).toList();
        } catch (IOException e) {
            throw new InputException(source + ": cannot read as Parquet: " + e.getMessage(), e);
        }
    }

    /**
     * Reads some row groups of a Parquet file from any {@link InputFile} (a Hadoop file system's, for example), in
     * chunks of at most {@code chunkRows} rows.
     *
     * @param source    the file's name in messages and reports
     * @param rowGroups the row groups to read, ascending; null for all
     * @param firstRow  rows of the file before the first row group read (parse issues carry file rows from
     *                  {@code firstRow + 1})
     * @return the row count, column types and parse report of the rows read
     */
    public Summary stream(InputFile file, String source, TableSchema schema, int chunkRows, List<Integer> rowGroups,
                          long firstRow, Consumer<ColumnBatch> sink) {
        if (chunkRows <= 0) {
            throw new IllegalArgumentException("chunk size must be positive, got " + chunkRows);
        }
        Objects.requireNonNull(sink, "sink");
        try (ParquetFileReader reader = open(file, source)) {
            MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            List<Field> fields = fields(fileSchema, schema, source);
            Map<String, ColumnType> types = new LinkedHashMap<>();
            fields.forEach(f -> types.put(f.name, f.target));
            TypedBatchBuilder builder = new TypedBatchBuilder(source, types);
            List<Integer> groups = rowGroups != null ? rowGroups
                    : IntStream.range(0, reader.getRowGroups().size()).boxed().toList();
            long row = firstRow;
            int inChunk = 0;
            boolean emitted = false;
            for (int g : groups) {
                PageReadStore pages = reader.readRowGroup(g);
                if (pages == null) {
                    throw new InputException(source + ": row group " + g + " is missing");
                }
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages,
                        new GroupRecordConverter(fileSchema).getRootConverter(), fileSchema, createdBy);
                ColumnReader[] columns = new ColumnReader[fields.size()];
                for (int c = 0; c < columns.length; c++) {
                    columns[c] = store.getColumnReader(fields.get(c).descriptor);
                }
                long left = pages.getRowCount();
                while (left > 0) {
                    int slice = (int) Math.min(left, chunkRows - inChunk);
                    for (int c = 0; c < columns.length; c++) {
                        fields.get(c).read(columns[c], builder, c, row, slice);
                    }
                    row += slice;
                    left -= slice;
                    inChunk += slice;
                    if (inChunk == chunkRows) {
                        sink.accept(builder.take(inChunk));
                        emitted = true;
                        inChunk = 0;
                    }
                }
            }
            if (inChunk > 0 || !emitted) {
                sink.accept(builder.take(inChunk));
            }
            return builder.summary();
        } catch (IOException | RuntimeException e) {
            if (e instanceof InputException input) {
                throw input;
            }
            throw new InputException(source + ": cannot read as Parquet: " + message(e), e);
        }
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    private static ParquetFileReader open(InputFile file, String source) throws IOException {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withCodecFactory(new ParquetCodecs()).build();
        try {
            return ParquetFileReader.open(file, options);
        } catch (IOException | RuntimeException e) {
            throw new InputException(source + ": not a readable Parquet file: " + message(e), e);
        }
    }

    // ----------------------------------------------------------------------------------------------- columns

    private static List<Field> fields(MessageType fileSchema, TableSchema schema, String source) {
        List<Field> fields = new ArrayList<>();
        for (Type t : fileSchema.getFields()) {
            if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
                throw new InputException(source + ": column '" + t.getName() + "' is a nested or repeated Parquet "
                        + "field; expected flat columns of numbers, text, dates or timestamps");
            }
            PrimitiveType p = t.asPrimitiveType();
            ColumnDescriptor descriptor = fileSchema.getColumnDescription(new String[] {t.getName()});
            Kind kind = Kind.of(p);
            ColumnType target = schema.typeOf(t.getName()).orElse(schema.sniffsUnlisted() ? kind.natural
                    : ColumnType.CATEGORICAL);
            fields.add(new Field(t.getName(), descriptor, p, kind, target));
        }
        return fields;
    }

    /** What a Parquet column holds, from its physical and logical type. */
    private enum Kind {
        INTEGER(ColumnType.NUMERIC), UNSIGNED(ColumnType.NUMERIC), FLOATING(ColumnType.NUMERIC),
        DECIMAL(ColumnType.NUMERIC), BOOLEAN(ColumnType.CATEGORICAL), DATE(ColumnType.TIMESTAMP),
        TIMESTAMP(ColumnType.TIMESTAMP), INT96(ColumnType.TIMESTAMP), TEXT(ColumnType.CATEGORICAL);

        final ColumnType natural;

        Kind(ColumnType natural) {
            this.natural = natural;
        }

        static Kind of(PrimitiveType p) {
            LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
            if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) {
                return DECIMAL;
            }
            if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                return DATE;
            }
            if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
                return TIMESTAMP;
            }
            return switch (p.getPrimitiveTypeName()) {
                case INT32, INT64 -> logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned()
                        ? UNSIGNED : INTEGER;
                case FLOAT, DOUBLE -> FLOATING;
                case BOOLEAN -> BOOLEAN;
                case INT96 -> INT96;
                case BINARY, FIXED_LEN_BYTE_ARRAY -> TEXT;
            };
        }
    }

    /** One flat column: how its values are read and converted to the type it is read as. */
    private static final class Field {
        final String name;
        final ColumnDescriptor descriptor;
        final PrimitiveType type;
        final Kind kind;
        final ColumnType target;
        final int maxDefinition;
        final long timestampDivisor;
        final int scale;

        Field(String name, ColumnDescriptor descriptor, PrimitiveType type, Kind kind, ColumnType target) {
            this.name = name;
            this.descriptor = descriptor;
            this.type = type;
            this.kind = kind;
            this.target = target;
            this.maxDefinition = descriptor.getMaxDefinitionLevel();
            this.timestampDivisor = type.getLogicalTypeAnnotation()
                    instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts
                    ? switch (ts.getUnit()) {
                        case MILLIS -> 1;
                        case MICROS -> 1_000;
                        case NANOS -> 1_000_000;
                    } : 1;
            this.scale = type.getLogicalTypeAnnotation()
                    instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d ? d.getScale() : 0;
        }

        /** Reads the next {@code rows} values into column {@code c}; the first is file row {@code rowBefore + 1}. */
        void read(ColumnReader in, TypedBatchBuilder out, int c, long rowBefore, int rows) {
            for (int i = 0; i < rows; i++) {
                if (in.getCurrentDefinitionLevel() < maxDefinition) {
                    out.nullCell(c);
                } else {
                    value(in, out, c, rowBefore + i + 1);
                }
                in.consume();
            }
        }

        private void value(ColumnReader in, TypedBatchBuilder out, int c, long row) {
            switch (target) {
                case NUMERIC -> {
                    switch (kind) {
                        case INTEGER -> out.number(c, integer(in));
                        case UNSIGNED -> out.number(c, unsigned(in).doubleValue());
                        case FLOATING -> out.number(c, floating(in));
                        case DECIMAL -> out.number(c, decimal(in).doubleValue());
                        case BOOLEAN -> out.number(c, in.getBoolean() ? 1 : 0);
                        default -> text(in, out, c, row);
                    }
                }
                case TIMESTAMP -> {
                    switch (kind) {
                        case DATE -> out.timestamp(c, in.getInteger() * MILLIS_PER_DAY);
                        case TIMESTAMP -> out.timestamp(c, timestampMillis(in));
                        case INT96 -> out.timestamp(c, int96Millis(in.getBinary()));
                        default -> text(in, out, c, row);
                    }
                }
                default -> text(in, out, c, row);
            }
        }

        /** The value's text, read by the CSV rule of the column's type. */
        private void text(ColumnReader in, TypedBatchBuilder out, int c, long row) {
            byte[] bytes;
            if (kind == Kind.TEXT) {
                Binary b = in.getBinary();
                ByteBuffer buffer = b.toByteBuffer();
                if (buffer.hasArray()) {
                    out.text(c, row, buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
                    return;
                }
                bytes = b.getBytes();
            } else {
                bytes = textOf(in).getBytes(StandardCharsets.UTF_8);
            }
            out.text(c, row, bytes, 0, bytes.length);
        }

        private String textOf(ColumnReader in) {
            return switch (kind) {
                case INTEGER -> Long.toString(type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT32
                        ? in.getInteger() : in.getLong());
                case UNSIGNED -> unsigned(in).toString();
                case FLOATING -> CategoricalSample.numberLabel(floating(in));
                case DECIMAL -> decimal(in).toPlainString();
                case BOOLEAN -> Boolean.toString(in.getBoolean());
                case DATE -> LocalDate.ofEpochDay(in.getInteger()).toString();
                case TIMESTAMP -> Instant.ofEpochMilli(timestampMillis(in)).toString();
                case INT96 -> Instant.ofEpochMilli(int96Millis(in.getBinary())).toString();
                case TEXT -> in.getBinary().toStringUsingUTF8();
            };
        }

        private double integer(ColumnReader in) {
            return type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT32 ? in.getInteger() : in.getLong();
        }

        private BigInteger unsigned(ColumnReader in) {
            long v = type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT32
                    ? Integer.toUnsignedLong(in.getInteger()) : in.getLong();
            return new BigInteger(Long.toUnsignedString(v));
        }

        private double floating(ColumnReader in) {
            return type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.FLOAT ? in.getFloat() : in.getDouble();
        }

        private BigDecimal decimal(ColumnReader in) {
            BigInteger unscaled = switch (type.getPrimitiveTypeName()) {
                case INT32 -> BigInteger.valueOf(in.getInteger());
                case INT64 -> BigInteger.valueOf(in.getLong());
                default -> new BigInteger(in.getBinary().getBytes());
            };
            return new BigDecimal(unscaled, scale);
        }

        private long timestampMillis(ColumnReader in) {
            long v = type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT32 ? in.getInteger()
                    : in.getLong();
            return Math.floorDiv(v, timestampDivisor);
        }

        /** INT96 (Impala, older Spark): nanoseconds of the day (8 bytes) then the Julian day (4), little-endian. */
        private static long int96Millis(Binary b) {
            ByteBuffer buf = b.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            long nanos = buf.getLong();
            long julianDay = Integer.toUnsignedLong(buf.getInt());
            return (julianDay - JULIAN_EPOCH_DAY) * MILLIS_PER_DAY + Math.floorDiv(nanos, 1_000_000L);
        }
    }
}
