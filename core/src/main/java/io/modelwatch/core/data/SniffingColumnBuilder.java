package io.modelwatch.core.data;

/**
 * A column whose type is read from its content (see {@link TableSchema}). The first non-blank cell
 * decides: a number makes it numeric, else an ISO-8601 timestamp or date makes it a timestamp, else it
 * is categorical. A later cell that contradicts the choice (text in a numeric column) sets the
 * {@link #resolvedType() resolved type} to categorical and marks the column {@link #conflicted()}: the
 * rows seen so far were stored with the wrong type, so the reader reads the file again with the
 * resolved types. Sniffed columns never report parse errors; a conflict is a type decision, not bad data.
 */
final class SniffingColumnBuilder extends ColumnBuilder {

    private ColumnBuilder delegate;
    private int pendingNulls;
    private boolean conflicted;
    private final boolean[] ok = new boolean[1];

    @Override
    boolean append(byte[] b, int off, int len) {
        if (conflicted) {
            delegate.appendNull();
            return true;
        }
        int end = off + len;
        int start = trimStart(b, off, end);
        int trimmedEnd = trimEnd(b, start, end);
        if (delegate == null) {
            if (start == trimmedEnd) {
                pendingNulls++;
                return true;
            }
            delegate = ColumnBuilder.of(decide(b, start, trimmedEnd));
            for (int i = 0; i < pendingNulls; i++) {
                delegate.appendNull();
            }
            pendingNulls = 0;
        }
        if (!delegate.append(b, off, len)) {
            conflicted = true;
        }
        return true;
    }

    private ColumnType decide(byte[] b, int start, int end) {
        NumberCells.parseNumber(b, start, end, ok);
        if (ok[0]) {
            return ColumnType.NUMERIC;
        }
        if (IsoTimestamps.parse(b, start, end - start) != IsoTimestamps.INVALID) {
            return ColumnType.TIMESTAMP;
        }
        return ColumnType.CATEGORICAL;
    }

    @Override
    void appendNull() {
        if (delegate == null) {
            pendingNulls++;
        } else {
            delegate.appendNull();
        }
    }

    @Override
    Column take(String name) {
        if (delegate == null) {
            // Only blank cells so far: an all-null categorical chunk; the type is not decided yet.
            int[] codes = new int[pendingNulls];
            java.util.Arrays.fill(codes, CategoricalColumn.NULL_CODE);
            pendingNulls = 0;
            return new CategoricalColumn(name, java.util.List.of(), codes);
        }
        return delegate.take(name);
    }

    /** The type chosen so far (categorical while undecided). */
    @Override
    ColumnType type() {
        return resolvedType();
    }

    ColumnType resolvedType() {
        if (conflicted || delegate == null) {
            return ColumnType.CATEGORICAL;
        }
        return delegate.type();
    }

    /** True once the column has been decided: its first non-blank cell was seen. */
    boolean decided() {
        return delegate != null;
    }

    boolean conflicted() {
        return conflicted;
    }
}
