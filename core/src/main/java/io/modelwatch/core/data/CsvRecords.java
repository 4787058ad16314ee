package io.modelwatch.core.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-row work of every CSV read (the pass on one thread, {@link ParallelCsvRead}, {@link ParallelCsvStream}):
 * validating the header, appending a scanned record's cells to the column builders, reserving the builders'
 * arrays for the expected rows, and taking a chunk's columns as a {@link ColumnBatch}. Static methods on purpose:
 * the row loop calls them directly, with no object between the scanner and the builders.
 */
final class CsvRecords {

    private CsvRecords() {
    }

    /**
     * Rows read before the row count of a plain file is estimated (its size over the bytes per row so far,
     * plus 2 %) and the column arrays reserved for it.
     */
    static final int ESTIMATE_AFTER_ROWS = 1024;

    static long expectedRows(long fileBytes, long headerBytes, long position, long rows) {
        double bytesPerRow = Math.max(1.0, (position - headerBytes) / (double) rows);
        return (long) Math.ceil((fileBytes - headerBytes) / bytesPerRow * 1.02) + 16;
    }

    private static final int NUMERIC = 0;
    private static final int CATEGORICAL = 1;
    private static final int TIMESTAMP = 2;
    private static final int OTHER = 3;

    static int[] kinds(ColumnBuilder[] builders) {
        int[] kinds = new int[builders.length];
        for (int i = 0; i < builders.length; i++) {
            kinds[i] = builders[i] instanceof NumericBuilder ? NUMERIC
                    : builders[i] instanceof CategoricalBuilder ? CATEGORICAL
                    : builders[i] instanceof TimestampBuilder ? TIMESTAMP
                    : OTHER;
        }
        return kinds;
    }

    /**
     * Appends the scanner's record as data row {@code row} (1-based): missing cells are null, extra cells are
     * ignored, and a wrong field count or a cell that does not parse is counted in {@code issues} and, when
     * not null, in {@code alsoIn}.
     */
    static void appendRecord(CsvRecordScanner scanner, ColumnBuilder[] builders, int[] kinds, List<String> header,
                             long row, ParseIssueCollector issues, ParseIssueCollector alsoIn) {
        int width = builders.length;
        int fields = scanner.fieldCount();
        if (fields != width) {
            issues.malformedRow(row);
            if (alsoIn != null) {
                alsoIn.malformedRow(row);
            }
        }
        int present = Math.min(fields, width);
        for (int i = 0; i < present; i++) {
            byte[] b = scanner.bytes(i);
            int off = scanner.offset(i);
            int len = scanner.length(i);
            if (!append(builders[i], kinds[i], b, off, len)) {
                issues.badCell(header.get(i), builders[i].expected(), row, b, off, len);
                if (alsoIn != null) {
                    alsoIn.badCell(header.get(i), builders[i].expected(), row, b, off, len);
                }
            }
        }
        for (int i = present; i < width; i++) {
            builders[i].appendNull();
        }
    }

    /**
     * Appends a cell through a direct call on the builder's final class: one virtual call site for the four
     * builder classes would be megamorphic, so none of their {@code append} methods could be inlined.
     */
    private static boolean append(ColumnBuilder builder, int kind, byte[] b, int off, int len) {
        return switch (kind) {
            case NUMERIC -> ((NumericBuilder) builder).append(b, off, len);
            case CATEGORICAL -> ((CategoricalBuilder) builder).append(b, off, len);
            case TIMESTAMP -> ((TimestampBuilder) builder).append(b, off, len);
            default -> builder.append(b, off, len);
        };
    }

    static void reserve(ColumnBuilder[] builders, long rows) {
        int capacity = (int) Math.min(rows, Integer.MAX_VALUE - 8L);
        for (ColumnBuilder b : builders) {
            b.reserve(capacity);
        }
    }

    static List<String> header(CsvRecordScanner scanner, String source) {
        List<String> names = new ArrayList<>(scanner.fieldCount());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < scanner.fieldCount(); i++) {
            String name = new String(scanner.bytes(i), scanner.offset(i), scanner.length(i), StandardCharsets.UTF_8)
                    .strip();
            if (name.isEmpty()) {
                throw new InputException(source + ": header column " + (i + 1)
                        + " has no name; expected a header row with a name for every column");
            }
            if (!seen.add(name)) {
                throw new InputException(source + ": header names column '" + name + "' twice");
            }
            names.add(name);
        }
        return names;
    }


    static ColumnBatch take(String source, List<String> header, ColumnBuilder[] builders, int rows,
                                    ParseIssueCollector chunk) {
        Map<String, Column> columns = new LinkedHashMap<>();
        for (int i = 0; i < builders.length; i++) {
            columns.put(header.get(i), builders[i].take(header.get(i)));
        }
        ParseReport report = chunk.build(source);
        chunk.clear();
        return new ColumnBatch(source, rows, columns, report);
    }
}
