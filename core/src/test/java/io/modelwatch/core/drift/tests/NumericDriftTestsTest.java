package io.modelwatch.core.drift.tests;

import io.modelwatch.core.drift.CategoricalSample;
import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftResult;
import io.modelwatch.core.drift.DriftTest;
import io.modelwatch.core.drift.DriftTestException;
import io.modelwatch.core.drift.NumericSample;
import io.modelwatch.core.drift.Sample;
import io.modelwatch.core.drift.StatTestRegistry;
import io.modelwatch.core.golden.GoldenStattests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Behaviour of the numeric drift tests beyond the golden cases. */
class NumericDriftTestsTest {

    static Stream<DriftTest> numericTests() {
        return Stream.of(KolmogorovSmirnovDriftTest.withDefaults(), WassersteinDriftTest.withDefaults(),
                AndersonDarlingDriftTest.withDefaults(), CramerVonMisesDriftTest.withDefaults(),
                MannWhitneyDriftTest.withDefaults(), EnergyDistanceDriftTest.withDefaults(),
                EppsSingletonDriftTest.withDefaults(), StudentTDriftTest.withDefaults(),
                EmpiricalMmdDriftTest.withDefaults());
    }

    @ParameterizedTest
    @MethodSource("numericTests")
    void categoricalSampleIsRefusedNamingTheTest(DriftTest test) {
        Sample cat = CategoricalSample.ofValues(List.of("a", "b"));
        Sample num = NumericSample.of(new double[] {1, 2, 3, 4, 5});
        assertThatThrownBy(() -> test.test(cat, num)).isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(DriftTestException.class).hasMessageContaining(test.name());
        assertThatThrownBy(() -> test.test(num, cat)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(test.name());
        assertThat(test.supportedKinds()).containsExactly(ColumnKind.NUMERIC);
    }

    @ParameterizedTest
    @MethodSource("numericTests")
    void emptySampleIsADriftTestException(DriftTest test) {
        Sample empty = NumericSample.of(new double[] {Double.NaN});
        Sample num = NumericSample.of(new double[] {1, 2, 3, 4, 5});
        assertThatThrownBy(() -> test.test(empty, num)).isInstanceOf(DriftTestException.class);
    }

    @ParameterizedTest
    @MethodSource("numericTests")
    void defaultsAgreeWithGolden(DriftTest test) {
        assertThat(test.defaultThreshold()).isEqualTo(GoldenStattests.defaultThreshold(test.name()));
        assertThat(StatTestRegistry.defaults().get(test.name()).getClass()).isEqualTo(test.getClass());
    }

    /**
     * Exact p-values with unequal sample sizes (the lattice-band path), on prefixes of golden dataset
     * num_n2000. Expected: scipy 1.17.1 {@code ks_2samp(ref[:a], cur[:b], method='exact')}, whose exact
     * algorithm is unchanged since 1.10.
     */
    @ParameterizedTest
    @CsvSource({
            "1000, 700, 0.06657142857142857, 0.04945920675121648",
            "999, 1000, 0.06777777777777778, 0.018387928238149567",
            "300, 2000, 0.0475, 0.5817304993391338",
            "2000, 1999, 0.06066408204102051, 0.0012340834774483673"})
    void ksExactWithUnequalSizes(int a, int b, double statistic, double pValue) {
        double[] ref = ((NumericSample) GoldenStattests.reference("num_n2000", ColumnKind.NUMERIC)).values();
        double[] cur = ((NumericSample) GoldenStattests.current("num_n2000", ColumnKind.NUMERIC)).values();
        DriftResult r = KolmogorovSmirnovDriftTest.withDefaults()
                .test(NumericSample.of(Arrays.copyOf(ref, a)), NumericSample.of(Arrays.copyOf(cur, b)));
        assertThat(r.statistic()).isCloseTo(statistic, within(1e-15));
        assertThat(r.pValue()).isCloseTo(pValue, within(1e-9 * pValue));
    }

    /**
     * The two-sided Mann–Whitney variant. Expected: scipy 1.17.1
     * {@code mannwhitneyu(ref, cur, alternative='two-sided')} (asymptotic; exact for num_n20_vs_7_small).
     */
    @ParameterizedTest
    @CsvSource({
            "num_emptybins_n50, 4.286023500247499e-05, 1e-6",
            "num_n20_shift, 0.0036388262246247497, 1e-6",
            "num_n20_vs_7_small, 0.004146256320169364, 1e-9"})
    void mannWhitneyTwoSided(String dataset, double pValue, double relTol) {
        MannWhitneyDriftTest twoSided = MannWhitneyDriftTest.withDefaults().twoSided();
        DriftResult r = twoSided.test(GoldenStattests.reference(dataset, ColumnKind.NUMERIC),
                GoldenStattests.current(dataset, ColumnKind.NUMERIC));
        assertThat(r.pValue()).isCloseTo(pValue, within(relTol * pValue));
        assertThat(r.drifted()).isTrue();
        assertThat(twoSided.isTwoSided()).isTrue();
        assertThat(MannWhitneyDriftTest.withDefaults().isTwoSided()).isFalse();
    }

    @Test
    void evidentlyMannWhitneyMissesADownwardShiftWhichTwoSidedFinds() {
        Sample ref = GoldenStattests.reference("num_emptybins_n50", ColumnKind.NUMERIC);
        Sample cur = GoldenStattests.current("num_emptybins_n50", ColumnKind.NUMERIC);
        assertThat(MannWhitneyDriftTest.withDefaults().test(ref, cur).drifted()).isFalse();
        StatTestRegistry fixed = StatTestRegistry.defaults().replacing(MannWhitneyDriftTest.withDefaults().twoSided());
        assertThat(fixed.get(MannWhitneyDriftTest.NAME).test(ref, cur).drifted()).isTrue();
        assertThat(fixed.names()).isEqualTo(StatTestRegistry.defaults().names());
        assertThat(((MannWhitneyDriftTest) StatTestRegistry.defaults().get("mannw")).isTwoSided()).isFalse();
    }

    @Test
    void studentTOnTwoConstantSamplesIsNaNAndNotDrift() {
        Sample c = NumericSample.of(new double[] {3, 3, 3});
        DriftResult r = StudentTDriftTest.withDefaults().test(c, c);
        assertThat(r.pValue()).isNaN();
        assertThat(r.drifted()).isFalse();
    }

    @Test
    void eppsSingletonNeedsFiveObservations() {
        Sample four = NumericSample.of(new double[] {1, 2, 3, 4});
        Sample many = NumericSample.of(new double[] {1, 2, 3, 4, 5, 6});
        assertThatThrownBy(() -> EppsSingletonDriftTest.withDefaults().test(four, many))
                .isInstanceOf(DriftTestException.class).hasMessageContaining("es");
    }

    @Test
    void energyDistanceIsStrict() {
        Sample ref = NumericSample.of(new double[] {0, 1});
        Sample cur = NumericSample.of(new double[] {0, 1});
        DriftResult r = EnergyDistanceDriftTest.withDefaults().test(ref, cur, 0.0);
        assertThat(r.score()).isZero();
        assertThat(r.drifted()).isFalse(); // 0 > 0 is false
    }

    @Test
    void mmdIsDeterministicForASeedAndSubsamplesLargeInputs() {
        double[][] data = normal(30_000, 20_000, 0.3, 7);
        Sample ref = NumericSample.of(data[0]);
        Sample cur = NumericSample.of(data[1]);
        DriftResult a = EmpiricalMmdDriftTest.withDefaults().test(ref, cur);
        DriftResult b = EmpiricalMmdDriftTest.withDefaults().test(ref, cur);
        assertThat(a).isEqualTo(b);
        assertThat(a.drifted()).isTrue();
        assertThat(EmpiricalMmdDriftTest.withDefaults().withSeed(1).seed()).isEqualTo(1);
    }

    /**
     * Each test on one million rows per side (the system's target column size); O(n log n) each. Its time is
     * measured by {@code monitor bench --drift-tests}, not asserted here.
     */
    @ParameterizedTest
    @MethodSource("numericTests")
    void handlesAMillionRowsPerSide(DriftTest test) {
        Sample[] s = MILLION.get();
        DriftResult r = test.test(s[0], s[1]);
        assertThat(r.drifted()).as(test.name()).isTrue();
    }

    private static final java.util.function.Supplier<Sample[]> MILLION = new java.util.function.Supplier<>() {
        private Sample[] samples;

        @Override
        public synchronized Sample[] get() {
            if (samples == null) {
                double[][] d = normal(1_000_000, 1_000_000, 0.3, 11);
                samples = new Sample[] {NumericSample.of(d[0]), NumericSample.of(d[1])};
            }
            return samples;
        }
    };

    private static double[][] normal(int n1, int n2, double shift, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] a = new double[n1];
        double[] b = new double[n2];
        for (int i = 0; i < n1; i++) {
            a[i] = gaussian(rng);
        }
        for (int i = 0; i < n2; i++) {
            b[i] = gaussian(rng) + shift;
        }
        return new double[][] {a, b};
    }

    private static double gaussian(SplittableRandom rng) {
        // Box–Muller
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
