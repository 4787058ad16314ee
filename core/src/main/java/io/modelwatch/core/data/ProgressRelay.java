package io.modelwatch.core.data;

import java.util.function.LongConsumer;

/**
 * Rows read by all ranges, handed to the listener as one read would: every multiple of the interval, in
 * order and one call at a time, then the total when it is not a multiple. Shared by the worker threads of
 * {@link ParallelCsvRead}.
 */
final class ProgressRelay {
    private final long every;
    private final LongConsumer listener;
    private long rows;
    private long reported;

    ProgressRelay(long every, LongConsumer listener) {
        this.every = every;
        this.listener = listener;
    }

    synchronized void add(long more) {
        rows += more;
        while (reported + every <= rows) {
            reported += every;
            listener.accept(reported);
        }
    }

    synchronized void finish() {
        if (rows % every != 0) {
            listener.accept(rows);
        }
    }
}
