package io.modelwatch.core.performance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfusionMatrixTest {

    @Test
    void countsBySegmentSkippingMissingLabelsAndUnassignedRows() {
        // row:     0  1  2  3   4  5
        int[] yTrue = {1, 0, 1, -1, 0, 1};
        int[] yPred = {1, 1, 0, 1, 0, 1};
        int[] seg = {0, 0, 1, 1, -1, 1};
        ConfusionMatrix[] cm = ConfusionMatrix.bySegment(yTrue, yPred, seg, 2);
        assertThat(cm[0]).isEqualTo(new ConfusionMatrix(0, 1, 0, 1)); // rows 0 (tp), 1 (fp)
        assertThat(cm[1]).isEqualTo(new ConfusionMatrix(0, 0, 1, 1)); // rows 2 (fn), 5 (tp); 3 unlabelled
        assertThat(cm[0].precision()).isEqualTo(0.5);
        assertThat(cm[1].specificity()).isNull();
        assertThatThrownBy(() -> ConfusionMatrix.bySegment(yTrue, yPred, new int[] {0, 0, 2, 0, 0, 0}, 2))
                .hasMessageContaining("segmentOfRow[2] = 2");
    }

    @Test
    void undefinedRatiosAreNull() {
        assertThat(ConfusionMatrix.EMPTY.accuracy()).isNull();
        assertThat(ConfusionMatrix.EMPTY.f1()).isNull();
        assertThat(new ConfusionMatrix(5, 0, 0, 0).f1()).isNull();
        assertThat(new ConfusionMatrix(5, 1, 0, 0).f1()).isEqualTo(0.0);
    }
}
