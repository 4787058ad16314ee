package io.modelwatch.core.importance;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.FeatureSpec;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.TableSchema;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link WoeIvCounts} over chunks of a generated churn file against the whole-batch current-side WoE/IV
 * ({@link WoeIv#numericWithEdges} in the reference edges, {@link WoeIv#categorical}). The tables are functions
 * of the same integer counts, so the comparison is exact equality.
 */
class WoeIvCountsTest {

    private static final MonitoringConfig CONFIG = ConfigLoader.defaults();
    private static final TableSchema SCHEMA = TableSchema.forConfig(CONFIG);

    @TempDir
    static Path dir;

    private static Map<String, WoeIvResult> reference;

    @BeforeAll
    static void reference() {
        ColumnBatch batch = ChunkedChurnFile.generate(dir, Scenario.STABLE, 4_000, 99, Edits.NONE, SCHEMA).whole();
        int[] y = labels(batch);
        reference = new LinkedHashMap<>();
        for (FeatureSpec f : CONFIG.features()) {
            Column c = batch.column(f.name());
            reference.put(f.name(), c instanceof NumericColumn n ? WoeIv.numeric(n.values(), y)
                    : WoeIv.categorical((CategoricalColumn) c, y));
        }
    }

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of(Scenario.DRIFT, 1L, Edits.EDGES),
                Arguments.of(Scenario.SEGMENT, 2L, Edits.NONE),
                Arguments.of(Scenario.COVARIATE, 3L, Edits.HALF_LABELLED),
                Arguments.of(Scenario.CONCEPT, 4L, Edits.EDGES_AND_INFINITE_SCORES),
                Arguments.of(Scenario.STABLE, 5L, Edits.NO_LABELS));
    }

    @ParameterizedTest(name = "{0} seed {1} {2}")
    @MethodSource("files")
    void chunksAndMergesGiveTheWholeBatchTable(Scenario scenario, long seed, Edits edits) {
        ChunkedChurnFile file = ChunkedChurnFile.generate(dir, scenario, 2_500, seed, edits, SCHEMA);
        ColumnBatch whole = file.whole();
        int[] y = labels(whole);
        Map<String, WoeIvResult> expected = new LinkedHashMap<>();
        for (FeatureSpec f : CONFIG.features()) {
            Column c = whole.column(f.name());
            expected.put(f.name(), c instanceof NumericColumn n
                    ? WoeIv.numericWithEdges(reference.get(f.name()).edges(), n.values(), y)
                    : WoeIv.categorical((CategoricalColumn) c, y));
        }
        for (int chunkRows : ChunkedChurnFile.CHUNK_ROWS) {
            List<ColumnBatch> chunks = file.chunks(chunkRows);
            for (FeatureSpec f : CONFIG.features()) {
                assertThat(counted(f.name(), chunks).result()).as(f.name() + " in chunks of " + chunkRows)
                        .isEqualTo(expected.get(f.name()));
            }
        }
        List<ColumnBatch> chunks = file.chunks(7);
        int half = chunks.size() / 2;
        for (FeatureSpec f : CONFIG.features()) {
            WoeIvCounts merged = counted(f.name(), chunks.subList(0, half))
                    .merge(counted(f.name(), chunks.subList(half, chunks.size())))
                    .merge(counted(f.name(), List.of()));
            assertThat(merged.result()).as(f.name() + " merged").isEqualTo(expected.get(f.name()));
            WoeIvCounts intoEmpty = counted(f.name(), List.of()).merge(counted(f.name(), chunks));
            assertThat(intoEmpty.result()).as(f.name() + " merged into an empty one").isEqualTo(expected.get(f.name()));
        }
    }

    @Test
    void noRowsGiveTheTableOfAnEmptyBatch() {
        WoeIvResult numeric = reference.get("account_age");
        assertThat(WoeIvCounts.of(numeric).result())
                .isEqualTo(WoeIv.numericWithEdges(numeric.edges(), new double[0], new int[0]));
        WoeIvResult categorical = reference.get("contract_type");
        assertThat(WoeIvCounts.of(categorical).result())
                .isEqualTo(WoeIv.categorical(new CategoricalColumn("contract_type", List.of(), new int[0]), new int[0]));
    }

    @Test
    void aNumericChunkNeedsReferenceEdgesAndOneBinningThroughout() {
        NumericColumn numbers = new NumericColumn("x", new double[] {1, 2});
        CategoricalColumn categories = new CategoricalColumn("x", List.of("a"), new int[] {0, 0});
        assertThatThrownBy(() -> WoeIvCounts.of(reference.get("contract_type")).add(numbers, new int[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least two edges");
        WoeIvCounts counts = WoeIvCounts.of(reference.get("account_age"));
        counts.add(numbers, new int[] {0, 1});
        assertThatThrownBy(() -> counts.add(categories, new int[] {0, 1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> counts.add(numbers, new int[] {0, 2})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("y[1] = 2");
    }

    private static WoeIvCounts counted(String feature, List<ColumnBatch> chunks) {
        WoeIvCounts counts = WoeIvCounts.of(reference.get(feature));
        for (ColumnBatch chunk : chunks) {
            counts.add(chunk.column(feature), labels(chunk));
        }
        return counts;
    }

    /** Labels with the run's convention: 0 or 1, anything else -1 (no label yet). */
    private static int[] labels(ColumnBatch batch) {
        double[] target = ((NumericColumn) batch.column(CONFIG.roles().target())).values();
        int[] y = new int[target.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = target[i] == 0 ? 0 : target[i] == 1 ? 1 : -1;
        }
        return y;
    }
}
