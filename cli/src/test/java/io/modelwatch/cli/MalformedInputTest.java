package io.modelwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.core.synth.ChurnDataGenerator;
import io.modelwatch.core.synth.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Partly bad input still produces a report whose quality section names the problem, and a HIGH alert.
 * Each test corrupts a stable day in one way.
 */
class MalformedInputTest {

    @TempDir
    static Path dir;
    static Path reference;
    static List<String> stable;
    static final List<String> HEADER = ChurnDataGenerator.HEADER;

    @BeforeAll
    static void data() throws Exception {
        reference = CliFixture.reference(dir, 3_000);
        stable = Files.readAllLines(CliFixture.current(dir, Scenario.STABLE, 1_000, 3));
    }

    /** Replaces the cell of {@code column} in data rows 1..{@code rows} (1-based) with {@code value}. */
    private static List<String> setCell(String column, int rows, String value) {
        int idx = HEADER.indexOf(column);
        List<String> out = new ArrayList<>(stable);
        for (int r = 1; r <= rows; r++) {
            String[] cells = out.get(r).split(",", -1);
            cells[idx] = value;
            out.set(r, String.join(",", cells));
        }
        return out;
    }

    private static JsonNode runOn(String name, List<String> lines) throws Exception {
        Path file = Files.write(dir.resolve(name + ".csv"), lines);
        Path out = dir.resolve("out-" + name);
        CliFixture.Outcome o = CliFixture.run("run", "--reference", reference.toString(), "--current", file.toString(),
                "--config", "../k8s/base/monitoring.yaml", "--out", out.toString(), "-q");
        assertThat(o.exitCode()).as(o.err()).isZero();
        return CliFixture.snapshot(out);
    }

    private static void assertFinding(JsonNode snapshot, String column, String text) {
        List<String> messages = new ArrayList<>();
        for (JsonNode f : snapshot.get("quality").get("findings")) {
            if (column == null || column.equals(f.path("column").asText())) {
                messages.add(f.get("message").asText());
            }
        }
        assertThat(messages).as("findings on " + column).anySatisfy(m -> assertThat(m).containsIgnoringCase(text));
        boolean alerted = false;
        for (JsonNode a : snapshot.get("alerts")) {
            alerted |= a.get("severity").asText().equals("HIGH") && a.get("category").asText().equals("quality")
                    && (column == null || column.equals(a.path("column").asText()));
        }
        assertThat(alerted).as("HIGH quality alert on " + column).isTrue();
    }

    /** A header and no rows: the run completes with a report and a HIGH "empty batch" alert (exit 1 with --fail-on high). */
    @Test
    void anEmptyFileCompletesWithAnEmptyBatchAlert() throws Exception {
        Path file = Files.write(dir.resolve("empty.csv"), List.of(stable.get(0)));
        Path out = dir.resolve("out-empty");
        CliFixture.Outcome o = CliFixture.run("run", "--reference", reference.toString(), "--current", file.toString(),
                "--config", "../k8s/base/monitoring.yaml", "--out", out.toString(), "--fail-on", "high", "-q");
        assertThat(o.exitCode()).as(o.err()).isEqualTo(MonitorCommand.EXIT_ALERT);
        assertThat(out.resolve("report.html")).exists();
        JsonNode s = CliFixture.snapshot(out);
        assertFinding(s, null, "empty batch");
        for (JsonNode c : s.get("drift").get("columns")) {
            assertThat(c.get("error").asText()).contains("no non-null values");
        }
        CliFixture.Outcome lenient = CliFixture.run("run", "--reference", reference.toString(), "--current",
                file.toString(), "--config", "../k8s/base/monitoring.yaml", "--out", dir.resolve("out-empty-2").toString(),
                "-q");
        assertThat(lenient.exitCode()).as(lenient.err()).isEqualTo(MonitorCommand.EXIT_OK);
    }

    /** A feature without a single usable value: its drift is not computable, the run completes with a HIGH alert. */
    @Test
    void aColumnWithoutUsableValuesIsReportedNotFatal() throws Exception {
        JsonNode s = runOn("no-charges", setCell("monthly_charges", stable.size() - 1, "abc"));
        assertFinding(s, "monthly_charges", "no usable values in column monthly_charges");
        for (JsonNode p : s.get("psi")) {
            assertThat(p.get("column").asText()).isNotEqualTo("monthly_charges");
        }
    }

    @Test
    void unparseableNumbersAreCountedWithTheirRows() throws Exception {
        JsonNode s = runOn("bad-number", setCell("monthly_charges", 3, "abc"));
        assertFinding(s, "monthly_charges", "abc");
    }

    @Test
    void unknownCategoriesAreReported() throws Exception {
        JsonNode s = runOn("unknown-category", setCell("contract_type", 2, "Three year"));
        assertFinding(s, "contract_type", "Three year");
    }

    @Test
    void outOfRangeValuesAreReported() throws Exception {
        JsonNode s = runOn("out-of-range", setCell("account_age", 2, "500"));
        assertFinding(s, "account_age", "120");
    }

    @Test
    void duplicateIdsAreReported() throws Exception {
        JsonNode s = runOn("duplicates", setCell("customer_id", 4, "C77"));
        assertFinding(s, "customer_id", "C77");
    }

    @Test
    void aMissingFeatureColumnIsReported() throws Exception {
        int idx = HEADER.indexOf("region");
        UnaryOperator<String> drop = l -> {
            String[] c = l.split(",", -1);
            List<String> kept = new ArrayList<>(List.of(c));
            kept.remove(idx);
            return String.join(",", kept);
        };
        JsonNode s = runOn("missing-column", stable.stream().map(drop).toList());
        assertFinding(s, "region", "missing");
    }

    @Test
    void rowsWithTheWrongNumberOfFieldsAreCountedNotDropped() throws Exception {
        List<String> lines = new ArrayList<>(stable);
        lines.set(5, lines.get(5) + ",extra,cells");
        lines.set(7, lines.get(7).substring(0, lines.get(7).lastIndexOf(',')));
        JsonNode s = runOn("malformed-rows", lines);
        assertThat(s.get("run").get("currentRows").asInt()).isEqualTo(stable.size() - 1);
        assertFinding(s, null, "field");
    }

    @Test
    void nullsAboveTheBudgetAreReported() throws Exception {
        JsonNode s = runOn("nulls", setCell("monthly_charges", 50, ""));
        assertFinding(s, "monthly_charges", "null");
    }
}
