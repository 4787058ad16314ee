package io.modelwatch.spark;

import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.data.InputException;
import io.modelwatch.core.report.ReportFolder;
import io.modelwatch.core.result.RunResult;
import org.apache.spark.SparkException;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * {@code spark-submit --class io.modelwatch.spark.SparkMonitorJob modelwatch-spark-job.jar --current PATH --reference
 * REF.profile --out DIR [--config monitoring.yaml] [--model-id ID] [--partitions N] [--date YYYY-MM-DD] [--publish
 * --reference-id ID [--reference-version N]]}:
 * the daily run of the CLI on Spark, for batches beyond one machine. The current file (CSV, gzip CSV or Parquet) and
 * the profile are read from any path Spark reads (local, HDFS, S3 with the cluster's connectors); the configuration
 * is the profile's own, or {@code --config} where it agrees with the profile (the CLI's rule); the report folder
 * ({@code snapshot.json},
 * {@code report.html}, {@code metrics.csv}, {@code alerts.csv}) is written on the driver's file system, with the
 * numbers of {@code monitor run --reference REF.profile --current PATH} on the same file. With {@code --publish} the
 * run is also handed to the services ({@link ServiceHandOff}), so that their alerts, history and reports have it: the
 * run names the reference as the services registered it ({@code --reference-id}; the profile must be that
 * reference's, for example {@code monitor profile} of the same file with the same configuration).
 *
 * <p>Exit codes as the CLI's: 0 the run completed, 2 bad input or configuration (the message names the file, row or
 * column).
 */
public final class SparkMonitorJob {

    public static final int EXIT_OK = 0;
    public static final int EXIT_BAD_INPUT = 2;

    private SparkMonitorJob() {
    }

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().appName("modelwatch").getOrCreate();
        int code;
        try {
            code = run(spark, System.out, System.err, args);
        } finally {
            spark.stop();
        }
        System.exit(code);
    }

    /** Runs the job on {@code spark} (which it does not stop); returns the exit code. */
    public static int run(SparkSession spark, PrintStream out, PrintStream err, String... args) {
        return run(spark, System.getenv(), out, err, args);
    }

    /** {@link #run(SparkSession, PrintStream, PrintStream, String...)} with the environment the broker is read from. */
    static int run(SparkSession spark, java.util.Map<String, String> environment, PrintStream out, PrintStream err,
                   String... args) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(Options.USAGE);
            return EXIT_BAD_INPUT;
        }
        try {
            String yaml = o.config == null ? null
                    : new String(SparkRun.readAll(o.config, spark.sparkContext().hadoopConfiguration()),
                    StandardCharsets.UTF_8);
            SparkRun.Outcome run = new SparkRun(spark).run(o.current, o.reference, yaml, o.config, o.modelId, o.partitions,
                    o.date, o.referenceId, o.referenceVersion);
            RunResult result = run.result();
            ReportFolder.write(Path.of(o.out), result);
            if (o.publish) {
                new ServiceHandOff(environment).publish(ServiceHandOff.events(run));
                out.printf(Locale.ROOT, "run %s handed to the services (metrics.drift, metrics.performance, "
                        + "metrics.quality)%n", result.run().runId());
            }
            out.printf(Locale.ROOT, "%s: %,d rows, %d alerts; report in %s%n", o.current, result.run().currentRows(),
                    result.alerts().size(), o.out);
            for (Alert a : result.alerts()) {
                out.printf(Locale.ROOT, "  %-6s %s%n", a.severity(), a.message());
            }
            return EXIT_OK;
        } catch (RuntimeException e) {
            IllegalArgumentException bad = badInput(e);
            if (bad == null) {
                throw e;
            }
            err.println("error: " + bad.getMessage());
            return EXIT_BAD_INPUT;
        }
    }

    /** The bad-input error behind a failure (a partition's InputException arrives wrapped by Spark), or null. */
    private static IllegalArgumentException badInput(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException bad) {
                return bad;
            }
            if (t instanceof java.io.UncheckedIOException io) {
                return new InputException(io.getMessage(), io);
            }
            if (t instanceof SparkException s && s.getMessage() != null && s.getMessage().contains("InputException: ")) {
                String m = s.getMessage();
                int at = m.indexOf("InputException: ") + "InputException: ".length();
                int eol = m.indexOf('\n', at);
                return new InputException(eol < 0 ? m.substring(at) : m.substring(at, eol), s);
            }
        }
        return null;
    }

    /** The command line. */
    static final class Options {
        static final String USAGE = "usage: SparkMonitorJob --current PATH --reference REF.profile --out DIR "
                + "[--config monitoring.yaml] [--model-id ID] [--partitions N] [--date YYYY-MM-DD] "
                + "[--publish --reference-id ID [--reference-version N]]";

        String current;
        String reference;
        String out;
        String config;
        String modelId;
        int partitions;
        LocalDate date;
        boolean publish;
        String referenceId;
        Integer referenceVersion;

        static Options parse(String... args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("--publish")) {
                    o.publish = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + name + " needs a value");
                }
                String value = args[++i];
                switch (name) {
                    case "--current" -> o.current = value;
                    case "--reference" -> o.reference = value;
                    case "--out" -> o.out = value;
                    case "--config" -> o.config = value;
                    case "--model-id" -> o.modelId = value;
                    case "--reference-id" -> o.referenceId = value;
                    case "--reference-version" -> {
                        try {
                            o.referenceVersion = Integer.valueOf(value);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--reference-version must be a whole number, got '"
                                    + value + "'");
                        }
                    }
                    case "--partitions" -> {
                        try {
                            o.partitions = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--partitions must be a whole number, got '" + value + "'");
                        }
                        if (o.partitions < 1) {
                            throw new IllegalArgumentException("--partitions must be at least 1, got " + value);
                        }
                    }
                    case "--date" -> {
                        try {
                            o.date = LocalDate.parse(value);
                        } catch (DateTimeParseException e) {
                            throw new IllegalArgumentException("--date must be YYYY-MM-DD, got '" + value + "'");
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            for (String[] required : new String[][] {{"--current", o.current}, {"--reference", o.reference},
                    {"--out", o.out}}) {
                if (required[1] == null) {
                    throw new IllegalArgumentException("missing " + required[0]);
                }
            }
            if (o.publish && o.referenceId == null) {
                throw new IllegalArgumentException("--publish needs --reference-id: the id under which the services "
                        + "registered this reference (POST /references), whose configuration they assemble the run with");
            }
            return o;
        }
    }
}
