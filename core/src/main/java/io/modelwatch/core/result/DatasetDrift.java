package io.modelwatch.core.result;

import java.util.List;

/**
 * Per-column drift and the dataset verdict ({@code snapshot.json → drift}).
 *
 * @param columns       per-column drift of every feature, then the prediction
 * @param driftedCount  number of drifted feature columns
 * @param featureCount  number of feature columns tested
 * @param share         {@code driftedCount / featureCount}
 * @param driftShare    dataset drift threshold on the share
 * @param datasetDrift  {@code share >= driftShare} (Evidently's rule)
 */
public record DatasetDrift(List<ColumnDrift> columns, int driftedCount, int featureCount, double share,
                           double driftShare, boolean datasetDrift) {

    public DatasetDrift {
        columns = List.copyOf(columns);
    }
}
