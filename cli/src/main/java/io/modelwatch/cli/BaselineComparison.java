package io.modelwatch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code monitor bench --baseline-jar OLD.jar}: each selected stage run by the baseline jar and by this build in
 * fresh JVMs, alternated ({@code --pairs} times; the order of the two flips every pair, so a load that rises or falls
 * during the measurement does not favour one side), on the same generated CSV files, and both figures printed side
 * by side with their ratio: every pair, then the minimum and the median of each side.
 *
 * <p>The baseline reads the same CSV files through links in {@code DIR/baseline/} and keeps its stored profile there
 * (the profile format may differ between releases); a stage that reads a stored profile gets it made first, untimed,
 * by the side that lacks it. The {@code kernel} stage prints no process figures and is left out.
 */
final class BaselineComparison {

    private final StageRun current;
    private final StageRun baseline;
    private final int rows;
    private final int currentRows;
    private final Path config;

    BaselineComparison(StageRun current, StageRun baseline, int rows, int currentRows, Path config) {
        this.current = current;
        this.baseline = baseline;
        this.rows = rows;
        this.currentRows = currentRows;
        this.config = config;
    }

    /**
     * Compares the stages on the files of {@code dir}.
     *
     * @param fromProfile the stages that read the stored profile
     */
    void run(List<String> stages, List<String> fromProfile, Path dir, int pairs, PrintStream out)
            throws IOException, InterruptedException {
        Path baseDir = dir.resolve("baseline");
        Files.createDirectories(baseDir);
        for (String name : List.of("reference-" + rows + ".csv", "current-" + currentRows + ".csv")) {
            Path link = baseDir.resolve(name);
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, dir.resolve(name).toAbsolutePath());
            }
        }
        String profile = "reference-" + rows + ".profile";
        if (stages.stream().anyMatch(fromProfile::contains)) {
            if (!Files.exists(dir.resolve(profile))) {
                current.run("profile", rows, currentRows, dir, config);
            }
            if (!Files.exists(baseDir.resolve(profile))) {
                baseline.run("profile", rows, currentRows, baseDir, config);
            }
        }
        out.printf(Locale.ROOT, "%-7s %-6s | %-26s | %-26s | %s%n", "", "", "baseline", "this build", "baseline / this build");
        out.printf(Locale.ROOT, "%-7s %-6s | %8s %8s %8s | %8s %8s %8s | %7s %7s %7s  %s%n", "stage", "pair", "wall s", "CPU s",
                "RSS MB", "wall s", "CPU s", "RSS MB", "wall", "CPU", "RSS", "load average");
        for (String stage : stages) {
            if (stage.equals("kernel")) {
                out.println("kernel  (left out: it prints no process figures)");
                continue;
            }
            List<StageRun.Measurement> base = new ArrayList<>();
            List<StageRun.Measurement> mine = new ArrayList<>();
            for (int pair = 1; pair <= pairs; pair++) {
                String load = loadAverage();
                if (pair % 2 == 1) {
                    base.add(baseline.run(stage, rows, currentRows, baseDir, config));
                    mine.add(current.run(stage, rows, currentRows, dir, config));
                } else {
                    mine.add(current.run(stage, rows, currentRows, dir, config));
                    base.add(baseline.run(stage, rows, currentRows, baseDir, config));
                }
                print(out, stage, String.valueOf(pair), base.get(pair - 1), mine.get(pair - 1), load);
            }
            print(out, stage, "min", summary(base, false), summary(mine, false), "");
            print(out, stage, "median", summary(base, true), summary(mine, true), "");
        }
    }

    private static void print(PrintStream out, String stage, String pair, StageRun.Measurement b, StageRun.Measurement c,
                              String load) {
        out.printf(Locale.ROOT, "%-7s %-6s | %8.2f %8.2f %8.0f | %8.2f %8.2f %8.0f | %7.2f %7.2f %7.2f  %s%n", stage, pair,
                b.wallSeconds(), b.cpuSeconds(), b.peakRssMb(), c.wallSeconds(), c.cpuSeconds(), c.peakRssMb(),
                b.wallSeconds() / c.wallSeconds(), b.cpuSeconds() / c.cpuSeconds(), b.peakRssMb() / c.peakRssMb(), load);
    }

    /** The minimum or the median of each figure on its own. */
    static StageRun.Measurement summary(List<StageRun.Measurement> runs, boolean median) {
        return new StageRun.Measurement(
                pick(runs.stream().mapToDouble(StageRun.Measurement::wallSeconds).toArray(), median),
                pick(runs.stream().mapToDouble(StageRun.Measurement::cpuSeconds).toArray(), median),
                pick(runs.stream().mapToDouble(StageRun.Measurement::peakRssMb).toArray(), median), "");
    }

    /** The smallest value, or the median (the mean of the middle two for an even count). */
    static double pick(double[] values, boolean median) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (!median) {
            return sorted[0];
        }
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The first three fields of {@code /proc/loadavg}, or an empty string where there is none. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
