package io.modelwatch.core.labels;

import io.modelwatch.core.config.ColumnRoles;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.data.TimestampColumn;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LabelIndexTest {

    static final ColumnRoles ROLES = ColumnRoles.defaults();
    static final long NULL = TimestampColumn.NULL_VALUE;

    /** Labels: c=1 (day 3), a=0 (day 1), x=1, a again (a repeat: ignored), a null id, y=0, b with no target. */
    static final ColumnBatch LABELS = ColumnBatch.of("labels.csv", List.of(
            new StringColumn("customer_id", new String[] {"c", "a", "x", "a", null, "y", "b"}),
            new NumericColumn("churn_actual", new double[] {1, 0, 1, 1, 1, 0, Double.NaN}),
            new TimestampColumn("label_effective_date", new long[] {3, 1, 5, 9, 7, 6, 2})));

    @Test
    void chunksAreLabelledAsTheWholeBatchAndTheCountsAddUp() {
        LabelIndex index = LabelIndex.of(LABELS, ROLES);
        // predictions a, b, c | a, null, d | z, in three chunks ("a" predicted twice)
        LabelIndex.Labels first = index.join(predictions("a", "b", "c"));
        LabelIndex.Labels second = index.join(predictions("a", null, "d"));
        LabelIndex.Labels third = index.join(predictions("z"));

        assertThat(first.target().values()).containsExactly(0, Double.NaN, 1);
        assertThat(first.labelDates().epochMillis()).containsExactly(1, 2, 3);
        assertThat(second.target().values()).containsExactly(0, Double.NaN, Double.NaN);
        assertThat(second.labelDates().epochMillis()).containsExactly(1, NULL, NULL);
        assertThat(third.target().values()).containsExactly(Double.NaN);
        // a (twice), b (its label row has no target, but it is a label row for b) and c
        assertThat(index.matched()).isEqualTo(4);
        assertThat(index.duplicateLabelIds()).isEqualTo(1);
        assertThat(index.unmatchedLabels()).isEqualTo(2);
        assertThat(index.unmatchedExamples(5)).containsExactly("x", "y");
        assertThat(index.rows()).isEqualTo(7);

        LabelJoin.Result whole = LabelJoin.join(predictions("a", "b", "c", "a", null, "d", "z"), LABELS, ROLES);
        assertThat(whole.matched()).isEqualTo(4);
        assertThat(whole.unmatchedLabels()).isEqualTo(2);
        assertThat(whole.duplicateLabelIds()).isEqualTo(1);
        assertThat(((NumericColumn) whole.batch().column("churn_actual")).values())
                .containsExactly(0, Double.NaN, 1, 0, Double.NaN, Double.NaN, Double.NaN);
    }

    @Test
    void aLabelFileWithoutDatesJoinsNoDateColumn() {
        ColumnBatch labels = ColumnBatch.of("labels.csv", List.of(
                new StringColumn("customer_id", new String[] {"a"}),
                new NumericColumn("churn_actual", new double[] {1})));
        LabelIndex.Labels joined = LabelIndex.of(labels, ROLES).join(predictions("a", "b"));
        assertThat(joined.labelDates()).isNull();
        assertThat(joined.target().values()).containsExactly(1, Double.NaN);
    }

    @Test
    void manyIdsAreFoundWhateverTheirHashes() {
        int n = 50_000;
        String[] ids = new String[n];
        double[] target = new double[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "C" + i;
            target[i] = i % 3 == 0 ? 1 : 0;
        }
        LabelIndex index = LabelIndex.of(ColumnBatch.of("many.csv", List.of(new StringColumn("customer_id", ids),
                new NumericColumn("churn_actual", target))), ROLES);
        String[] asked = new String[n];
        for (int i = 0; i < n; i++) {
            asked[i] = "C" + (n - 1 - i) * 2; // every other id of the file, and as many not in it
        }
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            int id = (n - 1 - i) * 2;
            expected[i] = id < n ? (id % 3 == 0 ? 1 : 0) : Double.NaN;
        }
        assertThat(index.join(predictions(asked)).target().values()).containsExactly(expected);
        assertThat(index.matched()).isEqualTo(n / 2);
        assertThat(index.unmatchedLabels()).isEqualTo(n / 2);
    }

    private static ColumnBatch predictions(String... ids) {
        return ColumnBatch.of("pred.csv", List.of(new StringColumn("customer_id", ids)));
    }
}
