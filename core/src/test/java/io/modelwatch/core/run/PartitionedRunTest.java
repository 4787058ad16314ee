package io.modelwatch.core.run;

import io.modelwatch.core.result.RunInfo;
import io.modelwatch.core.result.RunResult;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.quality.IdRepeats;
import io.modelwatch.core.quality.QualityAccumulator;
import io.modelwatch.core.quality.QualityReport;
import io.modelwatch.core.report.Json;
import io.modelwatch.core.synth.ChurnDataGenerator;
import io.modelwatch.core.synth.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A run split into parts (as a distributed run splits a file into partitions): each part counted on its own with rows
 * numbered from its start ({@link RunAccumulator#forPart}), sent as bytes, placed at its first row and merged in file
 * order, with the duplicate ids counted apart over all rows. The result must be the streamed run of the whole file,
 * bit for bit, whatever the cut.
 */
class PartitionedRunTest {

    private static final int ROWS = 3_000;

    @TempDir
    static Path dir;

    private static MonitoringConfig config;
    private static MonitoringPipeline pipeline;
    private static TableSchema schema;
    private static ReferenceProfile profile;
    private static Path current;
    private static RunInfo info;

    @BeforeAll
    static void data() throws Exception {
        config = ConfigLoader.defaults();
        pipeline = MonitoringPipeline.of(config);
        schema = TableSchema.forConfig(config);
        Path reference = dir.resolve("reference.csv");
        ChurnDataGenerator.of(Scenario.STABLE, LocalDate.of(2026, 9, 1), "R").write(reference, 4_000, 7);
        profile = pipeline.profile(CsvReader.withDefaults().read(reference, schema));
        Path clean = dir.resolve("clean.csv");
        ChurnDataGenerator.of(Scenario.SEGMENT, LocalDate.of(2026, 11, 27), "C").write(clean, ROWS, 11);
        current = dir.resolve("current.csv");
        Files.write(current, withBadRows(Files.readAllLines(clean)));
        info = new RunInfo("r", config.modelId(), LocalDate.of(2026, 11, 27), "ref", current.toString(), null,
                Instant.parse("2026-11-28T00:00:00Z"));
    }

    /** Every kind of finding, in several parts: repeated ids (within and across parts), bad cells, nulls, unknowns. */
    private static List<String> withBadRows(List<String> lines) {
        List<String> header = List.of(lines.get(0).split(","));
        int id = header.indexOf("customer_id");
        int age = header.indexOf("account_age");
        int probability = header.indexOf("churn_probability");
        int contract = header.indexOf("contract_type");
        List<String> out = new ArrayList<>(lines);
        for (int row = 1; row <= ROWS; row++) {
            String[] cells = out.get(row).split(",", -1);
            if (row % 997 == 0 || row == 5 || row == 2_990) {
                cells[id] = lines.get(row % 3 == 0 ? 2 : 1_400).split(",", -1)[id]; // repeats an earlier id
            }
            if (row % 611 == 0) {
                cells[age] = "n/a";
            }
            if (row % 433 == 0) {
                cells[probability] = "";
            }
            if (row % 509 == 0) {
                cells[contract] = "Weekly";
            }
            out.set(row, String.join(",", cells));
        }
        out.add(3, "too,few,fields");
        return out;
    }

    @Test
    void partsMergedInFileOrderGiveTheStreamedRunOfTheWholeFile() throws Exception {
        RunResult whole = StreamingRun.of(pipeline).withChunkRows(500).run(info, profile, current, schema);
        assertThat(whole.quality().findings()).extracting(f -> f.kind().name())
                .contains("DUPLICATE_ID", "UNPARSEABLE_CELLS", "MALFORMED_ROWS", "REQUIRED_NULLS", "UNKNOWN_CATEGORY");
        String expected = json(whole);
        // cuts: a one-row part, an empty part, parts of a few rows and of many
        for (int[] cut : new int[][] {{0, 1, 1, 700, 1_500, 2_996, ROWS + 1}, {0, ROWS + 1}, {0, 999, 1_000, ROWS + 1}}) {
            RunResult merged = partitioned(cut, 256);
            assertThat(json(merged)).as("cut %s", java.util.Arrays.toString(cut)).isEqualTo(expected);
        }
    }

    @Test
    void theCountsOfAPartNeedItsIdsCountedApart() throws Exception {
        RunAccumulator kept = new RunAccumulator(pipeline, profile);
        kept.add(CsvReader.withDefaults().read(current, schema));
        assertThatThrownBy(kept::toBytes).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("withIdsCountedApart");
        assertThatThrownBy(() -> RunAccumulator.fromBytes(pipeline, profile, new byte[] {0, 0, 0, 9}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format 9");
    }

    /**
     * The run of the file cut at these data rows ({@code cut[k]} is the first data row of part k, 0-based; the
     * malformed line counts as a row), each part its own CSV file as a partition reads it, merged on "the driver".
     */
    private static RunResult partitioned(int[] cut, int chunkRows) throws Exception {
        List<String> lines = Files.readAllLines(current);
        RunAccumulator merged = null;
        long firstRow = 0;
        List<ColumnBatch> ids = new ArrayList<>();
        for (int k = 0; k + 1 < cut.length; k++) {
            Path part = dir.resolve("part-" + k + ".csv");
            List<String> partLines = new ArrayList<>();
            partLines.add(lines.get(0));
            partLines.addAll(lines.subList(1 + cut[k], 1 + cut[k + 1]));
            Files.write(part, partLines);
            RunAccumulator counts = RunAccumulator.forPart(pipeline, profile);
            CsvReader.withDefaults().withThreads(1).stream(part, schema, chunkRows, chunk -> {
                counts.add(new ColumnBatch(current.toString(), chunk.rowCount(), chunk.columns(), chunk.parseReport()));
                ids.add(chunk);
            });
            RunAccumulator placed = RunAccumulator.fromBytes(pipeline, profile, counts.toBytes(), firstRow);
            firstRow += counts.rows();
            merged = merged == null ? placed : merged.merge(placed);
        }
        QualityReport quality = merged.quality(repeats(ids));
        return pipeline.assemble(info, profile.rows(), merged.rows(), merged.drift(), merged.performance(), quality, 0);
    }

    /** The oracle: one set over the ids of all rows in file order. */
    private static IdRepeats repeats(List<ColumnBatch> chunks) {
        Set<String> seen = new HashSet<>();
        List<IdRepeats.Repeat> first = new ArrayList<>();
        long count = 0;
        long row = 0;
        for (ColumnBatch chunk : chunks) {
            Column c = chunk.column("customer_id");
            for (int i = 0; i < c.size(); i++) {
                row++;
                if (!c.isNull(i) && !seen.add(QualityAccumulator.idText(c, i))) {
                    count++;
                    if (first.size() < QualityReport.MAX_EXAMPLES) {
                        first.add(new IdRepeats.Repeat(row, QualityAccumulator.idText(c, i)));
                    }
                }
            }
        }
        return new IdRepeats(count, first);
    }

    private static String json(RunResult r) {
        return Json.pretty(r).replaceAll("\"durationMs\" : \\d+", "\"durationMs\" : 0");
    }
}
