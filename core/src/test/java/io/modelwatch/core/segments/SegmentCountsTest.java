package io.modelwatch.core.segments;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.config.SegmentSpec;
import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.drift.CategoricalSample;
import io.modelwatch.core.drift.NumericSample;
import io.modelwatch.core.stability.PsiBins;
import io.modelwatch.core.stability.PsiResult;
import io.modelwatch.core.stability.StabilityIndex;
import io.modelwatch.core.synth.ChunkedChurnFile;
import io.modelwatch.core.synth.ChunkedChurnFile.Edits;
import io.modelwatch.core.synth.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link SegmentCounts} over chunks of a generated churn file against the whole-batch computation
 * ({@link SegmentAnalysis#of}, the label-keyed missed churners and the per-segment {@link StabilityIndex#psi}
 * of the scores, as the monitoring run computes them). All results are counts and functions of counts, so
 * every comparison is exact equality.
 */
class SegmentCountsTest {

    private static final MonitoringConfig CONFIG = ConfigLoader.defaults();
    private static final TableSchema SCHEMA = TableSchema.forConfig(CONFIG);
    private static final StabilityIndex STABILITY = StabilityIndex.withDefaults();
    private static final int EXAMPLES = 10;
    private static final int ROWS = 2_500;

    /** The configured dimensions, numbers as categories, and bands with infinite outer edges. */
    private static final List<SegmentSpec> SPECS = Stream.concat(CONFIG.segments().stream(), Stream.of(
            new SegmentSpec("products", "num_products", List.of()),
            new SegmentSpec("charges_open", "monthly_charges",
                    List.of(Double.NEGATIVE_INFINITY, 40.0, 80.0, Double.POSITIVE_INFINITY)))).toList();

    @TempDir
    static Path dir;

    /** Per-segment prediction bins of a reference file, keyed {@code dimension=segment} like the profile's. */
    private static Map<String, PsiBins> referenceBins;

    @BeforeAll
    static void reference() {
        ColumnBatch reference = ChunkedChurnFile.generate(dir, Scenario.STABLE, 4_000, 99, Edits.NONE, SCHEMA).whole();
        double[] score = ((NumericColumn) reference.column(CONFIG.roles().probability())).values();
        referenceBins = new LinkedHashMap<>();
        for (SegmentSpec spec : SPECS) {
            SegmentAnalysis.assign(spec, segmentColumn(spec, reference.column(spec.column()))).split(score)
                    .forEach((label, values) -> referenceBins.put(spec.name() + "=" + label,
                            PsiBins.numeric(NumericSample.of(values).sorted(), 10)));
        }
    }

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of(Scenario.SEGMENT, 1L, Edits.EDGES_AND_INFINITE_SCORES),
                Arguments.of(Scenario.DRIFT, 2L, Edits.EDGES),
                Arguments.of(Scenario.STABLE, 3L, Edits.NONE),
                Arguments.of(Scenario.CONCEPT, 4L, Edits.NO_LABELS),
                Arguments.of(Scenario.COVARIATE, 5L, Edits.NO_IDS),
                Arguments.of(Scenario.SEGMENT, 6L, Edits.HALF_LABELLED));
    }

    @ParameterizedTest(name = "{0} seed {1} {2}")
    @MethodSource("files")
    void chunksAndMergesGiveTheWholeBatchResult(Scenario scenario, long seed, Edits edits) {
        ChunkedChurnFile file = ChunkedChurnFile.generate(dir, scenario, ROWS, seed, edits, SCHEMA);
        ColumnBatch whole = file.whole();
        Map<SegmentSpec, Expected> expected = new LinkedHashMap<>();
        for (SegmentSpec spec : SPECS) {
            expected.put(spec, Expected.of(spec, whole));
        }
        for (int chunkRows : ChunkedChurnFile.CHUNK_ROWS) {
            List<ColumnBatch> chunks = file.chunks(chunkRows);
            for (SegmentSpec spec : SPECS) {
                expected.get(spec).assertEqualTo(counted(spec, chunks), spec + " in chunks of " + chunkRows);
            }
        }
        List<ColumnBatch> chunks = file.chunks(7);
        int third = chunks.size() / 3;
        List<ColumnBatch> small = file.chunks(1000);
        for (SegmentSpec spec : SPECS) {
            SegmentCounts merged = counted(spec, chunks.subList(0, third))
                    .merge(counted(spec, chunks.subList(third, 2 * third)))
                    .merge(counted(spec, chunks.subList(2 * third, chunks.size())));
            expected.get(spec).assertEqualTo(merged, spec + " merged from three parts");
            SegmentCounts perChunk = counted(spec, List.of());
            for (ColumnBatch chunk : small) {
                perChunk.merge(counted(spec, List.of(chunk)));
            }
            expected.get(spec).assertEqualTo(perChunk, spec + " merged chunk by chunk");
        }
    }

    @Test
    void theColumnTypeMustFitTheSpec() {
        ColumnBatch whole = ChunkedChurnFile.generate(dir, Scenario.STABLE, 50, 1, Edits.NONE, SCHEMA).whole();
        int[] none = new int[50];
        SegmentCounts banded = SegmentCounts.of(new SegmentSpec("c", "contract_type", List.of(0.0, 1.0)), Map.of(), 1);
        assertThatThrownBy(() -> banded.add(whole.column("contract_type"), none, none, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be numeric");
        SegmentCounts categorical = SegmentCounts.of(new SegmentSpec("c", "customer_id", List.of()), Map.of(), 1);
        assertThatThrownBy(() -> categorical.add(whole.column("customer_id"), none, none, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be categorical");
        int[] bad = new int[50];
        bad[3] = 2;
        SegmentCounts contract = SegmentCounts.of(SPECS.get(0), Map.of(), 1);
        assertThatThrownBy(() -> contract.add(whole.column("contract_type"), bad, none, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yTrue[3] = 2");
        assertThatThrownBy(() -> contract.merge(SegmentCounts.of(SPECS.get(1), Map.of(), 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static SegmentCounts counted(SegmentSpec spec, List<ColumnBatch> chunks) {
        SegmentCounts counts = SegmentCounts.of(spec, referenceBins, EXAMPLES);
        for (ColumnBatch chunk : chunks) {
            Outcomes o = Outcomes.of(chunk);
            counts.add(chunk.column(spec.column()), o.yTrue(), o.yPred(), o.score(),
                    o.ids() == null ? null : new StringColumn(CONFIG.roles().id(), o.ids()));
        }
        return counts;
    }

    /** The whole-batch results, computed as MonitoringPipeline.segmentRows did before the accumulator. */
    private record Expected(List<SegmentMetrics> labelled, List<SegmentMetrics> unlabelled,
                            Map<String, List<String>> missed, Map<String, Long> finite, Map<String, PsiResult> psi) {

        static Expected of(SegmentSpec spec, ColumnBatch whole) {
            Outcomes o = Outcomes.of(whole);
            Column column = segmentColumn(spec, whole.column(spec.column()));
            int[] yPredOrZero = Arrays.stream(o.yPred()).map(p -> Math.max(p, 0)).toArray();
            List<SegmentMetrics> labelled = SegmentAnalysis.of(spec, column, o.yTrue(), yPredOrZero);
            List<SegmentMetrics> unlabelled = SegmentAnalysis.of(spec, column, null, yPredOrZero);
            SegmentAnalysis.Assignment assignment = SegmentAnalysis.assign(spec, column);
            Map<String, List<String>> missed = new LinkedHashMap<>();
            int[] segmentOfRow = assignment.segmentOfRow();
            for (int i = 0; i < segmentOfRow.length && o.ids() != null; i++) {
                if (o.yTrue()[i] == 1 && o.yPred()[i] == 0 && o.ids()[i] != null) {
                    List<String> list = missed.computeIfAbsent(assignment.labels().get(segmentOfRow[i]),
                            k -> new ArrayList<>());
                    if (list.size() < EXAMPLES) {
                        list.add(o.ids()[i]);
                    }
                }
            }
            Map<String, double[]> split = assignment.split(o.score());
            Map<String, Long> finite = new LinkedHashMap<>();
            Map<String, PsiResult> psi = new LinkedHashMap<>();
            for (SegmentMetrics m : labelled) {
                double[] values = split.get(m.segment());
                finite.put(m.segment(), values == null ? 0 : NumericSample.of(values).size());
                PsiBins bins = referenceBins.get(spec.name() + "=" + m.segment());
                boolean scored = values != null && Arrays.stream(values).anyMatch(v -> !Double.isNaN(v));
                psi.put(m.segment(), bins == null || !scored ? null : STABILITY.psi(bins, values));
            }
            return new Expected(labelled, unlabelled, missed, finite, psi);
        }

        void assertEqualTo(SegmentCounts counts, String what) {
            assertThat(counts.metrics(true)).as(what).isEqualTo(labelled);
            assertThat(counts.metrics(false)).as(what).isEqualTo(unlabelled);
            for (SegmentMetrics m : labelled) {
                String segment = m.segment();
                assertThat(counts.missedChurners(segment)).as(what + " " + segment)
                        .isEqualTo(missed.getOrDefault(segment, List.of()));
                assertThat(counts.finiteScores(segment)).as(what + " " + segment).isEqualTo(finite.get(segment));
                assertThat(counts.predictionPsi(segment, STABILITY)).as(what + " " + segment)
                        .isEqualTo(psi.get(segment));
            }
        }
    }

    /** A chunk's outcomes with the monitoring run's conventions (MonitoringPipeline.outcomes). */
    private record Outcomes(int[] yTrue, int[] yPred, double[] score, String[] ids) {

        static Outcomes of(ColumnBatch batch) {
            int n = batch.rowCount();
            double[] score = ((NumericColumn) batch.column(CONFIG.roles().probability())).values();
            double[] cls = ((NumericColumn) batch.column(CONFIG.roles().predictedClass())).values();
            double[] target = ((NumericColumn) batch.column(CONFIG.roles().target())).values();
            int[] yTrue = new int[n];
            int[] yPred = new int[n];
            for (int i = 0; i < n; i++) {
                yTrue[i] = target[i] == 0 ? 0 : target[i] == 1 ? 1 : -1;
                yPred[i] = cls[i] == 0 ? 0 : cls[i] == 1 ? 1 : Double.isNaN(score[i]) ? -1
                        : score[i] >= CONFIG.classificationThreshold() ? 1 : 0;
            }
            String[] ids = batch.find(CONFIG.roles().id()).filter(StringColumn.class::isInstance)
                    .map(c -> ((StringColumn) c).values()).orElse(null);
            return new Outcomes(yTrue, yPred, score, ids);
        }
    }

    /** The run's segment column: numbers for bands, categories otherwise (numbers become labels). */
    private static Column segmentColumn(SegmentSpec spec, Column column) {
        if (spec.isBanded() || column instanceof CategoricalColumn) {
            return column;
        }
        double[] values = ((NumericColumn) column).values();
        Map<String, Integer> code = new LinkedHashMap<>();
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            codes[i] = Double.isNaN(values[i]) ? CategoricalColumn.NULL_CODE
                    : code.computeIfAbsent(CategoricalSample.numberLabel(values[i]), k -> code.size());
        }
        return new CategoricalColumn(column.name(), List.copyOf(code.keySet()), codes);
    }
}
