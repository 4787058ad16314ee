package io.modelwatch.spark;

import java.io.Serializable;
import java.util.List;

/**
 * One partition of the current file, planned on the driver: a byte range of a plain CSV file (cut at line feeds by
 * the reader), the whole file (gzip, or a CSV whose quoted fields forbid cutting it), or consecutive row groups of a
 * Parquet file.
 *
 * @param index     the partition's place in the file (parts are merged in this order)
 * @param kind      how the partition is read
 * @param start     first byte of the range (CSV_RANGE)
 * @param end       end of the range, exclusive (CSV_RANGE): the partition reads the records that start before it
 * @param rowGroups the row groups (PARQUET)
 */
record Split(int index, Kind kind, long start, long end, List<Integer> rowGroups) implements Serializable {

    enum Kind { CSV_RANGE, WHOLE_CSV, PARQUET }

    Split {
        rowGroups = rowGroups == null ? List.of() : List.copyOf(rowGroups);
    }
}
