package io.modelwatch.core.run;

import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.TimestampColumn;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The business date of a batch when none is given: the UTC date of its earliest prediction timestamp, today (UTC)
 * when it has none. One rule for the CLI (whole or streamed) and the Spark job.
 */
public final class SnapshotDate {

    private SnapshotDate() {
    }

    /** The date of the earliest prediction at {@code earliestMillis} (epoch milliseconds), or today when null. */
    public static LocalDate of(Long earliestMillis) {
        return earliestMillis == null ? LocalDate.now(ZoneOffset.UTC)
                : Instant.ofEpochMilli(earliestMillis).atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** The date of the earliest prediction timestamp of a whole batch, or today when it has none. */
    public static LocalDate of(ColumnBatch batch, String timestampColumn) {
        long earliest = earliestMillis(batch, timestampColumn);
        return of(earliest == Long.MAX_VALUE ? null : earliest);
    }

    /**
     * The earliest non-null timestamp of the column in {@code batch} (epoch milliseconds), {@link Long#MAX_VALUE}
     * when the column is absent, not a timestamp, or null throughout.
     */
    static long earliestMillis(ColumnBatch batch, String timestampColumn) {
        long earliest = Long.MAX_VALUE;
        var column = batch.find(timestampColumn).filter(TimestampColumn.class::isInstance).orElse(null);
        if (column != null) {
            for (long ms : ((TimestampColumn) column).epochMillis()) {
                if (ms != TimestampColumn.NULL_VALUE && ms < earliest) {
                    earliest = ms;
                }
            }
        }
        return earliest;
    }
}
