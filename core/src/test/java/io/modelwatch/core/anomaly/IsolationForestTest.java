package io.modelwatch.core.anomaly;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The isolation forest against values derived without it: c(n) from the closed form worked by hand (and the
 * paper's c(256)), scores that the definitions fix exactly, the planted outliers of
 * {@code iforest/planted.csv} (made by {@code scripts/iforest_reference.py}) ranked first, and determinism.
 */
class IsolationForestTest {

    @ParameterizedTest(name = "c({0}) = {1}")
    @CsvSource({
            // n <= 1: a leaf of one row needs no more splits
            "0, 0",
            "1, 0",
            // the paper's special case
            "2, 1",
            // 2(ln 2 + 0.5772156649) - 2·2/3 = 2·1.2703628455 - 1.3333333333 = 1.2073923577
            "3, 1.2073923577",
            // 2(ln 9 + 0.5772156649) - 2·9/10 = 2·2.7744402422 - 1.8 = 3.7488804844
            "10, 3.7488804844",
            // 2(ln 255 + 0.5772156649) - 2·255/256 = 2·6.1184792101 - 1.9921875 = 10.2447709202
            "256, 10.2447709202",
    })
    void averagePathLengthFollowsTheClosedForm(double n, double expected) {
        assertThat(IsolationForest.averagePathLength(n)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void twoRowsScoreExactlyOneHalf() {
        // psi = 2: height limit ceil(log2 2) = 1, the root splits the two rows, every leaf holds one row:
        // h(x) = 1 + c(1) = 1 for any x and c(psi) = c(2) = 1, so s = 2^-1
        IsolationForest.Model m = IsolationForest.withDefaults().fit(new double[][] {{0, 5}, {1, 7}});
        assertThat(m.score(new double[] {0, 5})).isEqualTo(0.5);
        assertThat(m.score(new double[] {100, -100})).isEqualTo(0.5);
    }

    @Test
    void constantDataScoresOneHalfEverywhere() {
        // no feature varies: the root is a leaf of psi rows, h(x) = c(psi) and s = 2^(-c(psi)/c(psi)) = 0.5
        double[][] rows = new double[20][];
        Arrays.setAll(rows, i -> new double[] {3, 3});
        IsolationForest.Model m = IsolationForest.withDefaults().fit(rows);
        // (up to the rounding of averaging 100 equal path lengths)
        assertThat(m.score(new double[] {3, 3})).isCloseTo(0.5, within(1e-12));
        assertThat(m.score(new double[] {9, -9})).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void thePlantedOutliersRankFirst() throws IOException {
        double[][] x = planted();
        int[] outliers = IntStream.range(0, x.length).filter(i -> flags[i] == 1).toArray();
        assertThat(outliers).hasSize(5);
        for (long seed : new long[] {0, 1, 42}) {
            IsolationForest.Model m = IsolationForest.withDefaults().withSeed(seed).fit(x);
            double[] s = m.trainingScores();
            Integer[] order = IntStream.range(0, s.length).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.comparingDouble(i -> -s[i]));
            assertThat(Arrays.stream(order, 0, 5).mapToInt(Integer::intValue).sorted().toArray())
                    .as("seed %d", seed).containsExactly(outliers);
            for (int i = 0; i < s.length; i++) {
                assertThat(s[i]).as("row %d, seed %d", i, seed).isGreaterThan(0).isLessThanOrEqualTo(1);
                if (flags[i] == 1) {
                    assertThat(s[i]).as("planted row %d", i).isGreaterThan(0.6);
                } else {
                    assertThat(s[i]).as("inlier row %d", i).isLessThan(0.6);
                }
            }
        }
    }

    /**
     * scikit-learn 1.2.1 on the same data ({@code iforest/planted_sklearn.csv}, made by
     * {@code scripts/iforest_reference.py}): its top-5 rows are the planted ones, as the Java forest's are; and the
     * expected score, the mean of 50 forests (scikit-learn random_state 0..49, Java seeds 0..49), agrees row by row.
     */
    @Test
    void agreesWithScikitLearn() throws IOException {
        double[][] x = planted();
        double[][] sk = sklearn();
        int[] outliers = IntStream.range(0, x.length).filter(i -> flags[i] == 1).toArray();
        assertThat(top5(Arrays.stream(sk).mapToDouble(r -> r[0]).toArray())).containsExactly(outliers);

        double[] mean = new double[x.length];
        for (long seed = 0; seed < 50; seed++) {
            double[] s = IsolationForest.withDefaults().withSeed(seed).fit(x).trainingScores();
            for (int i = 0; i < s.length; i++) {
                mean[i] += s[i] / 50;
            }
        }
        // tolerance: one scikit-learn forest's score varies from seed to seed with a standard deviation of 0.008 on
        // average over the rows (0.019 at most, scikit-learn measured), so the difference of two means of 50 has a
        // standard error of about 0.002 (0.004 at most) and stays under 0.01 on every row (measured: 0.0061)
        for (int i = 0; i < x.length; i++) {
            assertThat(mean[i]).as("row %d", i).isCloseTo(sk[i][1], within(0.01));
        }
    }

    private static int[] top5(double[] s) {
        Integer[] order = IntStream.range(0, s.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> -s[i]));
        return Arrays.stream(order, 0, 5).mapToInt(Integer::intValue).sorted().toArray();
    }

    /** Per row: scikit-learn's score with random_state=0, and the mean over random_state 0..49. */
    private double[][] sklearn() throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/iforest/planted_sklearn.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (String line : lines) {
                if (line.startsWith("#") || line.startsWith("row")) {
                    continue;
                }
                String[] cells = line.split(",");
                rows.add(new double[] {Double.parseDouble(cells[1]), Double.parseDouble(cells[2])});
            }
        }
        return rows.toArray(double[][]::new);
    }

    @Test
    void theSameSeedGivesTheSameScoresAndAnotherSeedOthers() throws IOException {
        double[][] x = planted();
        double[] a = IsolationForest.withDefaults().withSeed(7).fit(x).trainingScores();
        double[] b = IsolationForest.withDefaults().withSeed(7).fit(x).trainingScores();
        double[] c = IsolationForest.withDefaults().withSeed(8).fit(x).trainingScores();
        assertThat(b).containsExactly(a);
        assertThat(c).isNotEqualTo(a);
        // different seeds differ only by the forest's sampling noise (largest for the few outliers)
        for (int i = 0; i < a.length; i++) {
            assertThat(c[i]).isCloseTo(a[i], within(0.1));
        }
    }

    @Test
    void theSubsampleIsCappedAtTheRows() throws IOException {
        double[][] x = planted();
        assertThat(IsolationForest.withDefaults().fit(x).subsampleSize()).isEqualTo(256 > x.length ? x.length : 256);
        assertThat(IsolationForest.withDefaults().withMaxSamples(64).fit(x).subsampleSize()).isEqualTo(64);
    }

    @Test
    void attributionNamesTheFeatureThatMoved() throws IOException {
        double[][] x = planted();
        IsolationForest.Model m = IsolationForest.withDefaults().fit(x);
        // an inlier-like point far out on feature 3 only
        double[] share = m.attribution(new double[] {0, 0, 8, 0, 0});
        assertThat(Arrays.stream(share).sum()).isCloseTo(1.0, within(1e-12));
        for (int f = 0; f < share.length; f++) {
            if (f != 2) {
                assertThat(share[2]).isGreaterThan(share[f]);
            }
        }
        // credits above the training rows' own: the features on which the point is ordinary earn little or nothing
        assertThat(share[2]).isGreaterThan(0.6);
    }

    @Test
    void badInputIsRefusedWithTheCell() {
        assertThatThrownBy(() -> IsolationForest.withDefaults().fit(new double[][] {{1}}))
                .hasMessageContaining("at least 2 rows");
        assertThatThrownBy(() -> IsolationForest.withDefaults().fit(new double[][] {{1, 2}, {1}}))
                .hasMessageContaining("row 1 has 1 features");
        assertThatThrownBy(() -> IsolationForest.withDefaults().fit(new double[][] {{1, 2}, {1, Double.NaN}}))
                .hasMessageContaining("row 1, feature 1");
        assertThatThrownBy(() -> IsolationForest.withDefaults().withTrees(0)).hasMessageContaining("n_estimators");
        assertThatThrownBy(() -> IsolationForest.withDefaults().withMaxSamples(1)).hasMessageContaining("max_samples");
        IsolationForest.Model m = IsolationForest.withDefaults().fit(new double[][] {{1, 2}, {3, 4}});
        assertThatThrownBy(() -> m.score(new double[] {1})).hasMessageContaining("1 features, the forest 2");
    }

    private int[] flags;

    private double[][] planted() throws IOException {
        List<double[]> rows = new ArrayList<>();
        List<Integer> flag = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/iforest/planted.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                String[] cells = lines[i].split(",");
                double[] r = new double[cells.length - 1];
                for (int j = 0; j < r.length; j++) {
                    r[j] = Double.parseDouble(cells[j]);
                }
                rows.add(r);
                flag.add(Integer.parseInt(cells[cells.length - 1].trim()));
            }
        }
        flags = flag.stream().mapToInt(Integer::intValue).toArray();
        return rows.toArray(double[][]::new);
    }
}
