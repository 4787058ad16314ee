package io.modelwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.synth.Scenario;
import io.modelwatch.core.synth.StreamingChurnGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every model brings its own schema (issue 11), on a generated table whose column names and types differ from the
 * built-in churn schema ({@link StreamingChurnGenerator}: {@code account_age} is text, {@code contract_type} a
 * number, eight features the built-in schema does not know). The run on the reference CSV and the run on its stored
 * profile decide the configuration by the same rule and give the same report, alert for alert; the services give it
 * too (e2e-tests {@code ModelsEndToEndIT}).
 */
class ModelSchemaTest {

    static final LocalDate REFERENCE_DATE = LocalDate.of(2026, 1, 5);
    static final LocalDate DAY = LocalDate.of(2026, 2, 2);

    @TempDir
    Path dir;
    Path reference;
    Path profile;

    @BeforeEach
    void referenceAndItsProfile() throws Exception {
        reference = dir.resolve("streaming-reference.csv");
        StreamingChurnGenerator.of(Scenario.STABLE, REFERENCE_DATE, "R").write(reference, 6_000, 41);
        profile = dir.resolve("streaming.profile");
        CliFixture.Outcome made = CliFixture.run("profile", "--reference", reference.toString(), "--out",
                profile.toString(), "-q");
        assertThat(made.exitCode()).as(made.err()).isZero();
        assertThat(made.out()).contains("configuration inferred from the reference");
    }

    private Path day(Scenario scenario, long seed) throws Exception {
        Path file = dir.resolve("streaming-" + scenario.name().toLowerCase() + ".csv");
        StreamingChurnGenerator.of(scenario, DAY, "C").write(file, 3_000, seed);
        return file;
    }

    private CliFixture.Outcome run(Path ref, Path current, Path out, String... extra) {
        String[] args = {"run", "--reference", ref.toString(), "--current", current.toString(), "--out", out.toString(),
                "--date", DAY.toString(), "-q"};
        String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return CliFixture.run(all);
    }

    @Test
    void aStableDayOnTheStoredProfileRaisesWhatTheCsvRunRaisesNothingHigh() throws Exception {
        Path stable = day(Scenario.STABLE, 42);
        Path fromCsv = dir.resolve("csv");
        Path fromProfile = dir.resolve("profile");
        assertThat(run(reference, stable, fromCsv).exitCode()).isZero();
        CliFixture.Outcome o = run(profile, stable, fromProfile, "--fail-on", "high");
        // before issue 11 the profile run used the built-in schema: missing features, unknown categories, 12 HIGH alerts
        assertThat(o.exitCode()).as(o.out() + o.err()).isZero();
        assertThat(ProfileAndStreamingTest.comparable(fromProfile)).isEqualTo(ProfileAndStreamingTest.comparable(fromCsv));
        assertThat(Files.readString(fromProfile.resolve("alerts.csv"))).isEqualTo(Files.readString(fromCsv.resolve("alerts.csv")));
        JsonNode snapshot = CliFixture.snapshot(fromProfile);
        assertThat(snapshot.get("alerts").findValuesAsText("severity")).doesNotContain("HIGH");
        assertThat(snapshot.get("quality").get("findings").findValuesAsText("kind"))
                .doesNotContain("missing_column", "unknown_category", "unexpected_column", "unparseable");
    }

