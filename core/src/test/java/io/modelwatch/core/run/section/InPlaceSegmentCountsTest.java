package io.modelwatch.core.run.section;

import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.drift.ChunkValueRanks;
import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.NumericSample;
import io.modelwatch.core.profile.ColumnProfile;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.core.run.PipelineFixture;
import io.modelwatch.core.stability.PsiBins;
import io.modelwatch.core.stability.StabilityIndex;
import io.modelwatch.core.synth.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The counts a segment's rows get in place, without a copy of its columns: the reference profiles of a segment's
 * numeric features from the whole column's ranks ({@link ColumnProfiles#numeric(String, ChunkValueRanks, int[], int)})
 * and of its categorical ones by code ({@link ColumnProfiles#categorical}), against the rows picked by hand, counted
 * with a {@link TreeMap} and sorted with {@link Arrays#sort}; and the file-order values a one-chunk segment keeps for
 * the tests that read them ({@code ColumnCounts.Numeric}).
 */
class InPlaceSegmentCountsTest {

    private static double[] column(int rows, int distinct, long seed) {
        Random random = new Random(seed);
        double[] values = new double[rows];
        for (int i = 0; i < rows; i++) {
            int r = random.nextInt(100);
            values[i] = r < 3 ? Double.NaN : r == 3 ? Double.POSITIVE_INFINITY : r == 4 ? Double.NEGATIVE_INFINITY
                    : r == 5 ? 0.0 : (random.nextInt(distinct) - distinct / 2) * 0.25;
        }
        return values;
    }

    private static int[] rowsOf(int rows, int segment, int segments) {
        return IntStream.range(0, rows).filter(i -> (i * 31 + i / 7) % segments == segment).toArray();
    }

    @ParameterizedTest(name = "{0} rows, {1} distinct")
    @CsvSource({"5000, 40", "20000, 15000", "70000, 500000"})
    void aSegmentsNumericProfileFromTheRanksIsThatOfItsRowsSorted(int rows, int distinct) {
        double[] values = column(rows, distinct, rows + distinct);
        ChunkValueRanks ranks = ChunkValueRanks.ofAny(values);
        assertThat(ranks.hasNegativeZero()).isFalse();
        for (int s = 0; s < 3; s++) {
            int[] picked = rowsOf(rows, s, 3);
            ColumnProfile p = ColumnProfiles.numeric("x", ranks, picked, 10);
            TreeMap<Double, Integer> counts = new TreeMap<>();
            double[] finite = Arrays.stream(picked).mapToDouble(i -> values[i]).filter(Double::isFinite).toArray();
            for (double v : finite) {
                counts.merge(v, 1, Integer::sum);
            }
            Arrays.sort(finite);
            assertThat(p.name()).isEqualTo("x");
            assertThat(p.kind()).isEqualTo(ColumnKind.NUMERIC);
            assertThat(p.rows()).isEqualTo(picked.length);
            assertThat(p.nullCount()).isEqualTo(Arrays.stream(picked).filter(i -> Double.isNaN(values[i])).count());
            assertThat(p.runs().values()).containsExactly(counts.keySet().stream().mapToDouble(d -> d).toArray());
            assertThat(p.runs().counts()).containsExactly(counts.values().stream().mapToInt(c -> c).toArray());
            assertThat(p.runs().total()).isEqualTo(finite.length);
            assertThat(p.psiBins()).isEqualTo(PsiBins.numeric(finite, 10));
        }
        ColumnProfile all = ColumnProfiles.numeric("x", ranks, null, 10);
        assertThat(all.rows()).isEqualTo(rows);
        assertThat(all.nullCount()).isEqualTo(Arrays.stream(values).filter(Double::isNaN).count());
        assertThat(all.runs().total()).isEqualTo((int) Arrays.stream(values).filter(Double::isFinite).count());
    }

    @Test
    void aColumnWithNegativeZeroIsNotProfiledFromItsRanks() {
        // a sort puts -0.0 before 0.0; the ranks hold one 0.0, so the sorted values cannot come from them
        double[] values = {1.5, -0.0, 0.0, 2.0, Double.NaN, -0.0};
        ChunkValueRanks ranks = ChunkValueRanks.ofAny(values);
        assertThat(ranks.hasNegativeZero()).isTrue();
        assertThatThrownBy(() -> ColumnProfiles.numeric("x", ranks, null, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'");
        assertThat(ChunkValueRanks.ofAny(new double[] {1.5, 0.0, 2.0}).hasNegativeZero()).isFalse();
    }

    @Test
    void aSegmentsCategoricalProfileCountedByCodeIsThatOfItsRowsSelected() {
        List<String> dictionary = List.of("north", "south", "east", "west", "unused");
        Random random = new Random(5);
        int[] codes = new int[3000];
        for (int i = 0; i < codes.length; i++) {
            int r = random.nextInt(10);
            codes[i] = r == 0 ? CategoricalColumn.NULL_CODE : r % 4; // "unused" never appears
        }
        CategoricalColumn column = new CategoricalColumn("region", dictionary, codes);
        for (int s = 0; s < 4; s++) {
            int[] picked = rowsOf(codes.length, s, 4);
            ColumnProfile p = ColumnProfiles.categorical(column, picked);
            TreeMap<String, Long> counts = new TreeMap<>();
            long nulls = 0;
            for (int i : picked) {
                if (codes[i] == CategoricalColumn.NULL_CODE) {
                    nulls++;
                } else {
                    counts.merge(dictionary.get(codes[i]), 1L, Long::sum);
                }
            }
            long total = counts.values().stream().mapToLong(c -> c).sum();
            assertThat(p.kind()).isEqualTo(ColumnKind.CATEGORICAL);
            assertThat(p.rows()).isEqualTo(picked.length);
            assertThat(p.nullCount()).isEqualTo(nulls);
            assertThat(p.labels()).containsExactlyElementsOf(counts.keySet());
            assertThat(p.counts()).containsExactly(counts.values().stream().mapToLong(c -> c).toArray());
            assertThat(p.psiBins().labels()).startsWith(counts.keySet().toArray(String[]::new));
            double[] shares = Arrays.copyOf(counts.values().stream().mapToDouble(c -> (double) c / total).toArray(),
                    counts.size() + 1);
            assertThat(p.psiBins().referenceShares()).containsExactly(shares);
        }
    }

    @Test
    void aOneChunkSegmentKeepsItsOwnValuesInFileOrder() {
        double[] values = {3.0, Double.NaN, 1.0, 7.5, Double.POSITIVE_INFINITY, 1.0, -2.0, 4.0};
        int[] rows = {1, 2, 3, 5, 6};
        NumericColumn column = new NumericColumn("x", values);
        for (ChunkValueRanks ranks : new ChunkValueRanks[] {ChunkValueRanks.ofAny(values), null}) {
            ColumnCounts counts = ColumnCounts.of(ColumnKind.NUMERIC);
            assertThat(counts.add(column, rows, ranks, true)).isTrue();
            NumericSample sample = (NumericSample) counts.current(true, StabilityIndex.withDefaults(), null).sample();
            assertThat(sample.values()).containsExactly(1.0, 7.5, 1.0, -2.0); // NaN dropped, file order
            assertThat(sample.runs().values()).containsExactly(-2.0, 1.0, 7.5);
            assertThat(sample.runs().counts()).containsExactly(1, 2, 1);
            // a second chunk: the tests read the runs, not one chunk's values
            assertThat(counts.add(column, new int[] {0}, ranks, false)).isTrue();
            NumericSample two = (NumericSample) counts.current(false, StabilityIndex.withDefaults(), null).sample();
            assertThat(two.values()).containsExactly(-2.0, 1.0, 1.0, 3.0, 7.5);
        }
    }

    @Test
    void eachSegmentsPredictionBinsFromTheRanksAreThoseOfItsValuesSorted() {
        io.modelwatch.core.config.MonitoringConfig config = io.modelwatch.core.config.ConfigLoader.parse("""
                model_id: bins
                roles: {id: customer_id, probability: p}
                features:
                  - {name: plan, kind: categorical}
                segments:
                  - {name: plan, column: plan}
                alert_rules: []
                """, "InPlaceSegmentCountsTest");
        Random random = new Random(9);
        int rows = 6000;
        double[] p = new double[rows];
        int[] plan = new int[rows];
        for (int i = 0; i < rows; i++) {
            int r = random.nextInt(50);
            p[i] = r == 0 ? Double.NaN : r == 1 ? Double.POSITIVE_INFINITY : random.nextInt(700) / 1000.0 + (i % 3) * 0.1;
            plan[i] = i % 3 == 2 && r < 10 ? CategoricalColumn.NULL_CODE : i % 3;
        }
        var batch = new io.modelwatch.core.data.ColumnBatch("bins", rows, new java.util.LinkedHashMap<>(java.util.Map.of(
                "p", new NumericColumn("p", p),
                "plan", new CategoricalColumn("plan", List.of("basic", "plus", "pro"), plan))),
                io.modelwatch.core.data.ParseReport.clean("bins"));
        SegmentRows segments = new SegmentRows(config, StabilityIndex.withDefaults());
        var ranked = segments.predictionBins(batch, ChunkValueRanks.ofAny(p));
        assertThat(ranked).containsExactlyEntriesOf(segments.predictionBins(batch, null));
        List<String> labels = List.of("basic", "plus", "pro", "MISSING"); // the null plans: a segment of their own
        assertThat(ranked.keySet()).containsExactly("plan=basic", "plan=plus", "plan=pro", "plan=MISSING");
        for (int s = 0; s < 4; s++) {
            int segment = s == 3 ? CategoricalColumn.NULL_CODE : s;
            double[] sorted = IntStream.range(0, rows).filter(i -> plan[i] == segment).mapToDouble(i -> p[i])
                    .filter(Double::isFinite).sorted().toArray();
            assertThat(ranked.get("plan=" + labels.get(s))).isEqualTo(PsiBins.numeric(sorted, 10));
        }
    }

    @Test
    void aReferenceColumnWithNegativeZeroIsProfiledFromItsValuesSorted(@TempDir Path dir) {
        ColumnBatch stable = PipelineFixture.batch(dir, Scenario.STABLE, 3000, 3);
        double[] age = ((NumericColumn) stable.column("account_age")).values().clone();
        for (int i = 0; i < age.length; i += 7) {
            age[i] = i % 2 == 0 ? -0.0 : 0.0;
        }
        List<Column> columns = new ArrayList<>(stable.columns().values());
        columns.replaceAll(c -> c.name().equals("account_age") ? new NumericColumn("account_age", age) : c);

        ReferenceProfile profile = MonitoringPipeline.of(PipelineFixture.CONFIG)
                .profile(ColumnBatch.of(stable.source(), columns));

        double[] finite = Arrays.stream(age).filter(Double::isFinite).toArray();
        Arrays.sort(finite); // -0.0 before 0.0, as the profile's bins must see them
        assertThat(profile.columns().get("account_age").psiBins())
                .isEqualTo(PsiBins.numeric(finite, PipelineFixture.CONFIG.drift().psiBins()));
        // the segments' profiles of the column are made too, from their rows sorted (not refused from the ranks)
        assertThat(profile.segmentColumns().values()).anySatisfy(byName -> assertThat(byName).containsKey("account_age"));
    }
}
