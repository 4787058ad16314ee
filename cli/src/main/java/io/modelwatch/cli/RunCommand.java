package io.modelwatch.cli;

import io.modelwatch.core.config.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

/** {@code monitor run}: one monitoring run on files. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Compares a current batch with the reference and writes the report folder.")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--reference", required = true, paramLabel = "REF.csv|REF.profile",
            description = "Reference data (CSV, optionally .gz, or Parquet), or its profile written by 'monitor profile' "
                    + "(then the configuration is the one stored in the profile).")
    Path reference;

    @Option(names = "--current", required = true, paramLabel = "CUR.csv", description = "Current batch (CSV, optionally .gz, or Parquet); may contain the target.")
    Path current;

    @Option(names = "--labels", paramLabel = "LABELS.csv", description = "Late labels joined by customer id: the label "
            + "file is read whole and indexed by id, the current file is still streamed and each chunk joined to it "
            + "(memory grows with the label file, not the current one).")
    Path labels;

    @Option(names = "--config", paramLabel = "monitoring.yaml", description = "Configuration; without it the schema is "
            + "inferred from the reference (or, with a profile, the profile's configuration is used). With a profile, "
            + "it must agree with the profile's roles, features and kinds, segments, drift.psi_bins and "
            + "classification_threshold, or the run is refused.")
    Path config;

    @Option(names = "--model-id", paramLabel = "ID", description = "Model id in the report (default: the configuration's model_id).")
    String modelId;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Report folder to write.")
    Path out;

    @Option(names = "--fail-on", paramLabel = "high|medium|low", description = "Exit 1 when an alert of this severity or worse fires.")
    String failOn;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Snapshot date (default: from the prediction timestamps).")
    LocalDate date;

    @Option(names = "--history", paramLabel = "HISTORY.csv",
            description = "Metric history file: earlier runs are read for anomaly detection (each metric against its "
                    + "own range, and the isolation forest over all of them from 14 earlier runs on), this run is appended.")
    Path history;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Option(names = "--in-memory", description = "Read the whole current file into memory before computing (as the "
            + "services do) instead of streaming it in chunks; the numbers are the same, memory grows with the rows. "
            + "Without it, --labels joins each streamed chunk to the labels.")
    boolean inMemory;

    @Override
    public Integer call() throws Exception {
        Severity severity = failOn == null ? null : Severity.parse(failOn);
        return MonitorRun.execute(new RunOptions(reference, current, labels, config, false, out, severity, date, history, inMemory,
                        modelId),
                new Progress(System.err, quiet), System.out);
    }
}
