package io.modelwatch.core.result;

/**
 * What a column of a drift or PSI row is to the model ({@link ColumnDrift#role()}, {@link PsiValue#role()},
 * {@code MetricRow.role()}).
 */
public final class ColumnRole {

    /** A feature column. */
    public static final String FEATURE = "feature";
    /** The predicted probability or the predicted class. */
    public static final String PREDICTION = "prediction";
    /** The label (target). */
    public static final String TARGET = "target";

    private ColumnRole() {
    }
}
