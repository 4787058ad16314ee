package io.modelwatch.core.estimation;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class IsotonicCalibrationTest {

    @Test
    void fitsBlocksAndInterpolatesBetweenThem() {
        // labels (0, 1, 0, 1) by score -> PAVA (0, .5, .5, 1): blocks [0.1] = 0, [0.2, 0.3] = 0.5, [0.4] = 1
        IsotonicCalibration c = IsotonicCalibration.fit(new double[] {0.3, 0.1, 0.4, 0.2}, new int[] {0, 0, 1, 1});
        assertThat(c.breakpoints()).containsExactly(0.1, 0.2, 0.3, 0.4);
        assertThat(c.values()).containsExactly(0, 0.5, 0.5, 1);
        assertThat(c.calibrate(0.0)).isEqualTo(0.0);   // clipped below
        assertThat(c.calibrate(0.15)).isCloseTo(0.25, within(1e-12)); // between blocks: linear
        assertThat(c.calibrate(0.25)).isCloseTo(0.5, within(1e-12));  // inside a block: flat
        assertThat(c.calibrate(0.35)).isCloseTo(0.75, within(1e-12));
        assertThat(c.calibrate(0.9)).isEqualTo(1.0);   // clipped above
    }

    @Test
    void poolsTiedScoresBeforeFitting() {
        // score 0.5 three times with one positive -> 1/3 (weight 3); score 0.9 -> 1
        IsotonicCalibration c = IsotonicCalibration.fit(new double[] {0.5, 0.9, 0.5, 0.5}, new int[] {1, 1, 0, 0});
        assertThat(c.breakpoints()).containsExactly(0.5, 0.9);
        assertThat(c.values()[0]).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(c.values()[1]).isEqualTo(1.0);
        assertThat(c.calibrate(0.7)).isCloseTo((1.0 / 3 + 1) / 2, within(1e-12));
    }

    @Test
    void singleClassGivesAConstantMap() {
        IsotonicCalibration c = IsotonicCalibration.fit(new double[] {0.2, 0.6, 0.4}, new int[] {0, 0, 0});
        assertThat(c.breakpoints()).containsExactly(0.2, 0.6);
        assertThat(c.calibrate(0.5)).isEqualTo(0.0);
    }

    @Test
    void roundTripsThroughJackson() throws Exception {
        IsotonicCalibration c = IsotonicCalibration.fit(new double[] {0.3, 0.1, 0.4, 0.2}, new int[] {0, 0, 1, 1});
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(c);
        assertThat(text).isEqualTo("{\"breakpoints\":[0.1,0.2,0.3,0.4],\"values\":[0.0,0.5,0.5,1.0]}");
        assertThat(json.readValue(text, IsotonicCalibration.class)).isEqualTo(c);
    }

    @Test
    void rejectsBadInputsNamingThem() {
        assertThatThrownBy(() -> IsotonicCalibration.fit(new double[] {0.1, 0.2}, new int[] {0, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels[1]").hasMessageContaining("2");
        assertThatThrownBy(() -> IsotonicCalibration.fit(new double[] {0.1, Double.NaN}, new int[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scores[1]");
        assertThatThrownBy(() -> IsotonicCalibration.fit(new double[] {}, new int[] {}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new IsotonicCalibration(new double[] {0.2, 0.1}, new double[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> new IsotonicCalibration(new double[] {0.1, 0.2}, new double[] {0.5, 0.4}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-decreasing");
    }
}
