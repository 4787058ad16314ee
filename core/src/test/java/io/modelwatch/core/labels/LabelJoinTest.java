package io.modelwatch.core.labels;

import io.modelwatch.core.config.ColumnRoles;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.StringColumn;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelJoinTest {

    static final ColumnRoles ROLES = ColumnRoles.defaults();

    @Test
    void joinsByIdAndCountsWhatDidNotMatch() {
        ColumnBatch predictions = ColumnBatch.of("pred.csv", List.of(
                new StringColumn("customer_id", new String[] {"a", "b", "c"}),
                new NumericColumn("churn_probability", new double[] {0.1, 0.8, 0.4})));
        ColumnBatch labels = ColumnBatch.of("labels.csv", List.of(
                new StringColumn("customer_id", new String[] {"c", "a", "x", "a"}),
                new NumericColumn("churn_actual", new double[] {1, 0, 1, 1})));
        LabelJoin.Result r = LabelJoin.join(predictions, labels, ROLES);
        NumericColumn target = (NumericColumn) r.batch().column("churn_actual");
        assertThat(target.values()).containsExactly(0, Double.NaN, 1);
        assertThat(r.matched()).isEqualTo(2);
        assertThat(r.unmatchedLabels()).isEqualTo(1);
        assertThat(r.unmatchedExamples()).containsExactly("x");
        assertThat(r.duplicateLabelIds()).isEqualTo(1);
        assertThat(r.batch().rowCount()).isEqualTo(3);
    }

    @Test
    void aLabelFileWithoutTheTargetColumnIsAnErrorNamingIt() {
        ColumnBatch predictions = ColumnBatch.of("pred.csv", List.of(
                new StringColumn("customer_id", new String[] {"a"})));
        ColumnBatch labels = ColumnBatch.of("labels.csv", List.of(
                new StringColumn("customer_id", new String[] {"a"})));
        assertThatThrownBy(() -> LabelJoin.join(predictions, labels, ROLES))
                .hasMessageContaining("labels.csv").hasMessageContaining("churn_actual");
    }
}
