package io.modelwatch.core.quality;

import io.modelwatch.core.data.StringColumn;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ids of a file read in chunks, as runs: a run is the distinct ids of consecutive rows, each with the row of
 * its first occurrence in the run. The open run, of the latest rows, is an {@link IdSet} in memory; when it holds
 * the budget of ids it is written to a temporary file sorted by key ({@link IdSet#writeSorted}) and a new run
 * begins. {@link #add} tells whether an id repeats one of the open run; {@link #repeatsAcrossRuns} merges the
 * sorted runs and finds the rest.
 *
 * <p>Why this is the duplicate-id check of one set over all rows: take an id occurring at rows x1 &lt; ... &lt;
 * xn, and a run holding m of them. Within the run, {@link #add} reports all but the first of the m; across runs,
 * the first occurrence of the id in every run but the earliest holding it is a repeat. So every occurrence but
 * x1 is reported exactly once (x1 is the first in the earliest run), as the single set reports x2 ... xn: the
 * same rows, so the same count, n - 1 per id, and the same first rows in file order once both kinds of repeats
 * are merged by row.
 *
 * <p>Memory: the open run, at most the budget of ids ({@link IdSet}: about 16 to 22 bytes per id plus the key bytes;
 * the default, {@value #DEFAULT_IN_MEMORY} ids, about 40 MB for 10-character ids and 12 MB more while one is
 * sorted), independent of the number of ids; merging reads at most {@value #MAX_OPEN_RUNS} runs at a time, with
 * a 64 KiB buffer each. Disk: 5 + key length bytes per id and run it occurs in (15 bytes for a 10-character
 * ASCII id), in files of {@code java.io.tmpdir} (or the directory given) that are deleted when the runs are
 * merged, by {@link #close}, or else when the JVM exits.
 */
final class SpillingIdSet implements AutoCloseable {

    /** Ids kept in memory by default: the most a table of 2^21 slots holds at load 3/4. */
    static final int DEFAULT_IN_MEMORY = 3 << 19;
    /** Runs merged at once; more are merged in passes of this many, earliest first. */
    static final int MAX_OPEN_RUNS = 64;
    static final int BUFFER_BYTES = 1 << 16;

    private final int inMemory;
    private final Path directory;
    private IdSet open = new IdSet();
    /** The spilled runs in file order. */
    private final List<Path> runs = new ArrayList<>();
    private boolean merged;

    /**
     * @param inMemory  ids held in memory before they are spilled, at least 1
     * @param directory where the runs are written; null for {@code java.io.tmpdir}
     */
    SpillingIdSet(int inMemory, Path directory) {
        if (inMemory < 1) {
            throw new IllegalArgumentException("ids in memory must be at least 1, got " + inMemory);
        }
        this.inMemory = inMemory;
        this.directory = directory;
    }

    /**
     * Adds the ids of the rows {@code [from, to)} of a text column, row {@code r} at file row {@code firstRow + r -
     * from}, and writes the rows whose id the open run held already to {@code repeated}, in row order; returns how
     * many. See {@link IdSet#addRows}.
     */
    int addRows(StringColumn ids, int from, int to, long firstRow, int[] repeated) {
        requireOpen();
        int repeats = 0;
        // Each row adds at most one id, so a stretch of as many rows as the open run has room for cannot overfill it.
        for (int start = from; start < to; ) {
            int end = (int) Math.min(to, (long) start + (inMemory - open.size()));
            repeats += open.addRows(ids, start, end, firstRow + (start - from), repeated, repeats);
            spillWhenFull();
            start = end;
        }
        return repeats;
    }

    /** Adds {@code id} at {@code row}; false when the open run holds it already. */
    boolean add(String id, long row) {
        requireOpen();
        boolean added = open.add(id, row);
        spillWhenFull();
        return added;
    }

    /**
     * Adds the ids of {@code later} (the set of the rows right after this one's), which must not be used
     * afterwards. When both open runs fit in memory together and {@code later} spilled nothing, they become one
     * run, and the ids of {@code later}'s run already in this one's are repeats: their count goes to {@code
     * repeated[0]} and the first {@code limit} of them, in row order, are returned. Otherwise the runs are
     * listed one after the other, and such repeats are found by {@link #repeatsAcrossRuns}.
     */
    List<IdSet.Repeat> addAll(SpillingIdSet later, int limit, long[] repeated) {
        requireOpen();
        later.requireOpen();
        try {
            if (later.runs.isEmpty() && (long) open.size() + later.open.size() <= inMemory) {
                List<IdSet.Repeat> first = open.addAll(later.open, limit, repeated);
                spillWhenFull();
                return first;
            }
            if (open.size() > 0) {
                spill();
            }
            runs.addAll(later.runs);
            later.runs.clear();
            open = later.open;
            spillWhenFull();
            return List.of();
        } finally {
            later.open = null;
        }
    }

    /** The ids repeated across runs: their count and the first of them in row order. */
    record Repeats(long count, List<IdSet.Repeat> first) {
    }

    /**
     * The first occurrences of ids in every run but the earliest holding them: their count, and the first
     * {@code limit} in row order. Nothing when no run was spilled. Otherwise the open run is spilled too, all
     * runs are merged and deleted, and no id can be added afterwards.
     */
    Repeats repeatsAcrossRuns(int limit) {
        if (runs.isEmpty()) {
            return new Repeats(0, List.of());
        }
        requireOpen();
        try {
            if (open.size() > 0) {
                spill();
            }
            open = null;
            merged = true;
            IdRunMerge.FirstRepeats first = new IdRunMerge.FirstRepeats(limit);
            // Runs beyond the files merged at once are merged in passes, the earliest first, each into one run
            // of their ids (with their first rows): the runs of the consecutive rows of all of them.
            while (runs.size() > MAX_OPEN_RUNS) {
                Path union = newRun();
                runs.add(MAX_OPEN_RUNS, union);
                List<Path> group = runs.subList(0, MAX_OPEN_RUNS);
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(union), BUFFER_BYTES)) {
                    IdRunMerge.merge(group, first, out);
                }
                for (Path p : group) {
                    Files.deleteIfExists(p);
                }
                group.clear();
            }
            IdRunMerge.merge(runs, first, null);
            return new Repeats(first.count, first.repeats());
        } catch (IOException e) {
            throw new UncheckedIOException("duplicate-id check: merging the ids spilled to " + runs, e);
        } finally {
            close();
        }
    }

    /** Deletes the spilled runs (when the check is abandoned); no id can be added afterwards if there were any. */
    @Override
    public void close() {
        if (!runs.isEmpty()) {
            merged = true;
            open = null;
        }
        for (Path p : runs) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // deleteOnExit was requested when the file was made
            }
        }
        runs.clear();
    }

    private void requireOpen() {
        if (merged) {
            throw new IllegalStateException("the duplicate-id check's spilled ids were merged or deleted; "
                    + "no rows can be added after the result");
        }
    }

    private void spillWhenFull() {
        if (open.size() >= inMemory) {
            spill();
        }
    }

    private void spill() {
        Path run = null;
        try {
            run = newRun();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(run), BUFFER_BYTES)) {
                open.writeSorted(out);
            }
            runs.add(run);
            open.clear();
        } catch (IOException e) {
            try {
                if (run != null) {
                    Files.deleteIfExists(run);
                }
            } catch (IOException ignored) {
                // deleteOnExit was requested when the file was made
            }
            close();
            throw new UncheckedIOException("duplicate-id check: spilling " + open.size() + " ids to disk", e);
        }
    }

    private Path newRun() throws IOException {
        Path run = directory == null ? Files.createTempFile("modelwatch-ids-", ".run")
                : Files.createTempFile(directory, "modelwatch-ids-", ".run");
        run.toFile().deleteOnExit();
        return run;
    }
}
