package io.modelwatch.core.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which input columns play which role. {@code target} and {@code labelDate} may be absent from a
 * prediction batch (labels arrive later). Each role names its own column.
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

    /** The keys of the roles in the configuration, in the order of the record. */
    static final List<String> KEYS = List.of("id", "timestamp", "probability", "predicted_class", "target",
            "label_date");

    public ColumnRoles {
        List<String> columns = java.util.Arrays.asList(id, timestamp, probability, predictedClass, target, labelDate);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < KEYS.size(); i++) {
            String column = Checks.name(KEYS.get(i), columns.get(i));
            if (!seen.add(column)) {
                throw ConfigException.invalid(KEYS.get(i), "a column not used by another role", "'" + column + "' twice");
            }
        }
    }

    /** The default churn schema's column names. */
    public static ColumnRoles defaults() {
        return new ColumnRoles("customer_id", "prediction_timestamp", "churn_probability", "churn_class",
                "churn_actual", "label_effective_date");
    }

    /** The role columns, in the order of the record. */
    public List<String> columns() {
        return List.of(id, timestamp, probability, predictedClass, target, labelDate);
    }
}
