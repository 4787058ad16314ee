package io.modelwatch.core.data;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * One pass of {@link CsvReader#stream} over a file: rows arrive in file order, read here from a scanner or parsed
 * elsewhere as a {@link ParsedBlock}, and leave as chunks of at most {@code chunkRows} rows. Row
 * numbers, the parse issues of the whole file and the categorical dictionaries (held by this pass's builders)
 * continue from one arrival to the next, so a file read partly in blocks and partly from a scanner gives the rows,
 * the dictionaries and the summary of a read from one scanner.
 */
final class ChunkedPass {

    private final String source;
    private final List<String> header;
    private final ColumnBuilder[] builders;
    private final int[] kinds;
    private final int chunkRows;
    private final Consumer<ColumnBatch> sink;
    private final long progressEveryRows;
    private final LongConsumer progress;
    private final ParseIssueCollector whole = new ParseIssueCollector();
    private final ParseIssueCollector chunk = new ParseIssueCollector();
    private long rows;
    private int inChunk;
    private boolean emitted;

    ChunkedPass(String source, List<String> header, ColumnBuilder[] builders, int chunkRows,
                Consumer<ColumnBatch> sink, long progressEveryRows, LongConsumer progress) {
        this.source = source;
        this.header = header;
        this.builders = builders;
        this.kinds = CsvRecords.kinds(builders);
        this.chunkRows = chunkRows;
        this.sink = sink;
        this.progressEveryRows = progressEveryRows;
        this.progress = progress;
    }

    /** Data rows so far. */
    long rows() {
        return rows;
    }

    /**
     * Reads the scanner's records to its end as the next rows.
     *
     * @param bytes the bytes the scanner reads in all (from its position now), or -1 when unknown (gzip): after
     *              {@link CsvReader#ESTIMATE_AFTER_ROWS} rows the columns are reserved for the rows expected
     */
    void readAll(CsvRecordScanner scanner, long bytes) throws IOException {
        long rowsBefore = rows;
        long startPosition = scanner.position();
        long expectedRows = -1;
        while (scanner.next()) {
            rows++;
            CsvRecords.appendRecord(scanner, builders, kinds, header, rows, whole, chunk);
            if (rows - rowsBefore == CsvRecords.ESTIMATE_AFTER_ROWS && bytes > 0) {
                expectedRows = rowsBefore
                        + CsvRecords.expectedRows(bytes, startPosition, scanner.position(), rows - rowsBefore);
                long chunkStart = rows - 1 - inChunk;
                CsvRecords.reserve(builders, Math.min(chunkRows, expectedRows - chunkStart));
            }
            if (++inChunk == chunkRows) {
                emit();
                if (expectedRows > rows) {
                    CsvRecords.reserve(builders, Math.min(chunkRows, expectedRows - rows));
                }
            }
            if (progress != null && rows % progressEveryRows == 0) {
                progress.accept(rows);
            }
        }
    }

    /**
     * Hands over a block parsed on its own (its rows numbered from 1, its dictionaries its own) as the next rows,
     * one chunk per piece. Each piece's categorical codes are mapped to this pass's dictionaries, which grow by the
     * values the piece saw first, in its order; row numbers in its parse issues are moved after the rows so far.
     * Rows still held for a chunk go first.
     */
    void addBlock(ParsedBlock block) {
        if (inChunk > 0) {
            emit();
        }
        long rowsBefore = rows;
        int width = builders.length;
        int[][] maps = new int[width][];
        boolean[] moved = new boolean[width];
        for (ParsedBlock.Piece piece : block.pieces()) {
            Map<String, Column> columns = new LinkedHashMap<>();
            for (int i = 0; i < width; i++) {
                Column column = piece.columns()[i];
                if (column instanceof CategoricalColumn categorical) {
                    column = mapped(categorical, block.dictionaries()[i], maps, moved, i);
                }
                columns.put(header.get(i), column);
            }
            ParseIssueCollector issues = new ParseIssueCollector();
            issues.addAll(piece.issues(), rowsBefore);
            whole.addAll(issues);
            sink.accept(new ColumnBatch(source, piece.rows(), columns, issues.build(source)));
            emitted = true;
            long before = rows;
            rows += piece.rows();
            if (progress != null) {
                for (long next = (before / progressEveryRows + 1) * progressEveryRows; next <= rows;
                     next += progressEveryRows) {
                    progress.accept(next);
                }
            }
        }
    }

    /**
     * The piece's column with the codes of this pass's dictionary. {@code maps[column]} maps the block's codes
     * known so far, and is extended by the codes the piece added; {@code moved[column]} says whether any of them
     * maps to another code.
     */
    private CategoricalColumn mapped(CategoricalColumn piece, ByteDictionary own, int[][] maps, boolean[] moved,
                                     int column) {
        ByteDictionary merged = ((CategoricalBuilder) builders[column]).dictionary();
        int known = piece.dictionary().size();
        int mappedBefore = maps[column] == null ? 0 : maps[column].length;
        if (known > mappedBefore) {
            maps[column] = mappedBefore == 0 ? new int[known] : Arrays.copyOf(maps[column], known);
            moved[column] |= !own.mapInto(merged, maps[column], mappedBefore, known);
        }
        int[] codes = piece.codes();
        if (moved[column]) {
            CategoricalBuilder.remap(codes, 0, codes.length, maps[column]);
        }
        return new CategoricalColumn(piece.name(), merged.values(), codes);
    }

    /** Hands over the rows still held (or one empty chunk when the file has no rows) and sums the pass up. */
    CsvPass finish() {
        if (inChunk > 0 || !emitted) {
            emit();
        }
        if (progress != null && rows % progressEveryRows != 0) {
            progress.accept(rows);
        }
        return new CsvPass(source, rows, header, builders, whole.build(source));
    }

    private void emit() {
        sink.accept(CsvRecords.take(source, header, builders, inChunk, chunk));
        inChunk = 0;
        emitted = true;
    }
}
