package io.modelwatch.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The minimum and median that {@code bench --baseline-jar} prints for each side (values by hand). */
class BaselineComparisonTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertThat(BaselineComparison.pick(new double[] {5.0, 1.0, 3.0}, true)).isEqualTo(3.0);
        assertThat(BaselineComparison.pick(new double[] {5.0, 1.0, 3.0}, false)).isEqualTo(1.0);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(BaselineComparison.pick(new double[] {4.0, 1.0, 3.0, 10.0}, true)).isEqualTo(3.5);
    }

    @Test
    void eachFigureIsSummarisedOnItsOwn() {
        StageRun.Measurement m = BaselineComparison.summary(List.of(
                new StageRun.Measurement(2.0, 9.0, 500, ""),
                new StageRun.Measurement(3.0, 7.0, 400, ""),
                new StageRun.Measurement(1.0, 8.0, 600, "")), false);
        assertThat(m.wallSeconds()).isEqualTo(1.0);
        assertThat(m.cpuSeconds()).isEqualTo(7.0);
        assertThat(m.peakRssMb()).isEqualTo(400.0);
    }
}
