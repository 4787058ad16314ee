package io.modelwatch.core.drift;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The accumulated runs against the runs of the whole column sorted at once. */
class RunsAccumulatorTest {

    /** Values with about {@code distinct} distinct values, some NaN, infinities and signed zeros. */
    static double[] column(int rows, int distinct, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] v = new double[rows];
        for (int i = 0; i < rows; i++) {
            int r = random.nextInt(1000);
            v[i] = r == 0 ? Double.NaN : r == 1 ? Double.POSITIVE_INFINITY : r == 2 ? Double.NEGATIVE_INFINITY
                    : r == 3 ? -0.0 : r == 4 ? 0.0 : random.nextInt(distinct) / 100.0 - distinct / 300.0;
        }
        return v;
    }

    private static SortedRuns expected(double[] values) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        return SortedRuns.ofSorted(finite);
    }

    private static void assertSame(SortedRuns actual, SortedRuns expected) {
        assertThat(actual.total()).isEqualTo(expected.total());
        assertThat(actual.values()).containsExactly(expected.values());
        assertThat(actual.counts()).containsExactly(expected.counts());
    }

    @ParameterizedTest(name = "{0} rows, {1} distinct, chunks of {2}")
    @CsvSource({"1000, 5, 7", "50000, 300, 4096", "200000, 100000, 65536", "200000, 100000, 1000",
            "100000, 20000, 100000", "30000, 16000, 16385"})
    void chunksGiveTheRunsOfTheWholeColumn(int rows, int distinct, int chunk) {
        double[] values = column(rows, distinct, rows + distinct);
        RunsAccumulator a = RunsAccumulator.create();
        for (int from = 0; from < rows; from += chunk) {
            a.add(Arrays.copyOfRange(values, from, Math.min(rows, from + chunk)));
        }
        assertSame(a.runs(), expected(values));
        assertThat(a.rows()).isEqualTo(rows);
        assertThat(a.nulls()).isEqualTo(Arrays.stream(values).filter(Double::isNaN).count());
        assertThat(a.positiveInfinities()).isEqualTo(Arrays.stream(values).filter(v -> v == Double.POSITIVE_INFINITY).count());
        assertThat(a.negativeInfinities()).isEqualTo(Arrays.stream(values).filter(v -> v == Double.NEGATIVE_INFINITY).count());
    }

    /**
     * The rows of one of three interleaved subsets of every chunk (a segment's rows), counted in place and through
     * the chunk's value ranks (where the chunk has them), against the subset's values sorted at once.
     */
    @ParameterizedTest(name = "{0} rows, {1} distinct, chunks of {2}")
    @CsvSource({"1000, 5, 7", "50000, 300, 4096", "200000, 100000, 65536", "100000, 20000, 100000",
            "30000, 16000, 16385", "70000, 3000, 20000"})
    void rowsOfAChunkGiveTheRunsOfThoseValues(int rows, int distinct, int chunk) {
        double[] values = column(rows, distinct, 5L * rows + distinct);
        RunsAccumulator inPlace = RunsAccumulator.create();
        RunsAccumulator ranked = RunsAccumulator.create();
        java.util.List<Double> subset = new java.util.ArrayList<>();
        for (int from = 0; from < rows; from += chunk) {
            double[] part = Arrays.copyOfRange(values, from, Math.min(rows, from + chunk));
            int start = from;
            int[] picked = java.util.stream.IntStream.range(0, part.length).filter(i -> (i * 7 + start) % 3 == 0).toArray();
            for (int i : picked) {
                subset.add(part[i]);
            }
            inPlace.add(part, picked);
            ChunkValueRanks ranks = ChunkValueRanks.of(part);
            if (ranks != null) {
                ranks.countInto(ranked, picked);
            } else {
                ranked.add(part, picked);
            }
        }
        double[] expected = subset.stream().mapToDouble(Double::doubleValue).toArray();
        for (RunsAccumulator a : new RunsAccumulator[] {inPlace, ranked}) {
            assertSame(a.runs(), expected(expected));
            assertThat(a.rows()).isEqualTo(expected.length);
            assertThat(a.nulls()).isEqualTo(Arrays.stream(expected).filter(Double::isNaN).count());
            assertThat(a.positiveInfinities()).isEqualTo(Arrays.stream(expected).filter(v -> v == Double.POSITIVE_INFINITY).count());
            assertThat(a.negativeInfinities()).isEqualTo(Arrays.stream(expected).filter(v -> v == Double.NEGATIVE_INFINITY).count());
        }
    }

    @Test
    void ranksAreMadeOnlyForFewDistinctValues() {
        assertThat(ChunkValueRanks.of(column(8000, 50, 1))).isNotNull();
        double[] distinct = java.util.stream.IntStream.range(0, 8000).mapToDouble(i -> i * 0.5).toArray();
        assertThat(ChunkValueRanks.of(distinct)).isNull();
    }

    @ParameterizedTest(name = "{0} rows, {1} distinct, split at {2}")
    @CsvSource({"1000, 5, 500", "60000, 30000, 100", "60000, 30000, 40000", "60000, 10000, 30000"})
    void mergedHalvesGiveTheRunsOfTheWholeColumn(int rows, int distinct, int split) {
        double[] values = column(rows, distinct, 3L * rows + distinct);
        RunsAccumulator first = RunsAccumulator.create();
        first.add(Arrays.copyOfRange(values, 0, split));
        RunsAccumulator second = RunsAccumulator.create();
        second.add(Arrays.copyOfRange(values, split, rows));
        first.merge(second);
        assertSame(first.runs(), expected(values));
        assertThat(first.rows()).isEqualTo(rows);
    }
}