    @Test
    void aDriftedDayGivesTheSameReportAndAlertsOnTheCsvAndOnTheProfile() throws Exception {
        Path drifted = day(Scenario.DRIFT, 43);
        Path fromCsv = dir.resolve("csv");
        Path fromProfile = dir.resolve("profile");
        Path inMemory = dir.resolve("profile-in-memory");
        assertThat(run(reference, drifted, fromCsv).exitCode()).isZero();
        assertThat(run(profile, drifted, fromProfile).exitCode()).isZero();
        assertThat(run(profile, drifted, inMemory, "--in-memory").exitCode()).isZero();

        JsonNode csv = ProfileAndStreamingTest.comparable(fromCsv);
        assertThat(ProfileAndStreamingTest.comparable(fromProfile)).isEqualTo(csv);
        assertThat(ProfileAndStreamingTest.comparable(inMemory)).isEqualTo(csv);
        assertThat(Files.readString(fromProfile.resolve("alerts.csv"))).isEqualTo(Files.readString(fromCsv.resolve("alerts.csv")));
        assertThat(Files.readString(fromProfile.resolve("metrics.csv"))).isEqualTo(Files.readString(fromCsv.resolve("metrics.csv")));
        // the drifted feature of this table alerts; target and prediction drift have rows of their own
        assertThat(csv.get("alerts").findValuesAsText("column")).contains("weekly_watch_hours");
        assertThat(csv.get("drift").get("columns").findValuesAsText("role")).contains("feature", "prediction", "target");
        assertThat(Files.readString(fromCsv.resolve("metrics.csv"))).contains(",churn_actual,").contains(",target,,,\n");
        assertThat(Files.readString(fromCsv.resolve("report.html"))).contains("target drift: churn_actual");
    }

    @Test
    void theProfilesConfigurationPrintsAsAMonitoringYamlThatReadsBackEqual() throws Exception {
        CliFixture.Outcome printed = CliFixture.run("profile", "--reference", profile.toString(), "--print-config");
        assertThat(printed.exitCode()).as(printed.err()).isZero();
        MonitoringConfig stored = ReferenceProfile.read(profile).config();
        assertThat(ConfigLoader.parse(printed.out(), "printed")).isEqualTo(stored);
        assertThat(printed.out()).contains("{name: account_age, kind: categorical, allowed_values: [")
                .contains("{name: contract_type, kind: numeric, min: 0, max: ");
        assertThat(stored.feature("account_age").orElseThrow().allowedValues())
                .containsExactlyInAnyOrder("new", "regular", "loyal");

        // the same text straight from the CSV, and given back as --config it is the same run
        CliFixture.Outcome fromCsv = CliFixture.run("profile", "--reference", reference.toString(), "--print-config", "-q");
        assertThat(ConfigLoader.parse(fromCsv.out(), "printed")).isEqualTo(stored);
        Path yaml = dir.resolve("streaming.yaml");
        Files.writeString(yaml, printed.out());
        Path drifted = day(Scenario.DRIFT, 43);
        assertThat(run(reference, drifted, dir.resolve("inferred")).exitCode()).isZero();
        assertThat(run(reference, drifted, dir.resolve("explicit"), "--config", yaml.toString()).exitCode()).isZero();
        assertThat(ProfileAndStreamingTest.comparable(dir.resolve("explicit")))
                .isEqualTo(ProfileAndStreamingTest.comparable(dir.resolve("inferred")));
    }

    @Test
    void aConfigGivenWithAProfileMustAgreeWithItsSchema() throws Exception {
        Path drifted = day(Scenario.DRIFT, 43);
        CliFixture.Outcome refused = run(profile, drifted, dir.resolve("x"), "--config",
                Path.of("..", "k8s", "base", "monitoring.yaml").toString());
        assertThat(refused.exitCode()).isEqualTo(MonitorCommand.EXIT_BAD_INPUT);
        assertThat(refused.err()).contains("monitoring.yaml does not match the configuration the reference profile was "
                + "computed with: features differ").contains("Profile the reference again");

        // thresholds may change without profiling again: a stricter dataset-drift share is applied
        String printed = CliFixture.run("profile", "--reference", profile.toString(), "--print-config").out();
        Path stricter = dir.resolve("stricter.yaml");
        Files.writeString(stricter, printed.replace("drift_share: 0.5", "drift_share: 0.1"));
        CliFixture.Outcome o = run(profile, drifted, dir.resolve("stricter"), "--config", stricter.toString(),
                "--model-id", "streaming");
        assertThat(o.exitCode()).as(o.err()).isZero();
        JsonNode snapshot = CliFixture.snapshot(dir.resolve("stricter"));
        assertThat(snapshot.get("drift").get("driftShare").asDouble()).isEqualTo(0.1);
        assertThat(snapshot.get("run").get("modelId").asText()).isEqualTo("streaming");
    }
}
