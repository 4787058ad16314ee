package io.modelwatch.core.data;

import java.util.List;
import java.util.Map;

/**
 * What did not parse while reading a batch: per column, how many cells were not of the expected
 * type, and the first few row numbers (1-based data rows, the header is row 0) with the offending text.
 *
 * @param source         the file or table the batch came from
 * @param badCells       per column name, the problems found (columns without problems are absent)
 * @param malformedRows  rows whose number of fields differs from the header (kept with missing cells as null,
 *                       extra cells ignored)
 */
public record ParseReport(String source, Map<String, ColumnParseIssues> badCells, RowIssues malformedRows) {

    /** Row numbers kept per problem, so a report stays small on a huge bad file. */
    public static final int MAX_EXAMPLES = 5;

    public ParseReport {
        badCells = Map.copyOf(badCells);
    }

    public static ParseReport clean(String source) {
        return new ParseReport(source, Map.of(), new RowIssues(0, List.of()));
    }

    public boolean isClean() {
        return badCells.isEmpty() && malformedRows.count() == 0;
    }

    /**
     * @param column   column name
     * @param expected what the cells should have been (for example {@code number}, {@code ISO-8601 timestamp})
     * @param count    number of bad cells
     * @param examples the first bad cells
     */
    public record ColumnParseIssues(String column, String expected, long count, List<CellExample> examples) {
        public ColumnParseIssues {
            examples = List.copyOf(examples);
        }
    }

    /** One bad cell: its 1-based data row number and its text. */
    public record CellExample(long row, String text) {
    }

    /** Rows with the wrong number of fields. */
    public record RowIssues(long count, List<Long> exampleRows) {
        public RowIssues {
            exampleRows = List.copyOf(exampleRows);
        }
    }
}
