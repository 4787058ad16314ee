package io.modelwatch.core.drift;

/** The two kinds of column a drift test can accept (Evidently's {@code num} and {@code cat}). */
public enum ColumnKind {
    NUMERIC,
    CATEGORICAL
}
