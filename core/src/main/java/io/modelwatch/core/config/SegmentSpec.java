package io.modelwatch.core.config;

import java.util.List;

/**
 * A way to split customers into segments: by the values of a categorical column, or by numeric
 * bands of a numeric column. Bands {@code [0, 12, 24, 48, 120]} make the segments
 * {@code [0,12)}, {@code [12,24)}, {@code [24,48)} and {@code [48,120]} (the last band is closed).
 *
 * @param name   segment dimension name (for example {@code tenure_band})
 * @param column the column it is computed from
 * @param bands  ascending band edges for a numeric column, empty for a categorical column
 */
public record SegmentSpec(String name, String column, List<Double> bands) {

    public SegmentSpec {
        bands = bands == null ? List.of() : List.copyOf(bands);
    }

    public boolean isBanded() {
        return !bands.isEmpty();
    }
}
