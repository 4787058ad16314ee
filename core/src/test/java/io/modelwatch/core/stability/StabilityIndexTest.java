package io.modelwatch.core.stability;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.StringColumn;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Expected values are computed by hand in the comments (the textbook PSI is not in the golden files, which hold
 * Evidently's psi drift test).
 */
class StabilityIndexTest {

    private static final double TOL = 1e-12;
    private static final StabilityIndex PSI = StabilityIndex.withDefaults();

    // Reference 1..8 with B = 4: numpy-linear quantiles at 0.25, 0.5, 0.75 are
    //   h = 7·0.25 = 1.75 -> x[1] + 0.75 step, computed from the upper end: 3 − 1·0.25 = 2.75
    //   h = 3.5 -> 5 − 0.5 = 4.5;   h = 5.25 -> 6 + 0.25 = 6.25
    // so bins (-inf, 2.75], (2.75, 4.5], (4.5, 6.25], (6.25, inf) each hold 2 of 8: r = 0.25 each.
    private static final double[] REF_1_TO_8 = {1, 2, 3, 4, 5, 6, 7, 8};

    @Test
    void numericBinsFromReferenceQuantiles() {
        PsiBins bins = PsiBins.numeric(REF_1_TO_8, 4);
        assertThat(bins.cutPoints()).containsExactly(2.75, 4.5, 6.25);
        assertThat(bins.referenceShares()).containsExactly(0.25, 0.25, 0.25, 0.25);
        assertThat(bins.referenceCount()).isEqualTo(8);
        assertThat(bins.labels()).containsExactly("(-inf, 2.75]", "(2.75, 4.5]", "(4.5, 6.25]", "(6.25, inf)");
    }

    @Test
    void identicalSampleGivesZero() {
        PsiBins bins = PsiBins.numeric(REF_1_TO_8, 4);
        assertThat(PSI.psi(bins, new double[] {8, 7, 6, 5, 4, 3, 2, 1}).value()).isEqualTo(0.0);
    }

    @Test
    void shiftGivesHandComputedValue() {
        // Current {0, 1, 2 | 3 | 5, 6 | 7, 8, 9, 10}: 0, 9 and 10 are outside the reference range and land in the
        // outer bins. Shares c = 0.3, 0.1, 0.2, 0.4 against r = 0.25 each:
        //   PSI = 0.05·ln(1.2) − 0.15·ln(0.4) − 0.05·ln(0.8) + 0.15·ln(1.6)
        //       = 0.0091161 + 0.1374436 + 0.0111572 + 0.0705003 = 0.22821740957339182
        PsiResult r = PSI.psi(PsiBins.numeric(REF_1_TO_8, 4), new double[] {0, 1, 2, 3, 5, 6, 7, 8, 9, 10});
        assertThat(r.value()).isCloseTo(0.22821740957339182, within(TOL));
        assertThat(r.bins()).extracting(PsiResult.BinShare::currentShare).containsExactly(0.3, 0.1, 0.2, 0.4);
        double[] terms = {0.05 * Math.log(1.2), -0.15 * Math.log(0.4), -0.05 * Math.log(0.8), 0.15 * Math.log(1.6)};
        for (int i = 0; i < terms.length; i++) {
            assertThat(r.bins().get(i).contribution()).as("term %d", i).isCloseTo(terms[i], within(TOL));
        }
        assertThat(r.currentCount()).isEqualTo(10);
        assertThat(r.epsilon()).isEqualTo(1e-4);
    }

    @Test
    void emptyCurrentBinUsesEpsilon() {
        // Current {1, 2, 1, 2 | - | - | 7, 8, 7, 8}: c = 0.5, 0, 0, 0.5; the empty bins are floored at 1e-4:
        //   PSI = 2·(0.25·ln 2) + 2·(1e-4 − 0.25)·ln(1e-4/0.25) = 0.3465736 + 3.9104582 = 4.257031786505947
        PsiBins bins = PsiBins.numeric(REF_1_TO_8, 4);
        double[] current = {1, 2, 1, 2, 7, 8, 7, 8};
        assertThat(PSI.psi(bins, current).value()).isCloseTo(4.257031786505947, within(1e-12));
        // the floor is a parameter: with 1e-3 the empty-bin terms are 2·(1e-3 − 0.25)·ln(1e-3/0.25)
        assertThat(PSI.withEpsilon(1e-3).psi(bins, current).value()).isCloseTo(3.0962611273753713, within(1e-12));
    }

    @Test
    void nullsAreExcludedAndCounted() {
        PsiResult r = PSI.psi(PsiBins.numeric(REF_1_TO_8, 4), new double[] {1, Double.NaN, 3, 5, 7, Double.NaN});
        assertThat(r.value()).isEqualTo(0.0);
        assertThat(r.currentCount()).isEqualTo(4);
        assertThat(r.currentNulls()).isEqualTo(2);
        assertThatThrownBy(() -> PSI.psi(PsiBins.numeric(REF_1_TO_8, 4), new double[] {Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 nulls only");
    }

    @Test
    void tiesMergeQuantilesAndConstantReferenceKeepsAnUpperBin() {
        // Reference {0 ×6, 1, 1, 2, 3}, B = 10: quantiles at 0.1..0.5 are 0, at 0.6 h = 5.4 -> 0 + 0.4 = 0.4,
        // 0.7 -> h = 6.3 -> 1, 0.8 -> h = 7.2 -> 1.2, 0.9 -> h = 8.1 -> 2.1; distinct cut points 0, 0.4, 1, 1.2, 2.1
        double[] ref = {0, 0, 0, 0, 0, 0, 1, 1, 2, 3};
        PsiBins ties = PsiBins.numeric(ref, 10);
        assertThat(ties.cutPoints()).hasSize(5).startsWith(0.0);
        assertThat(ties.cutPoints()[1]).isCloseTo(0.4, within(1e-15));
        assertThat(ties.cutPoints()[2]).isEqualTo(1.0);
        assertThat(ties.cutPoints()[3]).isCloseTo(1.2, within(1e-15));
        assertThat(ties.cutPoints()[4]).isCloseTo(2.1, within(1e-15));
        assertThat(ties.referenceShares()).containsExactly(0.6, 0.0, 0.2, 0.0, 0.1, 0.1);

        // Constant reference 5: bins (-inf, 5], (5, inf) with r = 1, 0. Current {5, 5, 6, 6}: c = 0.5, 0.5:
        //   PSI = (0.5 − 1)·ln(0.5) + (0.5 − 1e-4)·ln(0.5/1e-4) = 0.3465736 + 4.2577449 = 4.60431846666895
        PsiBins constant = PsiBins.numeric(new double[] {5, 5, 5, 5}, 10);
        assertThat(constant.cutPoints()).containsExactly(5.0);
        assertThat(PSI.psi(constant, new double[] {5, 5, 6, 6}).value()).isCloseTo(4.60431846666895, within(TOL));
    }

    @Test
    void unseenCategoryFallsInItsOwnBin() {
        // Reference {a, a, b, b}: r = 0.5, 0.5 and 0 for unseen. Current {a, b, c, c}: c = 0.25, 0.25, 0.5:
        //   PSI = 2·(0.25 − 0.5)·ln(0.5) + (0.5 − 1e-4)·ln(0.5/1e-4) = 0.3465736 + 4.2577449 = 4.60431846666895
        PsiBins bins = PsiBins.categorical(new String[] {"b", "a", null, "a", "b"});
        assertThat(bins.categories()).containsExactly("a", "b");
        assertThat(bins.labels()).containsExactly("a", "b", PsiBins.UNSEEN);
        assertThat(bins.referenceShares()).containsExactly(0.5, 0.5, 0.0);
        PsiResult r = PSI.psi(bins, new String[] {"a", "b", "c", "c", null});
        assertThat(r.value()).isCloseTo(4.60431846666895, within(TOL));
        assertThat(r.currentNulls()).isEqualTo(1);

        // the same through dictionary-encoded columns, whose dictionaries are in first-seen order
        CategoricalColumn refCol = new CategoricalColumn("plan", List.of("b", "a"), new int[] {0, 1, -1, 1, 0});
        CategoricalColumn curCol = new CategoricalColumn("plan", List.of("c", "a", "b"), new int[] {1, 2, 0, 0, -1});
        assertThat(PsiBins.categorical(refCol)).isEqualTo(bins);
        assertThat(PSI.psi(bins, curCol)).isEqualTo(r);
        assertThat(PSI.psi(bins, new StringColumn("plan", new String[] {"a", "b", "c", "c", null}))).isEqualTo(r);
    }

    @Test
    void binsSurviveJsonAndStayImmutable() throws Exception {
        ObjectMapper json = new ObjectMapper();
        PsiBins numeric = PsiBins.numeric(REF_1_TO_8, 4);
        PsiBins categorical = PsiBins.categorical(new String[] {"x", "y", "y"});
        assertThat(json.readValue(json.writeValueAsBytes(numeric), PsiBins.class)).isEqualTo(numeric);
        assertThat(json.readValue(json.writeValueAsBytes(categorical), PsiBins.class)).isEqualTo(categorical);

        numeric.cutPoints()[0] = 99;
        assertThat(numeric.cutPoints()[0]).isEqualTo(2.75);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> PsiBins.numeric(new double[] {1, 3, 2}, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value 2 (2.0) follows 3.0");
        assertThatThrownBy(() -> PsiBins.numeric(new double[] {Double.NaN}, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no non-null value");
        assertThatThrownBy(() -> PSI.psi(PsiBins.numeric(REF_1_TO_8, 4), new String[] {"a"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUMERIC");
        assertThatThrownBy(() -> StabilityIndex.of(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0.0");
    }

    @Test
    void millionRowColumnAgainstTenBins() {
        SplittableRandom rnd = new SplittableRandom(11);
        double[] ref = new double[1_000_000];
        double[] cur = new double[1_000_000];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = rnd.nextDouble();
            cur[i] = rnd.nextDouble();
        }
        PsiBins bins = PsiBins.numeric(new NumericColumn("x", ref), 10);
        assertThat(Arrays.stream(bins.referenceShares()).boxed().toList())
                .allSatisfy(s -> assertThat(s).isCloseTo(0.1, within(1e-5)));
        double same = PSI.psi(bins, cur).value();
        assertThat(same).isLessThan(1e-3);
        double[] shifted = Arrays.stream(cur).map(v -> v + 0.1).toArray();
        assertThat(PSI.psi(bins, shifted).value()).isGreaterThan(0.1);
    }
}
