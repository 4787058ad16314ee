package io.modelwatch.core.importance;

import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.NumericColumn;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The current-side WoE/IV of one feature, accumulated chunk by chunk against its reference table: the result
 * equals what the monitoring run computes on the whole batch, bit for bit, for any chunking and merge order.
 *
 * <ul>
 *   <li>A <b>numeric</b> column is binned in the reference's frozen edges, as
 *       {@link WoeIv#evaluateNumericWithEdges}: events and non-events per bin plus {@value WoeIv#MISSING}.</li>
 *   <li>A <b>categorical</b> column gets its own categories, as {@link WoeIv#evaluateCategorical(CategoricalColumn,
 *       int[])}: the reference table contributes nothing but the comparison made later. Counts are keyed by the
 *       category label, so chunks with different (or growing) dictionaries add up.</li>
 * </ul>
 * As in the whole-batch computation, the column's type decides the binning (a numeric column against a
 * categorical reference has no edges and is refused). Rows labelled {@code -1} (no label yet) are skipped.
 *
 * <p>Exact: the table is a function of integer counts. Memory: two longs per numeric bin, or two longs and the
 * label per distinct category seen; nothing grows with the row count. Not thread-safe.
 */
public final class WoeIvCounts {

    private enum Binning { NUMERIC, CATEGORICAL }

    private final WoeIv woe;
    private final WoeIvResult reference;
    private Binning binning;
    private double[] edges;
    private long[] events;
    private long[] nonEvents;
    private final Map<String, long[]> cells = new HashMap<>();
    private final long[] missing = new long[2];

    private WoeIvCounts(WoeIv woe, WoeIvResult reference) {
        this.woe = Objects.requireNonNull(woe, "woe");
        this.reference = Objects.requireNonNull(reference, "reference");
    }

    /** An empty accumulator with the default smoothing ({@link WoeIv#withDefaults()}), as the run uses. */
    public static WoeIvCounts of(WoeIvResult reference) {
        return new WoeIvCounts(WoeIv.withDefaults(), reference);
    }

    /** An empty accumulator with the given settings (only the smoothing matters: the bins are frozen). */
    public static WoeIvCounts of(WoeIv woe, WoeIvResult reference) {
        return new WoeIvCounts(woe, reference);
    }

    /**
     * Adds one chunk of the feature and its labels (0/1, {@code -1} = no label).
     *
     * @throws IllegalArgumentException if the lengths differ, a label is not 0, 1 or -1, the column is neither
     *                                  numeric nor categorical, its type differs from earlier chunks', or it is
     *                                  numeric and the reference has no valid edges
     */
    public void add(Column column, int[] y) {
        if (column instanceof NumericColumn numeric) {
            start(Binning.NUMERIC);
            double[] x = numeric.values();
            WoeRows.checkLengths(x.length, y);
            for (int i = 0; i < y.length; i++) {
                WoeRows.checkLabel(y, i);
            }
            WoeRows.countNumeric(edges, x, y, events, nonEvents);
        } else if (column instanceof CategoricalColumn categorical) {
            start(Binning.CATEGORICAL);
            WoeRows.countCategorical(categorical, y, cells, missing);
        } else {
            throw new IllegalArgumentException("column '" + column.name() + "' must be categorical, but was read as "
                    + column.getClass().getSimpleName());
        }
    }

    /**
     * Adds the counts of {@code other} (rows disjoint from this one's; their order does not matter here).
     *
     * @return this accumulator
     * @throws IllegalArgumentException if the two have other references or settings, or bin differently
     */
    public WoeIvCounts merge(WoeIvCounts other) {
        if (other == this) {
            throw new IllegalArgumentException("cannot merge WoE counts with themselves");
        }
        if (!reference.equals(other.reference) || woe.smoothing() != other.woe.smoothing()) {
            throw new IllegalArgumentException("cannot merge WoE counts of another reference table or smoothing");
        }
        if (other.binning == null) {
            return this;
        }
        start(other.binning);
        if (binning == Binning.NUMERIC) {
            for (int k = 0; k < events.length; k++) {
                events[k] += other.events[k];
                nonEvents[k] += other.nonEvents[k];
            }
        } else {
            other.cells.forEach((label, c) -> cells.merge(label, c.clone(),
                    (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]}));
            missing[0] += other.missing[0];
            missing[1] += other.missing[1];
        }
        return this;
    }

    /** Writes the counts (the reference table and smoothing are not written: {@link #readFrom} is given them). */
    public void writeTo(java.io.DataOutput out) throws java.io.IOException {
        out.writeByte(binning == null ? 0 : binning == Binning.NUMERIC ? 1 : 2);
        if (binning == Binning.NUMERIC) {
            out.writeInt(events.length);
            for (int k = 0; k < events.length; k++) {
                out.writeLong(events[k]);
                out.writeLong(nonEvents[k]);
            }
        } else if (binning == Binning.CATEGORICAL) {
            out.writeInt(cells.size());
            for (Map.Entry<String, long[]> e : cells.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue()[0]);
                out.writeLong(e.getValue()[1]);
            }
            out.writeLong(missing[0]);
            out.writeLong(missing[1]);
        }
    }

    /** Counts written by {@link #writeTo}, against the same reference table with the same settings. */
    public static WoeIvCounts readFrom(java.io.DataInput in, WoeIvResult reference) throws java.io.IOException {
        WoeIvCounts c = of(reference);
        int kind = in.readByte();
        if (kind == 1) {
            c.start(Binning.NUMERIC);
            int n = in.readInt();
            if (n != c.events.length) {
                throw new IllegalArgumentException("WoE counts of " + n + " bins, the reference has "
                        + c.events.length);
            }
            for (int k = 0; k < n; k++) {
                c.events[k] = in.readLong();
                c.nonEvents[k] = in.readLong();
            }
        } else if (kind == 2) {
            c.start(Binning.CATEGORICAL);
            int n = in.readInt();
            for (int k = 0; k < n; k++) {
                c.cells.put(in.readUTF(), new long[] {in.readLong(), in.readLong()});
            }
            c.missing[0] = in.readLong();
            c.missing[1] = in.readLong();
        }
        return c;
    }

    /**
     * The current WoE/IV table of the rows added. Without any chunk, the table of no rows in the reference's
     * kind of binning.
     */
    public WoeIvResult result() {
        Binning b = binning != null ? binning
                : reference.kind() == WoeIvResult.Kind.NUMERIC ? Binning.NUMERIC : Binning.CATEGORICAL;
        if (b == Binning.NUMERIC) {
            allocateNumeric();
            return WoeTable.numeric(edges, events, nonEvents, woe.smoothing());
        }
        return WoeTable.categorical(cells, missing, woe.smoothing());
    }

    private void start(Binning kind) {
        if (binning != null && binning != kind) {
            throw new IllegalArgumentException("WoE counts of a " + binning.name().toLowerCase(Locale.ROOT)
                    + " column cannot take a " + kind.name().toLowerCase(Locale.ROOT) + " chunk");
        }
        if (kind == Binning.NUMERIC) {
            allocateNumeric();
        }
        binning = kind;
    }

    /** The reference's edges and zero counts per bin, the last slot for {@value WoeIv#MISSING}. */
    private void allocateNumeric() {
        if (edges == null) {
            edges = WoeRows.checkedEdges(reference.edges());
            events = new long[edges.length];
            nonEvents = new long[edges.length];
        }
    }
}
