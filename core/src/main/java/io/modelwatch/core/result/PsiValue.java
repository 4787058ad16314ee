package io.modelwatch.core.result;

import java.util.List;

/**
 * The alerting PSI of one column with its bins ({@code snapshot.json → psi[]}); the bins also feed the
 * report's reference-vs-current charts.
 *
 * @param column    column name
 * @param role      {@code feature} or {@code prediction}
 * @param value     PSI
 * @param bins      bin labels
 * @param reference reference share per bin
 * @param current   current share per bin
 */
public record PsiValue(String column, String role, double value, List<String> bins, List<Double> reference,
                       List<Double> current) {
}
