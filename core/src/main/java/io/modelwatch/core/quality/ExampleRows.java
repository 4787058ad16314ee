package io.modelwatch.core.quality;

import io.modelwatch.core.data.TextBytes;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The first offending rows of a check in file order (by default {@value QualityReport#MAX_EXAMPLES}), with their
 * values if any: what a finding shows as examples. Merging keeps the first of both, so the examples of a file
 * read in chunks are those of the whole file.
 */
final class ExampleRows {
    private final int limit;
    private final List<Long> rows = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    ExampleRows(int limit) {
        this.limit = limit;
    }

    ExampleRows() {
        this(QualityReport.MAX_EXAMPLES);
    }

    boolean full() {
        return rows.size() >= limit;
    }

    void add(long row, String value) {
        if (!full()) {
            rows.add(row);
            if (value != null) {
                values.add(value);
            }
        }
    }

    void merge(ExampleRows later) {
        for (int i = 0; i < later.rows.size() && !full(); i++) {
            add(later.rows.get(i), later.values.isEmpty() ? null : later.values.get(i));
        }
    }

    /** Keeps the first of these examples and {@code repeats} (in row order), by row. */
    void interleave(List<IdSet.Repeat> repeats) {
        List<Long> a = List.copyOf(rows);
        List<String> v = List.copyOf(values);
        rows.clear();
        values.clear();
        int i = 0;
        int k = 0;
        while (!full() && (i < a.size() || k < repeats.size())) {
            if (k == repeats.size() || i < a.size() && a.get(i) < repeats.get(k).row()) {
                add(a.get(i), v.get(i));
                i++;
            } else {
                add(repeats.get(k).row(), repeats.get(k).id());
                k++;
            }
        }
    }

    List<Long> rows() {
        return rows;
    }

    List<String> values() {
        return values;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(rows.size());
        out.writeBoolean(!values.isEmpty());
        for (int i = 0; i < rows.size(); i++) {
            out.writeLong(rows.get(i));
            if (!values.isEmpty()) {
                TextBytes.write(out, values.get(i));
            }
        }
    }

    void readFrom(DataInput in, long shift) throws IOException {
        rows.clear();
        values.clear();
        int n = in.readInt();
        boolean withValues = in.readBoolean();
        for (int i = 0; i < n; i++) {
            rows.add(in.readLong() + shift);
            if (withValues) {
                values.add(TextBytes.read(in));
            }
        }
    }
}
