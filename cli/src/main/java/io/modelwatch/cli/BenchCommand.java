package io.modelwatch.cli;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.report.ReportFolder;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.core.run.RunInfo;
import io.modelwatch.core.run.RunResult;
import io.modelwatch.core.run.StreamingRun;
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
import java.util.concurrent.Executor;

/**
 * {@code monitor bench}: generates the benchmark data if missing, then times three stages, each in a fresh
 * JVM so that the figures include JVM start and the peak RSS is the stage's own:
 * <ul>
 *   <li>{@code parse}: read reference and current CSV into columns;</li>
 *   <li>{@code drift}: parse, profile the reference, drift tests and PSI for every column;</li>
 *   <li>{@code full}: the whole run (drift, PSI, classification, quality, segments, WoE/IV, alerts) and the
 *       report folder.</li>
 *   <li>{@code stream}: the same run with the current file streamed once ({@link StreamingRun}: memory bounded
 *       by its reservoir, not by the row count); the reference is read and profiled first. Not in the default
 *       stages; use it with {@code --current-rows 10000000}.</li>
 * </ul>
 * CPU s is the child's user + system CPU time (steadier than wall time on a shared machine).
 * Peak RSS is the kernel's {@code VmHWM} of the child process.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks parse, drift and the full run on generated data (each stage in a fresh JVM).")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--rows", defaultValue = "1000000", description = "Rows in reference and in current (default ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--current-rows", description = "Rows in current when different from --rows.")
    Integer currentRows;

    @Option(names = "--dir", defaultValue = "bench-data", description = "Where the generated files live (default ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--stages", defaultValue = "parse,drift,full", split = ",", description = "Stages to run (default ${DEFAULT-VALUE}).")
    List<String> stages;

    @Option(names = "--jvm-opts", defaultValue = "-XX:+UseParallelGC -Xms1g", description = "Options of the child JVMs (default ${DEFAULT-VALUE}).")
    String jvmOpts;

    /** A daemon thread for the reference side, outside the common pool that the column loops use. */
    private static final Executor BACKGROUND = task -> {
        Thread t = new Thread(task, "reference-side");
        t.setDaemon(true);
        t.start();
    };

    @Option(names = "--stage", hidden = true, description = "Internal: run one stage in this JVM.")
    String stage;

    @Override
    public Integer call() throws Exception {
        int cur = currentRows == null ? rows : currentRows;
        Path reference = dir.resolve("reference-" + rows + ".csv");
        Path current = dir.resolve("current-" + cur + ".csv");
        if (stage != null) {
            return runStage(stage, reference, current);
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
        long bytes = Files.size(reference) + Files.size(current);
        System.out.printf(Locale.ROOT, "ModelWatch benchmark: %,d reference + %,d current rows, %d columns, %.1f MB of CSV, %d cores%n",
                rows, cur, ChurnDataGenerator.HEADER.size(), bytes / 1e6, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-6s %12s %8s %10s %14s %10s %12s %8s%n", "stage", "rows", "columns", "wall s",
                "rows/s", "MB/s", "peak RSS MB", "CPU s");
        for (String s : stages) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>();
            cmd.add(java);
            cmd.addAll(List.of(jvmOpts.trim().split("\\s+")));
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), MonitorCommand.class.getName(), "bench",
                    "--rows", String.valueOf(rows), "--current-rows", String.valueOf(cur), "--dir", dir.toString(),
                    "--stage", s));
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String childOut = new String(p.getInputStream().readAllBytes());
            int code = p.waitFor();
            double wall = (System.nanoTime() - t0) / 1e9;
            if (code != 0) {
                System.err.println("stage " + s + " failed with exit code " + code + ": " + childOut);
                return MonitorCommand.EXIT_BAD_INPUT;
            }
            long peakKb = Long.parseLong(childOut.trim().replaceAll("(?s).*peakRssKb=(\\d+).*", "$1"));
            long cpuMs = Long.parseLong(childOut.trim().replaceAll("(?s).*cpuMs=(\\d+).*", "$1"));
            long total = (long) rows + cur;
            System.out.printf(Locale.ROOT, "%-6s %,12d %8d %10.2f %,14.0f %10.1f %12.0f %8.2f%n", s, total,
                    ChurnDataGenerator.HEADER.size(), wall, total / wall, bytes / 1e6 / wall, peakKb / 1024.0,
                    cpuMs / 1000.0);
        }
        return MonitorCommand.EXIT_OK;
    }

    /**
     * One stage in this JVM. As in {@code monitor run}, the reference is read and profiled on one thread while
     * the current file is read on another, and the reference columns are garbage once profiled.
     */
    private static int runStage(String stage, Path reference, Path current) throws IOException {
        MonitoringConfig config = ConfigLoader.defaults();
        TableSchema schema = TableSchema.forConfig(config);
        MonitoringPipeline pipeline = MonitoringPipeline.of(config);
        if (!List.of("parse", "drift", "full", "stream").contains(stage)) {
            throw new IllegalArgumentException("unknown stage '" + stage + "', expected parse, drift, full or stream");
        }
        if (stage.equals("stream")) {
            ReferenceProfile profile = pipeline.profile(CsvReader.withDefaults().read(reference, schema));
            RunResult r = StreamingRun.of(pipeline).run(new RunInfo("bench", config.modelId(), LocalDate.of(2026, 11, 27),
                    reference.toString(), current.toString(), null, Instant.now()), profile, current, schema);
            ReportFolder.write(current.resolveSibling("bench-stream-report"), r);
            printUsage();
            return MonitorCommand.EXIT_OK;
        }
        boolean profiles = !stage.equals("parse");
        CompletableFuture<ReferenceProfile> referenceSide = CompletableFuture.supplyAsync(() -> {
            ColumnBatch ref = CsvReader.withDefaults().read(reference, schema);
            return profiles ? pipeline.profile(ref) : null;
        }, BACKGROUND);
        ColumnBatch cur = CsvReader.withDefaults().read(current, schema);
        ReferenceProfile profile = referenceSide.join();
        switch (stage) {
            case "parse" -> {
            }
            case "drift" -> pipeline.drift(profile, cur);
            case "full" -> {
                RunResult r = pipeline.run(new RunInfo("bench", config.modelId(), LocalDate.of(2026, 11, 27),
                        reference.toString(), current.toString(), null, Instant.now()), profile, cur);
                ReportFolder.write(current.resolveSibling("bench-report"), r);
            }
            default -> throw new IllegalStateException(stage);
        }
        printUsage();
        return MonitorCommand.EXIT_OK;
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
