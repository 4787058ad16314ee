package io.modelwatch.cli;

import io.modelwatch.core.synth.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every exit code: 0 ran, 1 --fail-on matched, 2 bad input or configuration (with a message naming it). */
class ExitCodeTest {

    @TempDir
    static Path dir;
    static Path reference;
    static Path drift;

    @BeforeAll
    static void data() throws Exception {
        reference = CliFixture.reference(dir, 3_000);
        drift = CliFixture.current(dir, Scenario.DRIFT, 2_000, 5);
    }

    private static CliFixture.Outcome run(Path current, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--reference", reference.toString(),
                "--current", current.toString(), "--out", dir.resolve("out-" + System.nanoTime()).toString(), "-q"));
        args.addAll(List.of(extra));
        return CliFixture.run(args.toArray(String[]::new));
    }

    @Test
    void zeroWhenTheRunCompletesEvenWithAlerts() {
        assertThat(run(drift).exitCode()).isEqualTo(MonitorCommand.EXIT_OK);
    }

    @Test
    void oneWhenAnAlertAtTheFailOnLevelFires() {
        CliFixture.Outcome o = run(drift, "--fail-on", "high");
        assertThat(o.exitCode()).as(o.err()).isEqualTo(MonitorCommand.EXIT_ALERT);
        assertThat(o.out()).contains("HIGH");
    }

    @Test
    void zeroWhenNoAlertReachesTheFailOnLevel() throws Exception {
        Path stable = CliFixture.current(dir, Scenario.STABLE, 2_000, 9);
        assertThat(run(stable, "--fail-on", "high").exitCode()).isEqualTo(MonitorCommand.EXIT_OK);
    }

    @Test
    void twoForAMissingFileNamingIt() {
        CliFixture.Outcome o = run(dir.resolve("nope.csv"));
        assertThat(o.exitCode()).isEqualTo(MonitorCommand.EXIT_BAD_INPUT);
        assertThat(o.err()).contains("nope.csv");
    }

    @Test
    void twoForAnEmptyFileWithoutHeader() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        CliFixture.Outcome o = run(empty);
        assertThat(o.exitCode()).isEqualTo(MonitorCommand.EXIT_BAD_INPUT);
        assertThat(o.err()).contains("empty.csv").containsIgnoringCase("header");
    }

    @Test
    void twoWhenTheIdColumnIsMissing() throws Exception {
        List<String> lines = Files.readAllLines(drift);
        Path noId = dir.resolve("no-id.csv");
        Files.write(noId, lines.stream().map(l -> l.substring(l.indexOf(',') + 1)).toList());
        CliFixture.Outcome o = run(noId);
        assertThat(o.exitCode()).isEqualTo(MonitorCommand.EXIT_BAD_INPUT);
        assertThat(o.err()).contains("customer_id").contains("no-id.csv");
    }

    @Test
    void twoWhenTheProbabilityColumnIsMissing() throws Exception {
        List<String> lines = Files.readAllLines(drift);
        int idx = java.util.Arrays.asList(lines.get(0).split(",")).indexOf("churn_probability");
        Path noProbability = dir.resolve("no-probability.csv");
        Files.write(noProbability, lines.stream().map(l -> {
            List<String> cells = new java.util.ArrayList<>(List.of(l.split(",", -1)));
            cells.remove(idx);
            return String.join(",", cells);
        }).toList());
        CliFixture.Outcome o = run(noProbability);
        assertThat(o.exitCode()).isEqualTo(MonitorCommand.EXIT_BAD_INPUT);
        assertThat(o.err()).contains("churn_probability").contains("no-probability.csv");
    }

    @Test
    void twoForAConfigWithAnUnknownKeyNamingTheKey() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.yaml"), "model_id: churn\nfeaturez: []\n");
        CliFixture.Outcome o = run(drift, "--config", config.toString());
        assertThat(o.exitCode()).isEqualTo(MonitorCommand.EXIT_BAD_INPUT);
        assertThat(o.err()).contains("featurez");
    }

    @Test
    void twoForABadFailOnValue() {
        CliFixture.Outcome o = run(drift, "--fail-on", "urgent");
        assertThat(o.exitCode()).isEqualTo(MonitorCommand.EXIT_BAD_INPUT);
        assertThat(o.err()).contains("urgent");
    }

    @Test
    void twoForAnUnknownOption() {
        assertThat(CliFixture.run("run", "--bogus").exitCode()).isEqualTo(MonitorCommand.EXIT_BAD_INPUT);
    }
}
