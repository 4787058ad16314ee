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
        Checks.name("name", name);
        Checks.name("column", column);
        bands = bands == null ? List.of() : List.copyOf(bands);
        for (int j = 0; j < bands.size(); j++) {
            // infinite outer edges (open bands) are allowed in code; a file has finite numbers only
            double edge = Checks.required("bands[" + j + "]", bands.get(j));
            if (Double.isNaN(edge)) {
                throw ConfigException.invalid("bands[" + j + "]", "a number", "NaN");
            }
            if (j > 0 && edge <= bands.get(j - 1)) {
                throw ConfigException.invalid("bands[" + j + "]", "band edges in strictly ascending order, above "
                        + Checks.fmt(bands.get(j - 1)), Checks.fmt(edge));
            }
        }
        if (bands.size() == 1) {
            throw ConfigException.invalid("bands", "at least two band edges", bands.toString());
        }
    }

    public boolean isBanded() {
        return !bands.isEmpty();
    }
}
