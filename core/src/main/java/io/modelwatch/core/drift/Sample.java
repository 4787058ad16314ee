package io.modelwatch.core.drift;

/**
 * One side (reference or current) of a drift test, after Evidently's pre-processing:
 * nulls and +-infinity are already dropped.
 */
public sealed interface Sample permits NumericSample, CategoricalSample {

    /** Number of observations. */
    long size();

    ColumnKind kind();
}
