package io.modelwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void demoPrintsAHighAlertForTheDriftedFeatureAndWritesTheReportFolder() throws Exception {
        Path out = dir.resolve("demo");
        CliFixture.Outcome o = CliFixture.run("demo", "--out", out.toString());

        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).containsPattern("HIGH +psi of account_age is");
        assertThat(o.err()).contains("reading reference").contains("writing report");
        for (String f : new String[] {"snapshot.json", "report.html", "metrics.csv", "alerts.csv"}) {
            assertThat(out.resolve(f)).exists().isNotEmptyFile();
        }
        JsonNode snapshot = CliFixture.snapshot(out);
        assertThat(snapshot.get("schemaVersion").asInt()).isEqualTo(1);
        JsonNode high = null;
        for (JsonNode a : snapshot.get("alerts")) {
            if (a.get("severity").asText().equals("HIGH") && "account_age".equals(a.path("column").asText())) {
                high = a;
            }
        }
        assertThat(high).as("HIGH alert on account_age").isNotNull();
        assertThat(high.get("value").asDouble()).isGreaterThan(0.25);
        assertThat(snapshot.get("performance").get("recall").asDouble())
                .isLessThan(snapshot.get("referencePerformance").get("recall").asDouble());
        assertThat(Files.readString(out.resolve("alerts.csv"))).startsWith("severity,rule,category,metric");
    }

    @Test
    void quietDemoWritesNoProgress() {
        CliFixture.Outcome o = CliFixture.run("demo", "--out", dir.resolve("q").toString(), "-q");
        assertThat(o.exitCode()).isZero();
        assertThat(o.err()).isEmpty();
    }
}
