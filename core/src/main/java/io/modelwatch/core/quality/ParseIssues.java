package io.modelwatch.core.quality;

import io.modelwatch.core.data.ParseReport;
import io.modelwatch.core.data.TextBytes;
import io.modelwatch.core.quality.QualityFinding.Kind;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.modelwatch.core.quality.ReportDraft.example;

/**
 * The chunks' parse reports: per column the bad-cell count and first examples, and the malformed rows.
 * Reported where {@code check} reports parsing, in column order.
 */
final class ParseIssues {
    final Map<String, String> expected = new HashMap<>();
    final Map<String, long[]> counts = new LinkedHashMap<>();
    final Map<String, ExampleRows> cells = new HashMap<>();
    final String severity;
    long malformed;
    final ExampleRows malformedRows = new ExampleRows(ParseReport.MAX_EXAMPLES);

    /** @param severity of the unparseable-cell and malformed-row findings */
    ParseIssues(String severity) {
        this.severity = severity;
    }

    void add(ParseReport report) {
        report.badCells().values().forEach(issues -> {
            expected.putIfAbsent(issues.column(), issues.expected());
            counts.computeIfAbsent(issues.column(), c -> new long[1])[0] += issues.count();
            ExampleRows e = cells.computeIfAbsent(issues.column(), c -> new ExampleRows(ParseReport.MAX_EXAMPLES));
            issues.examples().forEach(x -> e.add(x.row(), x.text()));
        });
        malformed += report.malformedRows().count();
        report.malformedRows().exampleRows().forEach(row -> malformedRows.add(row, null));
    }

    void merge(ParseIssues later) {
        later.counts.forEach((column, n) -> {
            expected.putIfAbsent(column, later.expected.get(column));
            counts.computeIfAbsent(column, c -> new long[1])[0] += n[0];
            cells.computeIfAbsent(column, c -> new ExampleRows(ParseReport.MAX_EXAMPLES))
                    .merge(later.cells.get(column));
        });
        malformed += later.malformed;
        malformedRows.merge(later.malformedRows);
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(counts.size());
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            TextBytes.write(out, e.getKey());
            TextBytes.write(out, expected.get(e.getKey()));
            out.writeLong(e.getValue()[0]);
            cells.get(e.getKey()).writeTo(out);
        }
        out.writeLong(malformed);
        malformedRows.writeTo(out);
    }

    void readFrom(DataInput in, long shift) throws IOException {
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String column = TextBytes.read(in);
            expected.put(column, TextBytes.read(in));
            counts.put(column, new long[] {in.readLong()});
            ExampleRows e = new ExampleRows(ParseReport.MAX_EXAMPLES);
            e.readFrom(in, shift);
            cells.put(column, e);
        }
        malformed = in.readLong();
        malformedRows.readFrom(in, shift);
    }

    void report(ReportDraft out, List<String> columnOrder) {
        counts.keySet().stream().sorted(Comparator.comparingInt(columnOrder::indexOf)).forEach(column -> {
            long n = counts.get(column)[0];
            List<Long> rowsSeen = cells.get(column).rows();
            List<String> texts = cells.get(column).values();
            out.add(Kind.UNPARSEABLE_CELLS, column, n, out.share(n), null, severity,
                    "column '" + column + "': " + n + " cells are not a valid " + expected.get(column)
                            + example(rowsSeen, texts) + "; they count as nulls", rowsSeen, texts);
        });
        if (malformed > 0) {
            out.add(Kind.MALFORMED_ROWS, null, malformed, out.share(malformed), null, severity,
                    malformed + " rows have a different number of fields than the header (missing cells are "
                            + "null, extra cells ignored), e.g. row " + malformedRows.rows().get(0),
                    malformedRows.rows(), List.of());
        }
    }
}
