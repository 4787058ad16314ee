package io.modelwatch.support.compute;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.support.compute.SectionParts.PartCounts;
import io.modelwatch.support.compute.SectionParts.SplitSection;
import io.modelwatch.support.testing.ChurnFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run split into chunk tasks gives exactly the section of the same chunks counted in one pass (the services'
 * single path, itself tested equal to the CLI): the drifted churn day in chunks of 7 rows, tasks of one or two
 * chunks counted in a shuffled order, their bytes merged in chunk order. Compared as the JSON the
 * {@code metrics.<kind>} event carries and as the metric rows stored.
 */
class SectionPartsTest {

    private static final int CHUNK_ROWS = 7;

    @TempDir
    static Path dir;

    private static final MonitoringPipeline PIPELINE = MonitoringPipeline.of(ConfigLoader.defaults());
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static ReferenceProfile profile;
    private static List<ColumnBatch> chunks;

    @BeforeAll
    static void readDay() throws Exception {
        TableSchema schema = TableSchema.forConfig(PIPELINE.config());
        profile = PIPELINE.profile(CsvReader.withDefaults().read(ChurnFixtures.reference(dir), schema));
        chunks = new ArrayList<>();
        CsvReader.withDefaults().stream(ChurnFixtures.drifted(dir), schema, CHUNK_ROWS, chunks::add);
        assertThat(chunks).hasSizeGreaterThan(100);
    }

    @Test
    void driftOfMergedTasksIsTheSinglePassDrift() throws Exception {
        var split = merged(SectionParts.DRIFT);
        var single = singlePass(SectionParts.DRIFT);
        assertThat(JSON.writeValueAsString(split)).isEqualTo(JSON.writeValueAsString(single));
        assertThat(SectionMetrics.of(split)).isNotEmpty().isEqualTo(SectionMetrics.of(single));
    }

    @Test
    void performanceOfMergedTasksIsTheSinglePassPerformance() throws Exception {
        var split = merged(SectionParts.PERFORMANCE);
        var single = singlePass(SectionParts.PERFORMANCE);
        assertThat(JSON.writeValueAsString(split)).isEqualTo(JSON.writeValueAsString(single));
        assertThat(SectionMetrics.of(split)).isNotEmpty().isEqualTo(SectionMetrics.of(single));
    }

    @Test
    void countsOfAnotherFormatAreRefused() {
        byte[] bytes = SectionParts.toBytes(count(SectionParts.DRIFT, 0, 0));
        bytes[3] = 99;
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> SectionParts.fromBytes(SectionParts.DRIFT, PIPELINE, profile, bytes))
                .withMessageContaining("format 99");
    }

    /** Every chunk counted in one pass, as {@code SectionComputation.stream} counts a stored batch. */
    private static <S> S singlePass(SplitSection<S> section) {
        return count(section, 0, chunks.size() - 1).result(rows(0, chunks.size() - 1));
    }

    /** Tasks of one or two chunks, counted in a shuffled order, their bytes merged in chunk order. */
    private static <S> S merged(SplitSection<S> section) {
        List<int[]> ranges = new ArrayList<>();
        for (int first = 0, t = 0; first < chunks.size(); t++) {
            int last = Math.min(chunks.size() - 1, first + t % 2);
            ranges.add(new int[] {first, last});
            first = last + 1;
        }
        List<Integer> order = new ArrayList<>();
        for (int t = 0; t < ranges.size(); t++) {
            order.add(t);
        }
        Collections.shuffle(order, new Random(17));
        byte[][] parts = new byte[ranges.size()][];
        for (int t : order) {
            parts[t] = SectionParts.toBytes(count(section, ranges.get(t)[0], ranges.get(t)[1]));
        }
        return SectionParts.merge(section, PIPELINE, profile, List.of(parts), rows(0, chunks.size() - 1));
    }

    private static <S> PartCounts<S> count(SplitSection<S> section, int first, int last) {
        PartCounts<S> counts = section.start(PIPELINE, profile, chunks.get(first));
        for (int c = first; c <= last; c++) {
            counts.add(chunks.get(c));
        }
        return counts;
    }

    private static long rows(int first, int last) {
        long rows = 0;
        for (int c = first; c <= last; c++) {
            rows += chunks.get(c).rowCount();
        }
        return rows;
    }
}
