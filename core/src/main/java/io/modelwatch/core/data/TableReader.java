package io.modelwatch.core.data;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a table file into {@link ColumnBatch}es, whole or in chunks, with the types of a {@link TableSchema}: the
 * contract of {@link CsvReader} that other formats (Parquet, in the {@code modelwatch-parquet} module) follow, so
 * that a streamed run, a profile and the quality checks do not depend on the format.
 *
 * <p>The rules every reader keeps: a listed column is read as its type; a value that is not of that type becomes
 * null and is counted in the batch's {@link ParseReport} with its file row number (1-based) and text; a missing
 * column is simply absent (the quality checks report it); an unreadable file throws {@link InputException} naming
 * it. Chunks arrive in file order, have the same columns with the same types, and a categorical column's
 * dictionary grows from chunk to chunk (codes stay valid).
 */
public interface TableReader {

    /** Reads the whole file into one batch. */
    ColumnBatch read(Path file, TableSchema schema);

    /**
     * Reads the file in chunks of at most {@code chunkRows} rows, handing each to {@code sink} in file order (one
     * empty chunk when the file has no rows).
     *
     * @return the row count, column types and parse report of the whole file
     */
    Summary stream(Path file, TableSchema schema, int chunkRows, Consumer<ColumnBatch> sink);

    /** What one read of a whole file found. */
    record Summary(String source, long rowCount, Map<String, ColumnType> columnTypes, ParseReport parseReport) {
        public Summary {
            columnTypes = Collections.unmodifiableMap(new LinkedHashMap<>(columnTypes));
        }
    }
}
