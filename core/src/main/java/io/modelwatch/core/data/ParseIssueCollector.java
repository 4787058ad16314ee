package io.modelwatch.core.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects what did not parse into a {@link ParseReport}: counts, and the first few examples only. */
final class ParseIssueCollector {

    private final Map<String, Issues> byColumn = new LinkedHashMap<>();
    private long malformedCount;
    private final List<Long> malformedExamples = new ArrayList<>();

    void badCell(String column, String expected, long row, byte[] b, int off, int len) {
        Issues issues = byColumn.computeIfAbsent(column, c -> new Issues(expected));
        issues.count++;
        if (issues.examples.size() < ParseReport.MAX_EXAMPLES) {
            issues.examples.add(new ParseReport.CellExample(row, new String(b, off, len, StandardCharsets.UTF_8)));
        }
    }

    void malformedRow(long row) {
        malformedCount++;
        if (malformedExamples.size() < ParseReport.MAX_EXAMPLES) {
            malformedExamples.add(row);
        }
    }

    /**
     * Adds the issues of rows that come after all rows collected here (a later range of a parallel read):
     * counts add up and examples keep the first ones in row order, as if one collector had seen every row.
     */
    void addAll(ParseIssueCollector later) {
        addAll(later, 0);
    }

    /**
     * {@link #addAll(ParseIssueCollector)} of issues collected with row numbers counted from a later start:
     * {@code rowsBefore} is added to each of their row numbers.
     */
    void addAll(ParseIssueCollector later, long rowsBefore) {
        later.byColumn.forEach((column, issues) -> {
            Issues mine = byColumn.computeIfAbsent(column, c -> new Issues(issues.expected));
            mine.count += issues.count;
            for (ParseReport.CellExample example : issues.examples) {
                if (mine.examples.size() < ParseReport.MAX_EXAMPLES) {
                    mine.examples.add(rowsBefore == 0 ? example
                            : new ParseReport.CellExample(rowsBefore + example.row(), example.text()));
                }
            }
        });
        malformedCount += later.malformedCount;
        for (Long row : later.malformedExamples) {
            if (malformedExamples.size() < ParseReport.MAX_EXAMPLES) {
                malformedExamples.add(rowsBefore + row);
            }
        }
    }

    ParseReport build(String source) {
        Map<String, ParseReport.ColumnParseIssues> bad = new LinkedHashMap<>();
        byColumn.forEach((column, issues) -> bad.put(column,
                new ParseReport.ColumnParseIssues(column, issues.expected, issues.count, issues.examples)));
        return new ParseReport(source, bad, new ParseReport.RowIssues(malformedCount, malformedExamples));
    }

    void clear() {
        byColumn.clear();
        malformedCount = 0;
        malformedExamples.clear();
    }

    private static final class Issues {
        final String expected;
        long count;
        final List<ParseReport.CellExample> examples = new ArrayList<>();

        Issues(String expected) {
            this.expected = expected;
        }
    }
}
