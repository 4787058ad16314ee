package io.modelwatch.core.run;

import io.modelwatch.core.result.ColumnDrift;
import io.modelwatch.core.result.RunResult;

import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.config.Severity;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.synth.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch with a header and no rows, or with a column without any usable value, completes: its drift rows for such
 * columns say why no test could run, no PSI is reported for them, and a HIGH data-quality alert names the problem.
 */
class EmptyBatchTest {

    @TempDir
    static Path dir;
    static MonitoringPipeline pipeline;
    static ReferenceProfile profile;
    static List<String> stable;

    @BeforeAll
    static void setUp() throws Exception {
        pipeline = MonitoringPipeline.of(PipelineFixture.CONFIG);
        profile = pipeline.profile(PipelineFixture.batch(dir, Scenario.STABLE, 5_000, 7));
        PipelineFixture.batch(dir, Scenario.STABLE, 1_000, 3);
        stable = Files.readAllLines(dir.resolve(Scenario.STABLE + "-1000-3.csv"));
    }

    private static ColumnBatch read(String name, List<String> lines) throws Exception {
        Path file = Files.write(dir.resolve(name), lines);
        return CsvReader.withDefaults().read(file, TableSchema.forConfig(PipelineFixture.CONFIG));
    }

    @Test
    void anEmptyBatchCompletesWithAHighEmptyBatchAlert() throws Exception {
        ColumnBatch empty = read("empty.csv", List.of(stable.get(0)));
        assertThat(empty.rowCount()).isZero();

        RunResult result = pipeline.run(PipelineFixture.info(), profile, empty);

        assertThat(result.drift().columns()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.drifted()).isFalse();
            assertThat(c.error()).contains("current has no non-null values");
        });
        assertThat(result.psi()).as("no PSI without values").isEmpty();
        List<Alert> high = result.alerts().stream()
                .filter(a -> a.severity() == Severity.HIGH && "quality".equals(a.category())).toList();
        assertThat(high).anySatisfy(a -> {
            assertThat(a.metric()).isEqualTo("empty_batch");
            assertThat(a.message()).contains("empty batch").contains("no rows");
        });
        assertThat(result.alerts()).noneMatch(a -> a.metric() != null && a.metric().startsWith("psi"));
    }

    @Test
    void aColumnWithoutUsableValuesIsNotComputableAndAlerted() throws Exception {
        int idx = List.of(stable.get(0).split(",")).indexOf("monthly_charges");
        List<String> lines = new ArrayList<>();
        lines.add(stable.get(0));
        for (String row : stable.subList(1, stable.size())) {
            String[] cells = row.split(",", -1);
            cells[idx] = "n/a";
            lines.add(String.join(",", cells));
        }
        ColumnBatch batch = read("no-charges.csv", lines);

        RunResult result = pipeline.run(PipelineFixture.info(), profile, batch);

        ColumnDrift charges = result.drift().columns().stream().filter(c -> c.column().equals("monthly_charges"))
                .findFirst().orElseThrow();
        assertThat(charges.drifted()).isFalse();
        assertThat(charges.error()).contains("current has no non-null values");
        assertThat(result.psi()).noneMatch(p -> p.column().equals("monthly_charges"))
                .anyMatch(p -> p.column().equals("account_age"));
        assertThat(result.alerts()).anySatisfy(a -> {
            assertThat(a.severity()).isEqualTo(Severity.HIGH);
            assertThat(a.category()).isEqualTo("quality");
            assertThat(a.metric()).isEqualTo("no_usable_values");
            assertThat(a.column()).isEqualTo("monthly_charges");
            assertThat(a.message()).contains("no usable values in column monthly_charges");
        });
    }
}
