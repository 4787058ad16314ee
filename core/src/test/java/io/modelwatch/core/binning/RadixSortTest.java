package io.modelwatch.core.binning;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The radix sort must give bit for bit what {@code Arrays.sort} and a stable merge sort give. */
class RadixSortTest {

    private static double[] data(int kind, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = switch (kind) {
                case 0 -> r.nextDouble();
                case 1 -> r.nextInt(73);                              // integer feature, many ties
                case 2 -> Math.round(r.nextGaussian() * 1e4) / 100.0; // money with negatives
                case 3 -> new double[] {0.0, -0.0, 1.5, -1.5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE}[r.nextInt(9)];
                case 4 -> 42.0;                                         // constant
                default -> i % 1000 == 7 ? Double.NaN : r.nextDouble() - 0.5; // NaN: the fallback
            };
        }
        return a;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void sortsLikeArraysSort(int kind) {
        for (int n : new int[] {0, 1, 100, RadixSort.MIN_LENGTH, 100_003}) {
            double[] expected = data(kind, n, 7 + n);
            double[] actual = expected.clone();
            Arrays.sort(expected);
            RadixSort.sort(actual);
            long[] e = Arrays.stream(expected).mapToLong(Double::doubleToRawLongBits).toArray();
            long[] a = Arrays.stream(actual).mapToLong(Double::doubleToRawLongBits).toArray();
            assertThat(a).as("kind %d, n %d", kind, n).isEqualTo(e);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void ordersIndicesStablyLikeMergeSort(int kind) {
        double[] v = data(kind, 50_000, 11);
        int[] expected = java.util.stream.IntStream.range(100, 50_000).boxed()
                .sorted((x, y) -> v[x] < v[y] ? -1 : v[y] < v[x] ? 1 : Integer.compare(x, y))
                .mapToInt(Integer::intValue).toArray();
        assertThat(RadixSort.ascendingOrder(v, 100, 50_000)).isEqualTo(expected);
    }
}
