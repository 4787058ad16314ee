package io.modelwatch.core.drift;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Evidently's automatic choice ({@code registry._get_default_stattest}, as described in
 * {@code golden/STATTESTS.md}) on the boundaries of its rule: reference size 1000 vs 1001 and 2 / 3 / 5 / 6
 * distinct values, for both column kinds.
 */
class AutoStatTestTest {

    @ParameterizedTest(name = "{0}, n_ref={1}, n_unique={2} -> {3}")
    @CsvSource({
        // n_ref <= 1000, numeric: n_unique <= 5 -> chisquare if > 2 else z; otherwise ks
        "NUMERIC,     1000, 1, z",
        "NUMERIC,     1000, 2, z",
        "NUMERIC,     1000, 3, chisquare",
        "NUMERIC,     1000, 5, chisquare",
        "NUMERIC,     1000, 6, ks",
        "NUMERIC,        1, 6, ks",
        // n_ref > 1000, numeric: n_unique <= 5 -> jensenshannon, otherwise wasserstein
        "NUMERIC,     1001, 2, jensenshannon",
        "NUMERIC,     1001, 3, jensenshannon",
        "NUMERIC,     1001, 5, jensenshannon",
        "NUMERIC,     1001, 6, wasserstein",
        "NUMERIC,  1000000, 6, wasserstein",
        // n_ref <= 1000, categorical: chisquare if n_unique > 2 else z (no cardinality limit)
        "CATEGORICAL, 1000, 2, z",
        "CATEGORICAL, 1000, 3, chisquare",
        "CATEGORICAL, 1000, 5, chisquare",
        "CATEGORICAL, 1000, 6, chisquare",
        "CATEGORICAL, 1000, 500, chisquare",
        // n_ref > 1000, categorical: jensenshannon
        "CATEGORICAL, 1001, 2, jensenshannon",
        "CATEGORICAL, 1001, 3, jensenshannon",
        "CATEGORICAL, 1001, 5, jensenshannon",
        "CATEGORICAL, 1001, 6, jensenshannon",
    })
    void followsEvidentlysRule(ColumnKind kind, long referenceSize, long distinctValues, String expected) {
        assertThat(AutoStatTest.choose(kind, referenceSize, distinctValues)).isEqualTo(expected);
    }

    @Test
    void boundaryConstantsAreEvidentlys() {
        assertThat(AutoStatTest.SMALL_REFERENCE_MAX).isEqualTo(1000);
        assertThat(AutoStatTest.LOW_CARDINALITY_MAX).isEqualTo(5);
    }

    @Test
    void everyChoiceIsARegisteredTestThatAcceptsTheColumnAsItIs() {
        StatTestRegistry registry = StatTestRegistry.defaults();
        for (ColumnKind kind : ColumnKind.values()) {
            for (long n : new long[] {1, 1000, 1001}) {
                for (long unique : new long[] {1, 2, 3, 5, 6}) {
                    String name = AutoStatTest.choose(kind, n, unique);
                    DriftTest test = registry.get(name);
                    assertThat(test.supportedKinds()).as(name + " for " + kind).contains(kind);
                    assertThat(test.accepts(kind)).as(name + " for " + kind).isTrue();
                }
            }
        }
    }

    @Test
    void chisquareAndZTakeNumbersAsCategoriesAndTheOthersChosenDoNot() {
        // the automatic choice sends numeric columns with at most 5 values to chisquare and z (Evidently)
        StatTestRegistry registry = StatTestRegistry.defaults();
        assertThat(registry.get("chisquare").supportedKinds())
                .containsExactlyInAnyOrder(ColumnKind.CATEGORICAL, ColumnKind.NUMERIC);
        assertThat(registry.get("z").supportedKinds()).containsExactlyInAnyOrder(ColumnKind.CATEGORICAL, ColumnKind.NUMERIC);
        assertThat(registry.get("ks").accepts(ColumnKind.CATEGORICAL)).isFalse();
        assertThat(registry.get("wasserstein").accepts(ColumnKind.CATEGORICAL)).isFalse();
        assertThat(registry.get("jensenshannon").supportedKinds())
                .containsExactlyInAnyOrder(ColumnKind.CATEGORICAL, ColumnKind.NUMERIC);
    }

    @Test
    void negativeSizesAreRejectedWithTheValue() {
        assertThatThrownBy(() -> AutoStatTest.choose(ColumnKind.NUMERIC, -1, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> AutoStatTest.choose(ColumnKind.CATEGORICAL, 10, -2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-2");
    }
}
