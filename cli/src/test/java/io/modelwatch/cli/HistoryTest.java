package io.modelwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.core.synth.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    @Test
    void theIsolationForestScoresARunOnceTheHistoryIsLongEnough() throws Exception {
        Path reference = CliFixture.reference(dir, 10_000);
        Path history = dir.resolve("history.csv");
        Path current = CliFixture.current(dir, Scenario.STABLE, 3_000, 300);
        Path first = dir.resolve("first");
        assertThat(CliFixture.run("run", "--reference", reference.toString(), "--current", current.toString(),
                "--out", first.toString(), "--history", history.toString(), "-q").exitCode()).isZero();
        JsonNode early = CliFixture.snapshot(first).get("multivariateAnomaly");
        assertThat(early.get("status").asText()).isEqualTo("not_enough_history");
        assertThat(early.get("historyRuns").asInt()).isZero();
        assertThat(early.get("score").isNull()).isTrue();
        assertThat(Files.readString(first.resolve("report.html"))).contains("Not enough history: 0 previous runs");

        // twenty earlier runs: the first run's rows, each value scaled by up to ±2 % (a deterministic pattern)
        List<String> rows = Files.readAllLines(history);
        StringBuilder twenty = new StringBuilder(rows.get(0)).append('\n');
        for (int k = 0; k < 20; k++) {
            for (int i = 1; i < rows.size(); i++) {
                String line = rows.get(i);
                int comma = line.lastIndexOf(',');
                double value = Double.parseDouble(line.substring(comma + 1)) * (1 + 0.004 * (((7 * k + 3 * i) % 11) - 5));
                twenty.append("earlier-").append(k).append(line, line.indexOf(','), comma + 1).append(value).append('\n');
            }
        }
        Files.writeString(history, twenty);

        Path out = dir.resolve("scored");
        assertThat(CliFixture.run("run", "--reference", reference.toString(), "--current", current.toString(),
                "--out", out.toString(), "--history", history.toString(), "-q").exitCode()).isZero();
        JsonNode verdict = CliFixture.snapshot(out).get("multivariateAnomaly");
        assertThat(verdict.get("status").asText()).isEqualTo("scored");
        assertThat(verdict.get("historyRuns").asInt()).isEqualTo(20);
        assertThat(verdict.get("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(verdict.get("contributors").size()).isBetween(1, 5);
        String csv = Files.readString(out.resolve("metrics.csv"));
        assertThat(csv).contains("anomaly,isolation_forest_score,,,").contains("anomaly,isolation_forest_contribution,");
        assertThat(Files.readString(out.resolve("report.html"))).contains("Anomaly across metrics (isolation forest)")
                .contains("Isolation score").contains(verdict.get("contributors").get(0).get("metric").asText());
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
