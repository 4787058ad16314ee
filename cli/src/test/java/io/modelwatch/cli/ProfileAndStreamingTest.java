package io.modelwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.core.synth.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code monitor profile} + {@code run --reference REF.profile}, and the streamed run (the default) against
 * {@code --in-memory}: the same report, number for number.
 */
class ProfileAndStreamingTest {

    @TempDir
    Path dir;

    /** The snapshot without what differs between two runs of the same data (run id, inputs, times). */
    static JsonNode comparable(Path out) throws Exception {
        ObjectNode snapshot = (ObjectNode) CliFixture.snapshot(out);
        ObjectNode run = (ObjectNode) snapshot.get("run");
        for (String field : new String[] {"runId", "startedAt", "durationMs", "inputs"}) {
            run.remove(field);
        }
        return snapshot;
    }

    @Test
    void aStoredProfileGivesTheSameRunAsTheReferenceCsv() throws Exception {
        Path reference = CliFixture.reference(dir, 8_000);
        Path current = CliFixture.current(dir, Scenario.DRIFT, 3_000, 11);
        Path profile = dir.resolve("reference.profile");
        // the profile stores the configuration it is given, so the CSV run is given the same
        Path config = Path.of("..", "k8s", "base", "monitoring.yaml");
        CliFixture.Outcome made = CliFixture.run("profile", "--reference", reference.toString(), "--config",
                config.toString(), "--out", profile.toString(), "-q");
        assertThat(made.exitCode()).as(made.err()).isZero();
        assertThat(made.out()).contains("reference profile of 8,000 rows written to");
        assertThat(Files.size(profile)).isPositive();

        Path fromCsv = dir.resolve("from-csv");
        Path fromProfile = dir.resolve("from-profile");
        assertThat(CliFixture.run("run", "--reference", reference.toString(), "--current", current.toString(),
                "--config", config.toString(), "--out", fromCsv.toString(), "-q").exitCode()).isZero();
        CliFixture.Outcome o = CliFixture.run("run", "--reference", profile.toString(), "--current",
                current.toString(), "--out", fromProfile.toString(), "-q");
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).containsPattern("HIGH +psi of account_age");
        assertThat(comparable(fromProfile)).isEqualTo(comparable(fromCsv));
    }

    @Test
    void theStreamedRunEqualsTheInMemoryRun() throws Exception {
        Path reference = CliFixture.reference(dir, 8_000);
        Path current = CliFixture.current(dir, Scenario.SEGMENT, 5_000, 23);
        Path streamed = dir.resolve("streamed");
        Path inMemory = dir.resolve("in-memory");
        assertThat(CliFixture.run("run", "--reference", reference.toString(), "--current", current.toString(),
                "--out", streamed.toString(), "-q").exitCode()).isZero();
        assertThat(CliFixture.run("run", "--reference", reference.toString(), "--current", current.toString(),
                "--out", inMemory.toString(), "--in-memory", "-q").exitCode()).isZero();
        assertThat(comparable(streamed)).isEqualTo(comparable(inMemory));
        assertThat(Files.readString(streamed.resolve("alerts.csv"))).isEqualTo(Files.readString(inMemory.resolve("alerts.csv")));
    }

    @Test
    void aFileThatIsNotAProfileIsReadAsCsvAndAWrongProfileIsNamed() throws Exception {
        Path bogus = dir.resolve("bogus.profile");
        Files.write(bogus, new byte[] {0x1f, (byte) 0x8b, 1, 2, 3});
        Path current = CliFixture.current(dir, Scenario.STABLE, 100, 3);
        CliFixture.Outcome o = CliFixture.run("run", "--reference", bogus.toString(), "--current", current.toString(),
                "--out", dir.resolve("x").toString(), "-q");
        assertThat(o.exitCode()).isEqualTo(MonitorCommand.EXIT_BAD_INPUT);
        assertThat(o.err()).contains("bogus.profile");
    }
}
