package io.modelwatch.core.config;

/**
 * Which input columns play which role. {@code target} and {@code labelDate} may be absent from a
 * prediction batch (labels arrive later).
 *
 * @param id             customer id, unique per day
 * @param timestamp      prediction timestamp (ISO-8601)
 * @param probability    predicted churn probability in [0, 1]
 * @param predictedClass predicted class in {0, 1}
 * @param target         actual outcome in {0, 1}
 * @param labelDate      date the label became effective
 */
public record ColumnRoles(String id, String timestamp, String probability, String predictedClass,
                          String target, String labelDate) {

    /** The default churn schema's column names. */
    public static ColumnRoles defaults() {
        return new ColumnRoles("customer_id", "prediction_timestamp", "churn_probability", "churn_class",
                "churn_actual", "label_effective_date");
    }
}
