package io.modelwatch.cli;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.report.ReportFolder;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.core.result.RunInfo;
import io.modelwatch.core.result.RunResult;
import io.modelwatch.core.run.StreamingRun;
import io.modelwatch.core.report.SideThread;
import io.modelwatch.core.synth.ChurnDataGenerator;
import io.modelwatch.core.synth.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * {@code monitor bench}: generates the benchmark data if missing, then times the stages, each in a fresh JVM
 * so that the figures include JVM start and the peak RSS is the stage's own:
 * <ul>
 *   <li>{@code parse}: read the reference and the current CSV whole into columns;</li>
 *   <li>{@code profile}: read the reference CSV, compute its profile and store it next to it
 *       ({@code reference-N.profile}); done once per reference, as {@code monitor profile} and the
 *       services' reference registration do;</li>
 *   <li>{@code drift}: the stored profile and the current CSV streamed once: drift tests and PSI of every column;</li>
 *   <li>{@code full}: the daily run as {@code monitor run --reference REF.profile} does it: the current CSV
 *       streamed once through every section (drift, PSI, classification, estimate, quality, segments, WoE/IV,
 *       alerts) and the report folder;</li>
 *   <li>{@code batch}: the same run with the current CSV read whole first ({@code monitor run --in-memory}, the
 *       services' way);</li>
 *   <li>{@code cold}: the same run from both CSVs read whole, the reference profiled in the run;</li>
 *   <li>{@code kernel}: the CSV parser alone on one thread: the current CSV streamed three times into columns
 *       (chunks dropped), each read's MB per CPU second of that thread, so the first is with a cold JIT.</li>
 * </ul>
 * CPU s is the child's user + system CPU time (steadier than wall time on a shared machine). Peak RSS is the
 * kernel's {@code VmHWM} of the child process. {@code rows/s} and {@code MB/s} count the CSV rows and bytes the
 * stage reads.
 *
 * <p>With {@code --baseline-jar OLD.jar} each selected stage is run by that jar and by this build alternately, in
 * fresh JVMs on the same files, and both sets of figures are printed side by side with their ratio
 * ({@link BaselineComparison}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks parse, profile, drift and the full run on generated data (each stage in a fresh JVM).")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--rows", defaultValue = "1000000", description = "Rows in reference and in current (default ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--current-rows", description = "Rows in current when different from --rows.")
    Integer currentRows;

    @Option(names = "--dir", defaultValue = "bench-data", description = "Where the generated files live (default ${DEFAULT-VALUE}).")
    Path dir;

    /** Stages that read the stored reference profile. */
    private static final List<String> FROM_PROFILE = List.of("drift", "full", "batch");
    /** Every stage, in the order they are usually run. */
    private static final List<String> ALL_STAGES = List.of("parse", "profile", "drift", "full", "batch", "cold", "kernel");

    @Option(names = "--stages", defaultValue = "parse,profile,drift,full,batch,cold,kernel", split = ",",
            description = "Stages to run: parse, profile, drift, full, batch, cold, kernel (default ${DEFAULT-VALUE}).")
    List<String> stages;

    /** The JVM options of {@code ./monitor} (less its -Xss4m, which the bench never had), so the bench measures them. */
    static final String MONITOR_JVM_OPTS = "-XX:+UseParallelGC -XX:MaxNewSize=128m";

    @Option(names = "--jvm-opts", defaultValue = MONITOR_JVM_OPTS,
            description = "Options of the child JVMs, both sides of --baseline-jar (default ${DEFAULT-VALUE}, as "
                    + "./monitor starts the CLI), before the stage's heap option.")
    String jvmOpts;

    @Option(names = "--stream-heap", defaultValue = "-Xmx768m",
            description = "Heap option of the streamed stages (drift, full, kernel), as ./monitor run sets it; the other "
                    + "stages hold whole files and keep the JVM's default heap (default ${DEFAULT-VALUE}).")
    String streamHeap;

    @Option(names = "--config", paramLabel = "monitoring.yaml",
            description = "Configuration of the runs (default: the built-in one). A stored profile is made with it too: "
                    + "delete reference-N.profile when switching.")
    Path config;

    @Option(names = "--baseline-jar", paramLabel = "OLD.jar",
            description = "Compare with this CLI jar (an earlier release's): each stage run by both in fresh JVMs, "
                    + "alternated --pairs times on the same files, figures side by side with their ratio.")
    Path baselineJar;

    @Option(names = "--pairs", defaultValue = "3",
            description = "With --baseline-jar: alternated runs of each side per stage (default ${DEFAULT-VALUE}).")
    int pairs;

    @Option(names = "--no-cds", description = "Start the child JVMs without the class-data archive of ./monitor.")
    boolean noCds;

    @Option(names = "--false-alerts", description = "Instead of timing: count the alerts on generated stable days "
            + "(--days days of each of --sizes rows against a --reference-rows reference) by severity.")
    boolean falseAlerts;

    @Option(names = "--drift-tests", description = "Instead of the stages: time each drift test of the registry on "
            + "--rows rows per side (numeric, numeric with 5 values, categorical), best of --repeats runs.")
    boolean driftTests;

    @Option(names = "--repeats", defaultValue = "3", description = "With --drift-tests: runs per test (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--sizes", defaultValue = "1000,5000,20000,100000", split = ",",
            description = "With --false-alerts: rows per day (default ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--days", defaultValue = "14", description = "With --false-alerts: days per size (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--reference-rows", defaultValue = "10000",
            description = "With --false-alerts: rows of the stable reference (default ${DEFAULT-VALUE}).")
    int referenceRows;

    @Option(names = "--seed", defaultValue = "7", description = "With --false-alerts: the reference's seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--stage", hidden = true, description = "Internal: run one stage in this JVM.")
    String stage;

    @Override
    public Integer call() throws Exception {
        if (falseAlerts) {
            MonitoringConfig runs = config == null ? ConfigLoader.defaults() : ConfigLoader.load(config);
            FalseAlertBench bench = new FalseAlertBench(runs, referenceRows, sizes, days, seed, dir);
            FalseAlertBench.print(bench.run(System.err), referenceRows, System.out);
            return MonitorCommand.EXIT_OK;
        }
        if (driftTests) {
            new DriftTestBench(rows, repeats).run(System.out);
            return MonitorCommand.EXIT_OK;
        }
        int cur = currentRows == null ? rows : currentRows;
        Path reference = dir.resolve("reference-" + rows + ".csv");
        Path current = dir.resolve("current-" + cur + ".csv");
        Path profile = dir.resolve("reference-" + rows + ".profile");
        if (stage != null) {
            return runStage(stage, config, reference, profile, current);
        }
        for (String s : stages) {
            if (!ALL_STAGES.contains(s)) {
                System.err.println("error: unknown stage '" + s + "', expected one of " + String.join(", ", ALL_STAGES));
                return MonitorCommand.EXIT_BAD_INPUT;
            }
        }
        Files.createDirectories(dir);
        if (!Files.exists(reference)) {
            System.err.printf(Locale.ROOT, "generating %,d reference rows in %s%n", rows, reference);
            ChurnDataGenerator.of(Scenario.STABLE, LocalDate.of(2026, 9, 1), "R").write(reference, rows, 7);
        }
        if (!Files.exists(current)) {
            System.err.printf(Locale.ROOT, "generating %,d current rows in %s%n", cur, current);
            ChurnDataGenerator.of(Scenario.DRIFT, LocalDate.of(2026, 11, 27), "C").write(current, cur, 11);
        }
        List<String> run = new ArrayList<>(stages);
        if (!run.contains("profile") && !Files.exists(profile) && run.stream().anyMatch(FROM_PROFILE::contains)) {
            run.add(0, "profile"); // the stored profile the daily stages read
        } else if (run.contains("profile") && run.indexOf("profile") > run.stream().filter(FROM_PROFILE::contains)
                .map(run::indexOf).min(Integer::compare).orElse(Integer.MAX_VALUE)) {
            run.remove("profile");
            run.add(0, "profile");
        }
        System.out.printf(Locale.ROOT, "ModelWatch benchmark: %,d reference + %,d current rows, %d columns, %.1f + %.1f MB of CSV, %d cores%n",
                rows, cur, ChurnDataGenerator.HEADER.size(), Files.size(reference) / 1e6, Files.size(current) / 1e6,
                Runtime.getRuntime().availableProcessors());
        java.util.Optional<Path> cds = classDataArchive();
        String classPath = System.getProperty("java.class.path");
        StageRun mine = new StageRun(classPath, jvmOpts, streamHeap, cds);
        System.out.println("child JVMs: " + jvmOpts + " (streamed stages also " + streamHeap + ")"
                + cds.map(a -> ", class-data archive " + a).orElse(", no class-data archive"));
        if (baselineJar != null) {
            if (!Files.isRegularFile(baselineJar)) {
                System.err.println("error: --baseline-jar " + baselineJar + " is not a file");
                return MonitorCommand.EXIT_BAD_INPUT;
            }
            StageRun baseline = new StageRun(baselineJar.toAbsolutePath().toString(), jvmOpts, streamHeap,
                    noCds ? java.util.Optional.empty() : StageRun.archiveNextTo(baselineJar));
            System.out.println("baseline: " + baselineJar.toAbsolutePath() + baseline.archive()
                    .map(a -> ", class-data archive " + a).orElse(", no class-data archive") + "; " + pairs
                    + " alternated pairs per stage");
            List<String> compared = new ArrayList<>(run);
            if (!stages.contains("profile")) {
                compared.remove("profile"); // a missing stored profile is made by the comparison, untimed
            }
            new BaselineComparison(mine, baseline, rows, cur, config).run(compared, FROM_PROFILE, dir, pairs, System.out);
            return MonitorCommand.EXIT_OK;
        }
        System.out.printf(Locale.ROOT, "%-7s %-22s %10s %8s %10s %14s %10s %12s %8s%n", "stage", "reads", "CSV rows",
                "columns", "wall s", "rows/s", "MB/s", "peak RSS MB", "CPU s");
        for (String s : run) {
            StageRun.Measurement m;
            try {
                m = mine.run(s, rows, cur, dir, config);
            } catch (IllegalStateException e) {
                System.err.println(e.getMessage());
                return MonitorCommand.EXIT_BAD_INPUT;
            }
            if (s.equals("kernel")) {
                System.out.println("parse kernel (current CSV, one thread, MB per CPU second of the parsing thread):"
                        + m.output().trim().replaceAll("(?s).*kernel=([^\\n]*).*", "$1"));
                continue;
            }
            double wall = m.wallSeconds();
            boolean readsReference = s.equals("parse") || s.equals("profile") || s.equals("cold");
            boolean readsCurrent = !s.equals("profile");
            long csvRows = (readsReference ? rows : 0) + (readsCurrent ? cur : 0);
            long bytes = (readsReference ? Files.size(reference) : 0) + (readsCurrent ? Files.size(current) : 0);
            String reads = s.equals("profile") ? "reference CSV" : readsReference ? "reference + current CSV"
                    : "profile + current CSV";
            System.out.printf(Locale.ROOT, "%-7s %-22s %,10d %8d %10.2f %,14.0f %10.1f %12.0f %8.2f%n", s, reads, csvRows,
                    ChurnDataGenerator.HEADER.size(), wall, csvRows / wall, bytes / 1e6 / wall, m.peakRssMb(),
                    m.cpuSeconds());
        }
        return MonitorCommand.EXIT_OK;
    }

    /**
     * One stage in this JVM. In {@code parse} and {@code cold}, as in {@code monitor run}, the reference is read
     * (and profiled) on one thread while the current file is read on another.
     */
    private static int runStage(String stage, Path configFile, Path reference, Path profileFile, Path current)
            throws IOException {
        // as in monitor run, the stored profile is decoded while the configuration is bound (both cold start-up work)
        CompletableFuture<ReferenceProfile> stored = FROM_PROFILE.contains(stage)
                ? SideThread.start("stored-profile", () -> readProfile(profileFile)) : null;
        MonitoringConfig config = configFile == null ? ConfigLoader.defaults() : ConfigLoader.load(configFile);
        TableSchema schema = TableSchema.forConfig(config);
        MonitoringPipeline pipeline = MonitoringPipeline.of(config);
        RunInfo info = new RunInfo("bench", config.modelId(), LocalDate.of(2026, 11, 27), reference.toString(),
                current.toString(), null, Instant.now());
        switch (stage) {
            case "profile" -> Files.write(profileFile,
                    pipeline.profile(CsvReader.withDefaults().read(reference, schema)).toBytes());
            case "parse", "cold" -> {
                boolean profiles = stage.equals("cold");
                CompletableFuture<ReferenceProfile> referenceSide = SideThread.start("reference-side", () -> {
                    ColumnBatch ref = CsvReader.withDefaults().read(reference, schema);
                    return profiles ? pipeline.profile(ref) : null;
                });
                ColumnBatch cur = CsvReader.withDefaults().read(current, schema);
                ReferenceProfile profile = referenceSide.join();
                if (profiles) {
                    ReportFolder.write(current.resolveSibling("bench-cold-report"), pipeline.run(info, profile, cur));
                }
            }
            case "drift" -> StreamingRun.of(pipeline).drift(SideThread.join(stored), current, schema);
            case "kernel" -> {
                java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
                StringBuilder rates = new StringBuilder();
                for (int round = 1; round <= 3; round++) {
                    long cpu0 = threads.getCurrentThreadCpuTime();
                    CsvReader.withDefaults().withThreads(1)
                            .stream(current, schema, StreamingRun.DEFAULT_CHUNK_ROWS, chunk -> { });
                    double seconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
                    rates.append(String.format(Locale.ROOT, " read %d: %.1f", round, Files.size(current) / 1e6 / seconds));
                }
                System.out.println("kernel=" + rates);
            }
            case "full" -> ReportFolder.write(current.resolveSibling("bench-report"),
                    StreamingRun.of(pipeline).run(info, SideThread.join(stored), current, schema));
            case "batch" -> {
                ColumnBatch cur = CsvReader.withDefaults().read(current, schema);
                ReportFolder.write(current.resolveSibling("bench-batch-report"), pipeline.run(info, SideThread.join(stored), cur));
            }
            default -> throw new IllegalArgumentException("unknown stage '" + stage + "', expected one of "
                    + String.join(", ", ALL_STAGES));
        }
        printUsage();
        return MonitorCommand.EXIT_OK;
    }

    /**
     * The AppCDS archive that {@code ./monitor} builds next to the jar ({@code modelwatch-cli.jsa}), unless
     * {@code --no-cds}: the children start as {@code ./monitor} does.
     */
    private java.util.Optional<Path> classDataArchive() {
        if (noCds) {
            return java.util.Optional.empty();
        }
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.endsWith("modelwatch-cli.jar")) {
                return StageRun.archiveNextTo(Path.of(entry));
            }
        }
        return java.util.Optional.empty();
    }

    private static ReferenceProfile readProfile(Path file) {
        try {
            return ReferenceProfile.fromBytes(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void printUsage() throws IOException {
        System.out.println("peakRssKb=" + peakRssKb());
        System.out.println("cpuMs=" + ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(0L));
    }

    /** Peak resident set size of this process (Linux {@code VmHWM}), 0 where unavailable. */
    static long peakRssKb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return 0;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        return 0;
    }
}
