package io.modelwatch.core.data;

/**
 * ISO-8601 timestamps (or dates, taken at 00:00 UTC) as epoch milliseconds;
 * {@link #NULL_VALUE} marks a null cell.
 */
public record TimestampColumn(String name, long[] epochMillis) implements Column {

    public static final long NULL_VALUE = Long.MIN_VALUE;

    @Override
    public int size() {
        return epochMillis.length;
    }

    @Override
    public boolean isNull(int row) {
        return epochMillis[row] == NULL_VALUE;
    }

    @Override
    public int nullCount() {
        int n = 0;
        for (long v : epochMillis) {
            if (v == NULL_VALUE) {
                n++;
            }
        }
        return n;
    }
}
