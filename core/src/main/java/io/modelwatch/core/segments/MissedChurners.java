package io.modelwatch.core.segments;

import io.modelwatch.core.data.TextBytes;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per segment label, the ids of the first {@code limit} missed churners (label 1, prediction 0) in file order.
 * Keyed by label, as the whole-batch analysis is: two slots with one label (a category literally named
 * {@value SegmentAnalysis#MISSING} next to null cells) share one list. {@link SegmentCounts#add} adds to the
 * list of a row's slot directly; merging keeps the first of both.
 */
final class MissedChurners {
    private final int limit;
    private final Map<String, List<String>> byLabel = new LinkedHashMap<>();
    /** The list of each slot (its label's). */
    private final List<List<String>> ofSlot = new ArrayList<>();

    MissedChurners(int limit) {
        this.limit = limit;
    }

    /** Gives the next slot its label's list. */
    void open(String label) {
        ofSlot.add(byLabel.computeIfAbsent(label, k -> new ArrayList<>()));
    }

    /** Whether slot {@code s}'s label has room for another example (the id of a row need not be made when not). */
    boolean wants(int s) {
        return ofSlot.get(s).size() < limit;
    }

    /** Adds the id of a missed churner in slot {@code s}, unless the slot's label has its examples already. */
    void add(int s, String id) {
        List<String> examples = ofSlot.get(s);
        if (examples.size() < limit) {
            examples.add(id);
        }
    }

    /** Adds the examples of later rows, whose labels all have a list here. */
    void merge(MissedChurners later) {
        later.byLabel.forEach((label, ids) -> {
            List<String> examples = byLabel.get(label);
            for (int k = 0; k < ids.size() && examples.size() < limit; k++) {
                examples.add(ids.get(k));
            }
        });
    }

    /** The ids of the label's first missed churners, in file order (empty when none). */
    List<String> of(String label) {
        List<String> examples = byLabel.get(label);
        return examples == null ? List.of() : List.copyOf(examples);
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(byLabel.size());
        for (Map.Entry<String, List<String>> e : byLabel.entrySet()) {
            TextBytes.write(out, e.getKey());
            out.writeInt(e.getValue().size());
            for (String id : e.getValue()) {
                TextBytes.write(out, id);
            }
        }
    }

    void readFrom(DataInput in) throws IOException {
        int labelled = in.readInt();
        for (int k = 0; k < labelled; k++) {
            List<String> examples = byLabel.computeIfAbsent(TextBytes.read(in), l -> new ArrayList<>());
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                examples.add(TextBytes.read(in));
            }
        }
    }
}
