package io.modelwatch.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.report.Json;
import io.modelwatch.core.synth.Scenario;
import io.modelwatch.parquet.ParquetFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code monitor run} and {@code monitor profile} on Parquet files: the same table written as CSV and as Parquet
 * (by parquet-java's writer) gives the same report, and a Parquet file that cannot be read stops with exit 2
 * naming it.
 */
class ParquetInputTest {

    @TempDir
    static Path dir;

    private static Path referenceCsv;
    private static Path currentCsv;
    private static Path referenceParquet;
    private static Path currentParquet;

    @BeforeAll
    static void files() throws Exception {
        TableSchema schema = TableSchema.forConfig(ConfigLoader.defaults());
        referenceCsv = CliFixture.reference(dir, 6_000);
        currentCsv = CliFixture.current(dir, Scenario.DRIFT, 3_000, 11);
        referenceParquet = ParquetFiles.fromCsv(referenceCsv, schema, sameName(referenceCsv));
        currentParquet = ParquetFiles.fromCsv(currentCsv, schema, sameName(currentCsv));
    }

    /** The Parquet file beside a CSV file, named alike (the quality section names the file it read). */
    private static Path sameName(Path csv) {
        return csv.resolveSibling(csv.getFileName().toString().replace(".csv", ".parquet"));
    }

    /** The snapshot without the run id, times and input names, and with the file names of the batch blanked. */
    private static String comparable(Path out) throws Exception {
        ObjectNode snapshot = (ObjectNode) CliFixture.snapshot(out);
        ObjectNode run = (ObjectNode) snapshot.get("run");
        for (String field : new String[] {"runId", "startedAt", "durationMs", "inputs"}) {
            run.remove(field);
        }
        return Json.pretty(snapshot).replace(".parquet", ".csv");
    }

    @Test
    void aRunOnParquetFilesEqualsTheRunOnTheSameCsvFiles() throws Exception {
        Path fromCsv = dir.resolve("csv-run");
        Path fromParquet = dir.resolve("parquet-run");
        // without --config: the schema is inferred from the reference, in both formats
        CliFixture.Outcome csv = CliFixture.run("run", "--reference", referenceCsv.toString(), "--current",
                currentCsv.toString(), "--out", fromCsv.toString(), "-q");
        assertThat(csv.exitCode()).as(csv.err()).isZero();
        CliFixture.Outcome parquet = CliFixture.run("run", "--reference", referenceParquet.toString(), "--current",
                currentParquet.toString(), "--out", fromParquet.toString(), "-q");
        assertThat(parquet.exitCode()).as(parquet.err()).isZero();
        assertThat(parquet.out()).containsPattern("HIGH +psi of account_age");
        assertThat(comparable(fromParquet)).isEqualTo(comparable(fromCsv));
        assertThat(Files.readString(fromParquet.resolve("alerts.csv")))
                .isEqualTo(Files.readString(fromCsv.resolve("alerts.csv")));
        assertThat(Files.readString(fromParquet.resolve("metrics.csv")).replace(".parquet", ".csv"))
                .isEqualTo(Files.readString(fromCsv.resolve("metrics.csv")));
    }

    @Test
    void aProfileOfAParquetReferenceServesARunOnAParquetDay() throws Exception {
        Path csvProfile = dir.resolve("csv.profile");
        Path parquetProfile = dir.resolve("parquet.profile");
        assertThat(CliFixture.run("profile", "--reference", referenceCsv.toString(), "--out", csvProfile.toString(),
                "-q").exitCode()).isZero();
        CliFixture.Outcome made = CliFixture.run("profile", "--reference", referenceParquet.toString(), "--out",
                parquetProfile.toString(), "-q");
        assertThat(made.exitCode()).as(made.err()).isZero();
        assertThat(made.out()).contains("reference profile of 6,000 rows written to");

        Path fromCsv = dir.resolve("csv-profile-run");
        Path fromParquet = dir.resolve("parquet-profile-run");
        assertThat(CliFixture.run("run", "--reference", csvProfile.toString(), "--current", currentCsv.toString(),
                "--out", fromCsv.toString(), "-q").exitCode()).isZero();
        CliFixture.Outcome o = CliFixture.run("run", "--reference", parquetProfile.toString(), "--current",
                currentParquet.toString(), "--out", fromParquet.toString(), "-q");
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(comparable(fromParquet)).isEqualTo(comparable(fromCsv));
    }

    @Test
    void anUnreadableParquetFileStopsWithExitTwoNamingIt() throws Exception {
        byte[] whole = Files.readAllBytes(currentParquet);
        Path broken = Files.write(dir.resolve("broken.parquet"), Arrays.copyOf(whole, 200));
        CliFixture.Outcome o = CliFixture.run("run", "--reference", referenceCsv.toString(), "--current",
                broken.toString(), "--out", dir.resolve("broken-run").toString(), "-q");
        assertThat(o.exitCode()).isEqualTo(MonitorCommand.EXIT_BAD_INPUT);
        assertThat(o.err()).startsWith("error: " + broken + ": not a readable Parquet file");

        Path missing = dir.resolve("missing.parquet");
        CliFixture.Outcome p = CliFixture.run("profile", "--reference", missing.toString(), "--out",
                dir.resolve("missing.profile").toString(), "-q");
        assertThat(p.exitCode()).isEqualTo(MonitorCommand.EXIT_BAD_INPUT);
        assertThat(p.err()).contains(missing + ": no such file");
    }
}
