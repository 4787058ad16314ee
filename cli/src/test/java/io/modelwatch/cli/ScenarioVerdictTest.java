package io.modelwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.core.synth.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The verdicts a user relies on, on synthetic days with a known truth (schema inferred, no config). */
class ScenarioVerdictTest {

    @TempDir
    static Path dir;

    @Test
    void aStableDayRaisesNoHighOrMediumAlert() throws Exception {
        Path out = dir.resolve("stable");
        CliFixture.Outcome o = CliFixture.run("run", "--reference", CliFixture.reference(dir, 20_000).toString(),
                "--current", CliFixture.current(dir, Scenario.STABLE, 5_000, 21).toString(), "--out", out.toString(), "-q");
        assertThat(o.exitCode()).as(o.err()).isZero();
        List<String> severe = new ArrayList<>();
        for (JsonNode a : CliFixture.snapshot(out).get("alerts")) {
            if (!a.get("severity").asText().equals("LOW")) {
                severe.add(a.get("message").asText());
            }
        }
        assertThat(severe).as("HIGH/MEDIUM alerts on a stable day").isEmpty();
        assertThat(CliFixture.snapshot(out).get("quality").get("findings")).as("quality findings").isEmpty();
    }

    @Test
    void onADriftDayTheDriftedFeatureIsTopDrifted() throws Exception {
        Path out = dir.resolve("drift");
        CliFixture.Outcome o = CliFixture.run("run", "--reference", CliFixture.reference(dir, 20_000).toString(),
                "--current", CliFixture.current(dir, Scenario.DRIFT, 5_000, 22).toString(), "--out", out.toString(), "-q");
        assertThat(o.exitCode()).as(o.err()).isZero();
        JsonNode snapshot = CliFixture.snapshot(out);
        String topPsi = null;
        double best = -1;
        for (JsonNode p : snapshot.get("psi")) {
            if (p.get("role").asText().equals("feature") && p.get("value").asDouble() > best) {
                best = p.get("value").asDouble();
                topPsi = p.get("column").asText();
            }
        }
        assertThat(topPsi).isEqualTo("account_age");
        assertThat(best).isGreaterThan(0.25);
        String topScore = null;
        double bestScore = -1;
        for (JsonNode c : snapshot.get("drift").get("columns")) {
            if (c.get("role").asText().equals("feature") && c.get("method").asText().equals("wasserstein")
                    && c.get("score").asDouble() > bestScore) {
                bestScore = c.get("score").asDouble();
                topScore = c.get("column").asText();
            }
        }
        assertThat(topScore).isEqualTo("account_age");
    }
}
