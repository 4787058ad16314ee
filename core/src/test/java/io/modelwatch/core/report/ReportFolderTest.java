package io.modelwatch.core.report;

import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.result.RunResult;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.core.run.PipelineFixture;
import io.modelwatch.core.synth.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The report folder's snapshot is made on a thread of its own while the HTML renders: the files must be exactly
 * what each renderer gives on its own, one after the other (the order of the files before the two ran side by side).
 */
class ReportFolderTest {

    @TempDir
    Path dir;

    @Test
    void theFilesAreWhatEachRendererGivesAlone() throws Exception {
        MonitoringPipeline pipeline = MonitoringPipeline.of(PipelineFixture.CONFIG);
        ReferenceProfile profile = pipeline.profile(PipelineFixture.batch(dir, Scenario.STABLE, 2000, 3));
        RunResult result = pipeline.run(PipelineFixture.info(), profile,
                PipelineFixture.batch(dir, Scenario.DRIFT, 2000, 5));

        Path out = dir.resolve("report");
        ReportFolder.write(out, result);

        assertThat(read(out, ReportFolder.SNAPSHOT)).isEqualTo(Json.pretty(result));
        assertThat(read(out, ReportFolder.REPORT)).isEqualTo(HtmlReport.render(result));
        assertThat(read(out, ReportFolder.METRICS)).isEqualTo(CsvExport.metrics(result.metrics()));
        assertThat(read(out, ReportFolder.ALERTS)).isEqualTo(CsvExport.alerts(result.alerts()));
        // the drift scenario's snapshot names its alerts: the JSON is of this result, not an empty one
        assertThat(read(out, ReportFolder.SNAPSHOT)).contains("\"runId\" : \"" + result.run().runId() + "\"");
    }

    @Test
    void theSnapshotIsWrittenWhenTheHtmlFails() {
        // no result: Jackson writes "null", the HTML view fails on the caller's thread; the snapshot is still written
        // before that error is thrown, as when the files were made one after the other
        Path out = dir.resolve("failed");
        assertThatThrownBy(() -> ReportFolder.write(out, null)).isInstanceOf(NullPointerException.class);
        assertThat(out.resolve(ReportFolder.SNAPSHOT)).hasContent("null");
        assertThat(out.resolve(ReportFolder.REPORT)).doesNotExist();
    }

    private static String read(Path dir, String file) throws Exception {
        return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
    }
}
