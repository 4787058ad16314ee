package io.modelwatch.core.data;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Expected strings printed by Python 3 {@code repr(float)}. */
class NumberTextTest {

    @ParameterizedTest
    @CsvSource({"0.30000000000000004, 0.30000000000000004", "1e-05, 1e-05", "0.0001, 0.0001", "1e16, 1e+16",
            "9999999999999998.0, 9999999999999998.0", "123456.789, 123456.789", "2.5e-7, 2.5e-07", "-0.0, -0.0",
            "1.0, 1.0", "100.0, 100.0", "1.5e300, 1.5e+300", "-1.1804999999999999, -1.1804999999999999"})
    void pythonRepr(double v, String expected) {
        assertThat(NumberText.pythonRepr(v)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"12.0, 12", "0.5, 0.5", "-3.0, -3", "120.0, 120"})
    void compact(double v, String expected) {
        assertThat(NumberText.compact(v)).isEqualTo(expected);
    }
}
