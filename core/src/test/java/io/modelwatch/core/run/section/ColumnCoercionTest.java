package io.modelwatch.core.run.section;

import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.NumericColumn;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ColumnCoercionTest {

    @Test
    void numbersBecomeTheirLabelsInFirstSeenOrder() {
        double nan = Double.NaN;
        CategoricalColumn c = ColumnCoercion.categorical(
                new NumericColumn("churned", new double[] {1, nan, 0, 1, -0.0, 2.5, 0, nan, 1e21}));
        // Double.toString's forms, each distinct number once, in the order the rows first use them; NaN is null
        assertThat(c.dictionary()).containsExactly("1.0", "0.0", "-0.0", "2.5", "1.0E21");
        assertThat(c.codes()).containsExactly(0, -1, 1, 0, 2, 3, 1, -1, 4);
        assertThat(c.nullCount()).isEqualTo(2);
    }

    @Test
    void manyDistinctNumbersKeepTheirCodes() {
        double[] v = new double[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i * 37) % 100; // 0, 37, 74, 11, ... : 100 distinct numbers, each ten times
        }
        CategoricalColumn c = ColumnCoercion.categorical(new NumericColumn("tenure", v));
        assertThat(c.dictionary()).hasSize(100).startsWith("0.0", "37.0", "74.0", "11.0");
        for (int i = 0; i < v.length; i++) {
            assertThat(c.dictionary().get(c.codes()[i])).isEqualTo(v[i] + "");
        }
    }
}
