package io.modelwatch.core.drift;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SortedRuns#merge} against the counts of both samples pooled in a {@link TreeMap}. */
class SortedRunsMergeTest {

    private static SortedRuns runs(int n, int distinct, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextInt(distinct) * 0.25 - distinct / 8.0;
        }
        Arrays.sort(v);
        return SortedRuns.ofSorted(v);
    }

    private static void assertPooled(SortedRuns merged, SortedRuns a, SortedRuns b) {
        TreeMap<Double, Integer> pooled = new TreeMap<>();
        for (SortedRuns r : new SortedRuns[] {a, b}) {
            for (int i = 0; i < r.distinct(); i++) {
                pooled.merge(r.values()[i] == 0 ? 0.0 : r.values()[i], r.counts()[i], Integer::sum);
            }
        }
        assertThat(merged.values()).containsExactly(pooled.keySet().stream().mapToDouble(Double::doubleValue).toArray());
        assertThat(merged.counts()).containsExactly(pooled.values().stream().mapToInt(Integer::intValue).toArray());
        assertThat(merged.total()).isEqualTo(a.total() + b.total());
    }

    @ParameterizedTest(name = "{0} and {2} values over {1} and {3} distinct")
    @CsvSource({"0, 1, 0, 1", "0, 1, 50, 10", "50, 10, 0, 1", "1000, 40, 1000, 40", "1000, 4000, 30, 5",
            "5, 3, 2000, 10000", "100000, 100000, 100000, 100000"})
    void mergedRunsCountBothSamples(int n, int distinct, int m, int otherDistinct) {
        SortedRuns a = runs(n, distinct, n + distinct);
        SortedRuns b = runs(m, otherDistinct, 7L * m + otherDistinct + 1);
        assertPooled(a.merge(b), a, b);
        assertPooled(b.merge(a), b, a);
    }

    @Test
    void disjointAndInterleavedRunsKeepTheirCounts() {
        SortedRuns low = SortedRuns.of(new double[] {-3, -1, 0.0}, new int[] {2, 1, 4});
        SortedRuns high = SortedRuns.of(new double[] {0.5, 7, 9}, new int[] {1, 3, 5});
        SortedRuns mixed = SortedRuns.of(new double[] {-1, 0.5, 8}, new int[] {10, 20, 30});
        assertThat(low.merge(high).values()).containsExactly(-3, -1, 0.0, 0.5, 7, 9);
        assertThat(high.merge(low).counts()).containsExactly(2, 1, 4, 1, 3, 5);
        SortedRuns all = low.merge(high).merge(mixed);
        assertThat(all.values()).containsExactly(-3, -1, 0.0, 0.5, 7, 8, 9);
        assertThat(all.counts()).containsExactly(2, 11, 4, 21, 3, 30, 5);
        assertThat(all.total()).isEqualTo(76);
    }
}
