package io.modelwatch.core.drift;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counts taken through a chunk's value ranks, made by a hash table or by a sort ({@link ChunkValueRanks#ofAny},
 * {@link ChunkValueRanks#bySorting}), for the whole chunk ({@link ChunkValueRanks#countAll}) and for subsets of its
 * rows, against the values sorted at once with {@link Arrays#sort} and counted by hand.
 */
class ChunkValueRanksTest {

    /** The runs of the finite values by hand: sorted, -0.0 as 0.0, equal neighbours counted together. */
    private static void assertCounts(RunsAccumulator a, double[] values) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).map(v -> v == 0 ? 0.0 : v).toArray();
        Arrays.sort(finite);
        List<Double> distinct = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (double v : finite) {
            if (!distinct.isEmpty() && distinct.get(distinct.size() - 1) == v) {
                counts.set(counts.size() - 1, counts.get(counts.size() - 1) + 1);
            } else {
                distinct.add(v);
                counts.add(1);
            }
        }
        SortedRuns runs = a.runs();
        assertThat(runs.values()).containsExactly(distinct.stream().mapToDouble(Double::doubleValue).toArray());
        for (double v : runs.values()) {
            assertThat(Double.doubleToRawLongBits(v)).isNotEqualTo(Double.doubleToRawLongBits(-0.0));
        }
        assertThat(runs.counts()).containsExactly(counts.stream().mapToInt(Integer::intValue).toArray());
        assertThat(a.rows()).isEqualTo(values.length);
        assertThat(a.nulls()).isEqualTo(Arrays.stream(values).filter(Double::isNaN).count());
        assertThat(a.positiveInfinities()).isEqualTo(Arrays.stream(values).filter(v -> v == Double.POSITIVE_INFINITY).count());
        assertThat(a.negativeInfinities()).isEqualTo(Arrays.stream(values).filter(v -> v == Double.NEGATIVE_INFINITY).count());
    }

    @ParameterizedTest(name = "{0} rows, {1} distinct, chunks of {2}")
    @CsvSource({"1000, 5, 7", "1000, 5, 1", "50000, 300, 4096", "200000, 100000, 65536", "100000, 20000, 100000",
            "30000, 16000, 16385", "70000, 3000, 20000", "20000, 2000000, 5000"})
    void ranksOfEveryChunkGiveTheCountsOfTheColumnAndOfItsSubsets(int rows, int distinct, int chunk) {
        double[] values = RunsAccumulatorTest.column(rows, distinct, 11L * rows + distinct);
        RunsAccumulator all = RunsAccumulator.create();
        RunsAccumulator allSorted = RunsAccumulator.create();
        RunsAccumulator[] thirds = {RunsAccumulator.create(), RunsAccumulator.create(), RunsAccumulator.create()};
        RunsAccumulator[] thirdsSorted = {RunsAccumulator.create(), RunsAccumulator.create(), RunsAccumulator.create()};
        List<List<Double>> subsets = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int from = 0; from < rows; from += chunk) {
            double[] part = Arrays.copyOfRange(values, from, Math.min(rows, from + chunk));
            ChunkValueRanks any = ChunkValueRanks.ofAny(part);
            ChunkValueRanks sorted = ChunkValueRanks.bySorting(part);
            any.countAll(all);
            sorted.countAll(allSorted);
            for (int s = 0; s < 3; s++) {
                int segment = s;
                int start = from;
                // the third subset takes no row of some chunks (an empty segment)
                int[] picked = IntStream.range(0, part.length)
                        .filter(i -> (i * 7 + start) % 3 == segment && !(segment == 2 && start % 2 == 1)).toArray();
                for (int i : picked) {
                    subsets.get(s).add(part[i]);
                }
                any.countInto(thirds[s], picked);
                sorted.countInto(thirdsSorted[s], picked);
            }
        }
        assertCounts(all, values);
        assertCounts(allSorted, values);
        for (int s = 0; s < 3; s++) {
            double[] subset = subsets.get(s).stream().mapToDouble(Double::doubleValue).toArray();
            assertCounts(thirds[s], subset);
            assertCounts(thirdsSorted[s], subset);
        }
    }

    @Test
    void aChunkWithoutFiniteValuesCountsItsNullsAndInfinities() {
        double[] values = {Double.NaN, Double.POSITIVE_INFINITY, Double.NaN, Double.NEGATIVE_INFINITY};
        RunsAccumulator a = RunsAccumulator.create();
        ChunkValueRanks.bySorting(values).countAll(a);
        assertThat(a.runs().distinct()).isZero();
        assertThat(a.nulls()).isEqualTo(2);
        assertThat(a.positiveInfinities()).isEqualTo(1);
        assertThat(a.negativeInfinities()).isEqualTo(1);
        RunsAccumulator empty = RunsAccumulator.create();
        ChunkValueRanks.ofAny(new double[0]).countAll(empty);
        assertThat(empty.rows()).isZero();
    }

    @Test
    void ranksOfManyDistinctValuesComeFromTheSort() {
        double[] distinct = IntStream.range(0, 8000).mapToDouble(i -> (i % 2 == 0 ? -1 : 1) * i * 0.5).toArray();
        assertThat(ChunkValueRanks.of(distinct)).isNull();
        RunsAccumulator a = RunsAccumulator.create();
        ChunkValueRanks.ofAny(distinct).countAll(a);
        assertCounts(a, distinct);
    }

    @ParameterizedTest(name = "{0} rows, {1} distinct")
    @CsvSource({"3000, 20", "50000, 40000"})
    void aSubsetsRunsAndNullsAreThoseOfItsValues(int rows, int distinct) {
        double[] values = RunsAccumulatorTest.column(rows, distinct, 3L * rows + distinct);
        values[7] = Double.NaN;
        values[8] = Double.NEGATIVE_INFINITY;
        int[] picked = IntStream.range(0, rows).filter(i -> i % 3 != 1).toArray();
        double[] subset = Arrays.stream(picked).mapToDouble(i -> values[i]).toArray();
        for (ChunkValueRanks ranks : List.of(ChunkValueRanks.ofAny(values), ChunkValueRanks.bySorting(values))) {
            ChunkValueRanks.Subset s = ranks.subset(picked);
            RunsAccumulator byHand = RunsAccumulator.create();
            byHand.add(subset); // counted by the accumulator's own hash table and sort, checked by hand above
            assertCounts(byHand, subset);
            assertThat(s.runs().values()).containsExactly(byHand.runs().values());
            assertThat(s.runs().counts()).containsExactly(byHand.runs().counts());
            assertThat(s.runs().total()).isEqualTo(byHand.runs().total());
            assertThat(s.nulls()).isEqualTo(Arrays.stream(subset).filter(Double::isNaN).count());
            assertThat(ranks.subset(null).nulls()).isEqualTo(Arrays.stream(values).filter(Double::isNaN).count());
            assertThat(ranks.rows()).isEqualTo(rows);
        }
    }

    @Test
    void theSortHintGivesTheSameRanksAndIsKeptByColumnsOfManyDistinctValues() {
        double[] many = IntStream.range(0, 8000).mapToDouble(i -> i * 0.37).toArray();
        double[] few = IntStream.range(0, 8000).mapToDouble(i -> i % 10).toArray();
        assertThat(ChunkValueRanks.ofAny(many).sorted()).isTrue();
        assertThat(ChunkValueRanks.ofAny(few).sorted()).isFalse();
        RunsAccumulator hinted = RunsAccumulator.create();
        ChunkValueRanks.ofAny(few, true).countAll(hinted);
        assertCounts(hinted, few);
        assertThat(ChunkValueRanks.ofAny(few, true).sorted()).isTrue();
    }

    @Test
    void countsOfManyChunksInOneThreadDoNotLeakIntoEachOther() {
        // the per-thread count array is reused: a large chunk's counts must be cleared before a small one's
        double[] wide = IntStream.range(0, 30000).mapToDouble(i -> i).toArray();
        double[] narrow = {2.0, 2.0, 5.0, Double.NaN, 1.0};
        RunsAccumulator a = RunsAccumulator.create();
        RunsAccumulator b = RunsAccumulator.create();
        ChunkValueRanks wideRanks = ChunkValueRanks.ofAny(wide);
        wideRanks.countInto(a, new int[] {0, 1, 2});
        ChunkValueRanks.ofAny(narrow).countInto(b, new int[] {0, 1, 2, 3, 4});
        wideRanks.countAll(a);
        assertCounts(b, narrow);
        assertCounts(a, java.util.stream.DoubleStream.concat(Arrays.stream(new double[] {0, 1, 2}), Arrays.stream(wide))
                .toArray());
    }
}
