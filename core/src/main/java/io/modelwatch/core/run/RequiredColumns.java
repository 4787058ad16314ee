package io.modelwatch.core.run;

import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.InputException;

import java.util.ArrayList;
import java.util.List;

/** The columns without which there is nothing to monitor: the id and the predicted probability. */
public final class RequiredColumns {

    private RequiredColumns() {
    }

    /**
     * Checks that a batch (or a file's first chunk) has the id and probability columns of {@code config}.
     *
     * @throws InputException naming the source, the missing column and the columns it has
     */
    public static void check(ColumnBatch batch, MonitoringConfig config) {
        List<String> missing = missing(batch, config);
        if (!missing.isEmpty()) {
            throw new InputException(batch.source() + ": required column '" + missing.get(0)
                    + "' is missing; columns are " + batch.columnNames());
        }
    }

    /** The id and probability columns of {@code config} that {@code batch} lacks, in that order. */
    public static List<String> missing(ColumnBatch batch, MonitoringConfig config) {
        List<String> missing = new ArrayList<>();
        for (String role : new String[] {config.roles().id(), config.roles().probability()}) {
            if (role != null && !batch.has(role)) {
                missing.add(role);
            }
        }
        return missing;
    }
}
