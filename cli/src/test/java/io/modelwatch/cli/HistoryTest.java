package io.modelwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.core.synth.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --history}: each run is appended; a metric that leaves its own recent range raises an anomaly alert. */
class HistoryTest {

    @TempDir
    Path dir;

    @Test
    void aDayThatLeavesTheRecentRangeIsFlaggedAsAnAnomaly() throws Exception {
        Path reference = CliFixture.reference(dir, 10_000);
        Path history = dir.resolve("history.csv");
        for (int day = 0; day < 6; day++) {
            Path current = CliFixture.current(dir, Scenario.STABLE, 3_000, 100 + day);
            CliFixture.Outcome o = CliFixture.run("run", "--reference", reference.toString(), "--current",
                    current.toString(), "--out", dir.resolve("out" + day).toString(), "--history", history.toString(), "-q");
            assertThat(o.exitCode()).as(o.err()).isZero();
            assertThat(anomalies(CliFixture.snapshot(dir.resolve("out" + day)))).as("day " + day).isZero();
        }
        assertThat(Files.readAllLines(history).get(0)).isEqualTo("run_id,snapshot_date,category,name,column,segment,value");

        Path concept = CliFixture.current(dir, Scenario.SEGMENT, 3_000, 200);
        Path out = dir.resolve("out-bad");
        assertThat(CliFixture.run("run", "--reference", reference.toString(), "--current", concept.toString(),
                "--out", out.toString(), "--history", history.toString(), "-q").exitCode()).isZero();
        JsonNode snapshot = CliFixture.snapshot(out);
        assertThat(anomalies(snapshot)).isGreaterThan(0);
        boolean recallAnomaly = false;
        for (JsonNode m : snapshot.get("metrics")) {
            recallAnomaly |= m.get("category").asText().equals("anomaly")
                    && m.get("name").asText().equals("performance.recall") && m.get("status").asText().equals("breach");
        }
        assertThat(recallAnomaly).isTrue();
    }

    private static long anomalies(JsonNode snapshot) {
        long n = 0;
        for (JsonNode a : snapshot.get("alerts")) {
            if (a.get("category").asText().equals("anomaly")) {
                n++;
            }
        }
        return n;
    }
}
