package io.modelwatch.core.drift;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each registered test runs on exactly the column kinds it declares in {@link DriftTest#supportedKinds()}: a sample of
 * another kind is refused with a message naming the test and the kind, before anything is computed.
 */
class DeclaredKindsTest {

    static Collection<DriftTest> tests() {
        return StatTestRegistry.defaults().all();
    }

    /** 40 observations per side, two values each, so that the binary tests (fisher_exact, z) are defined too. */
    private static Sample sample(ColumnKind kind, int ones) {
        if (kind == ColumnKind.NUMERIC) {
            double[] v = new double[40];
            for (int i = 0; i < ones; i++) {
                v[i] = 1;
            }
            return NumericSample.of(v);
        }
        List<String> v = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            v.add(i < ones ? "yes" : "no");
        }
        return CategoricalSample.ofValues(v);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tests")
    void runsOnTheKindsItDeclaresAndRefusesTheOthers(DriftTest test) {
        for (ColumnKind kind : ColumnKind.values()) {
            Sample reference = sample(kind, 12);
            Sample current = sample(kind, 25);
            if (test.accepts(kind)) {
                DriftResult r = test.test(reference, current);
                assertThat(r.method()).as(test.name() + " on " + kind).isEqualTo(test.name());
                continue;
            }
            String kindName = kind.name().toLowerCase(Locale.ROOT);
            ColumnKind other = kind == ColumnKind.NUMERIC ? ColumnKind.CATEGORICAL : ColumnKind.NUMERIC;
            assertThatThrownBy(() -> test.test(reference, sample(other, 25)))
                    .as(test.name() + " on a " + kindName + " reference")
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(test.name()).hasMessageContaining("reference sample is " + kindName);
            assertThatThrownBy(() -> test.test(sample(other, 12), current))
                    .as(test.name() + " on a " + kindName + " current sample")
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(test.name()).hasMessageContaining("current sample is " + kindName);
        }
    }
}
