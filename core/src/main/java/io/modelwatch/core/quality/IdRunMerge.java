package io.modelwatch.core.quality;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The k-way merge of the sorted runs of ids that a {@link SpillingIdSet} spilled: finds the ids repeated across
 * runs (see {@link SpillingIdSet} for why they are exactly the repeats the open runs could not see) and, for a
 * pass over more runs than are opened at once, writes their union as one run.
 */
final class IdRunMerge {

    private IdRunMerge() {
    }

    /**
     * Merges sorted runs (consecutive, in file order): counts the first occurrence of each id in every run but
     * the earliest holding it as a repeat, and writes each id once with its row in the earliest run to {@code
     * out} when it is not null.
     */
    static void merge(List<Path> group, FirstRepeats first, OutputStream out) throws IOException {
        List<IdRunReader> readers = new ArrayList<>();
        try {
            PriorityQueue<IdRunReader> queue = new PriorityQueue<>(Comparator.<IdRunReader>naturalOrder());
            for (Path p : group) {
                IdRunReader r = new IdRunReader(readers.size(), p);
                readers.add(r);
                if (r.next()) {
                    queue.add(r);
                }
            }
            while (!queue.isEmpty()) {
                // A run holds an id once, so the runs holding the smallest id are at its head, earliest first.
                IdRunReader earliest = queue.poll();
                while (!queue.isEmpty() && queue.peek().sameKey(earliest)) {
                    IdRunReader r = queue.poll();
                    first.add(r.row, r);
                    if (r.next()) {
                        queue.add(r);
                    }
                }
                if (out != null) {
                    earliest.writeEntry(out);
                }
                if (earliest.next()) {
                    queue.add(earliest);
                }
            }
        } finally {
            for (IdRunReader r : readers) {
                r.in.close();
            }
        }
    }

    /** The count of repeats and the {@code limit} with the smallest rows, their ids decoded only when kept. */
    static final class FirstRepeats {
        final int limit;
        final long[] rows;
        final String[] ids;
        int size;
        long count;

        FirstRepeats(int limit) {
            this.limit = limit;
            this.rows = new long[limit];
            this.ids = new String[limit];
        }

        void add(long row, IdRunReader at) {
            count++;
            if (size == limit && (limit == 0 || row > rows[size - 1])) {
                return;
            }
            int i = Math.min(size, limit - 1);
            for (; i > 0 && rows[i - 1] > row; i--) {
                rows[i] = rows[i - 1];
                ids[i] = ids[i - 1];
            }
            rows[i] = row;
            ids[i] = IdSet.decode(at.key, 0, at.length);
            size = Math.min(size + 1, limit);
        }

        List<IdSet.Repeat> repeats() {
            List<IdSet.Repeat> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                list.add(new IdSet.Repeat(rows[i], ids[i]));
            }
            return list;
        }
    }
}
