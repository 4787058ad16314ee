package io.modelwatch.parquet;

import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.data.TimestampColumn;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only: writes Parquet files with parquet-java's own writer ({@link ExampleParquetWriter}), from a CSV file
 * read by the CSV reader, so that the same table exists in both formats: numeric columns as DOUBLE, categorical and
 * text columns as UTF-8 BINARY, timestamps as INT64 TIMESTAMP(MILLIS, UTC); nulls stay null.
 */
public final class ParquetFiles {

    /** Small row groups, so that a few thousand rows span several of them. */
    public static final int SMALL_ROW_GROUP_BYTES = 16 * 1024;

    private ParquetFiles() {
    }

    /** {@code csv} read with {@code schema}, written to {@code parquet} in small SNAPPY row groups. */
    public static Path fromCsv(Path csv, TableSchema schema, Path parquet) {
        return write(CsvReader.withDefaults().read(csv, schema), parquet, CompressionCodecName.SNAPPY,
                SMALL_ROW_GROUP_BYTES);
    }

    /** The batch written to {@code file}, one Parquet column per batch column. */
    public static Path write(ColumnBatch batch, Path file, CompressionCodecName codec, int rowGroupBytes) {
        List<Type> fields = new ArrayList<>();
        for (Column c : batch.columns().values()) {
            if (c instanceof NumericColumn) {
                fields.add(Types.optional(PrimitiveTypeName.DOUBLE).named(c.name()));
            } else if (c instanceof TimestampColumn) {
                fields.add(Types.optional(PrimitiveTypeName.INT64)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS))
                        .named(c.name()));
            } else {
                fields.add(Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                        .named(c.name()));
            }
        }
        MessageType schema = new MessageType("table", fields);
        try {
            Files.deleteIfExists(file);
            try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                    .withConf(new PlainParquetConfiguration()).withType(schema).withCompressionCodec(codec)
                    .withRowGroupSize(rowGroupBytes).withPageSize(4096).withDictionaryEncoding(true).build()) {
                SimpleGroupFactory groups = new SimpleGroupFactory(schema);
                for (int row = 0; row < batch.rowCount(); row++) {
                    Group g = groups.newGroup();
                    for (Column c : batch.columns().values()) {
                        if (c.isNull(row)) {
                            continue;
                        }
                        if (c instanceof NumericColumn n) {
                            g.append(c.name(), n.get(row));
                        } else if (c instanceof TimestampColumn t) {
                            g.append(c.name(), t.epochMillis()[row]);
                        } else if (c instanceof CategoricalColumn k) {
                            g.append(c.name(), k.get(row));
                        } else {
                            g.append(c.name(), ((StringColumn) c).get(row));
                        }
                    }
                    writer.write(g);
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes rows of a hand-made Parquet schema: each row's values in field order, null for a null. */
    public static Path writeRows(Path file, MessageType schema, List<Object[]> rows) {
        try {
            Files.deleteIfExists(file);
            try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                    .withConf(new PlainParquetConfiguration()).withType(schema).build()) {
                SimpleGroupFactory groups = new SimpleGroupFactory(schema);
                for (Object[] values : rows) {
                    Group g = groups.newGroup();
                    for (int i = 0; i < values.length; i++) {
                        String name = schema.getFieldName(i);
                        Object v = values[i];
                        if (v == null) {
                            continue;
                        }
                        if (v instanceof Integer x) {
                            g.append(name, x);
                        } else if (v instanceof Long x) {
                            g.append(name, x);
                        } else if (v instanceof Double x) {
                            g.append(name, x);
                        } else if (v instanceof Float x) {
                            g.append(name, x);
                        } else if (v instanceof Boolean x) {
                            g.append(name, x);
                        } else if (v instanceof String x) {
                            g.append(name, x);
                        } else {
                            g.append(name, (org.apache.parquet.io.api.Binary) v);
                        }
                    }
                    writer.write(g);
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
