package io.modelwatch.cli;

import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.anomaly.MetricHistory;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.config.Severity;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.metrics.MetricRow;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.core.result.RunInfo;
import io.modelwatch.core.result.RunResult;
import io.modelwatch.core.synth.ChurnDataGenerator;
import io.modelwatch.core.synth.Scenario;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code monitor bench --false-alerts}: how often the monitor cries wolf. A reference of the churn generator's
 * stable process is profiled once; then, for each batch size, {@code days} generated stable days (same process,
 * new rows, labels included) are run one after the other against it, each with the metric history of the days
 * before it (as a daily deployment runs), and the alerts are counted by severity. Nothing changed on these days,
 * so every alert is a false alert. The figures are counts, not timings: they do not depend on the machine.
 *
 * <p>Seeds: the reference uses {@code seed}; day {@code d} (1-based) of batch size {@code n} uses
 * {@code seed + 1000·d + n}, so every figure can be reproduced.
 */
final class FalseAlertBench {

    /** The generated reference's date; the days follow it. */
    private static final LocalDate REFERENCE_DATE = LocalDate.of(2026, 9, 1);

    private final MonitoringConfig config;
    private final int referenceRows;
    private final List<Integer> sizes;
    private final int days;
    private final long seed;
    private final Path dir;

    FalseAlertBench(MonitoringConfig config, int referenceRows, List<Integer> sizes, int days, long seed, Path dir) {
        if (days < 1) {
            throw new IllegalArgumentException("--days must be at least 1, got " + days);
        }
        for (int n : sizes) {
            if (n < 1) {
                throw new IllegalArgumentException("--sizes must be positive row counts, got " + n);
            }
        }
        this.config = config;
        this.referenceRows = referenceRows;
        this.sizes = List.copyOf(sizes);
        this.days = days;
        this.seed = seed;
        this.dir = dir;
    }

    /** Per batch size: alerts by severity over all days, held-back alerts, and alerts by rule. */
    record SizeResult(int rows, int days, Map<Severity, Integer> bySeverity, int heldBack, Map<String, Integer> byRule) {
        int total() {
            return bySeverity.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    List<SizeResult> run(PrintStream progress) throws IOException {
        Files.createDirectories(dir);
        MonitoringPipeline pipeline = MonitoringPipeline.of(config);
        TableSchema schema = TableSchema.forConfig(config);
        Path referenceFile = dir.resolve("false-alerts-reference-" + referenceRows + ".csv");
        ChurnDataGenerator.of(Scenario.STABLE, REFERENCE_DATE, "R").write(referenceFile, referenceRows, seed);
        ReferenceProfile profile = pipeline.profile(CsvReader.withDefaults().read(referenceFile, schema));
        Files.deleteIfExists(referenceFile);
        List<SizeResult> results = new ArrayList<>();
        for (int n : sizes) {
            Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
            for (Severity s : Severity.values()) {
                bySeverity.put(s, 0);
            }
            Map<String, Integer> byRule = new TreeMap<>();
            int held = 0;
            List<List<MetricRow>> history = new ArrayList<>();
            for (int d = 1; d <= days; d++) {
                LocalDate date = REFERENCE_DATE.plusDays(d);
                Path day = dir.resolve("false-alerts-" + n + "-day" + d + ".csv");
                ChurnDataGenerator.of(Scenario.STABLE, date, "D" + d + "N").write(day, n, seed + 1000L * d + n);
                ColumnBatch current = CsvReader.withDefaults().read(day, schema);
                Files.deleteIfExists(day);
                RunInfo info = new RunInfo("false-alerts-" + n + "-" + d, config.modelId(), date, "reference",
                        day.toString(), null, Instant.EPOCH);
                RunResult result = pipeline.run(info, profile, current,
                        MetricHistory.of(history.subList(Math.max(0, history.size() - config.anomaly().window()),
                                history.size())));
                history.add(result.metrics());
                for (Alert a : result.alerts()) {
                    progress.printf(Locale.ROOT, "  %,d rows, day %d: %s %s%n", n, d, a.severity(), a.message());
                    bySeverity.merge(a.severity(), 1, Integer::sum);
                    byRule.merge(a.rule(), 1, Integer::sum);
                }
                held += (int) result.metrics().stream().filter(r -> MetricRow.HELD.equals(r.status())).count();
            }
            SizeResult r = new SizeResult(n, days, bySeverity, held, byRule);
            results.add(r);
            progress.printf(Locale.ROOT, "%,d rows: %d alerts in %d days%n", n, r.total(), days);
        }
        return results;
    }

    /** The table the command prints (and docs/metrics.md quotes). */
    static void print(List<SizeResult> results, int referenceRows, PrintStream out) {
        out.printf(Locale.ROOT, "False alerts on generated stable days (reference: %,d stable rows)%n", referenceRows);
        out.printf(Locale.ROOT, "%10s %5s %7s %7s %7s %11s %10s%n", "rows/day", "days", "HIGH", "MEDIUM", "LOW",
                "alerts/day", "held back");
        for (SizeResult r : results) {
            out.printf(Locale.ROOT, "%10s %5d %7d %7d %7d %11.2f %10d%n", String.format(Locale.ROOT, "%,d", r.rows()),
                    r.days(), r.bySeverity().get(Severity.HIGH), r.bySeverity().get(Severity.MEDIUM),
                    r.bySeverity().get(Severity.LOW), (double) r.total() / r.days(), r.heldBack());
        }
        out.println("alerts by rule:");
        for (SizeResult r : results) {
            out.printf(Locale.ROOT, "  %,d rows: %s%n", r.rows(), r.byRule().isEmpty() ? "none" : r.byRule());
        }
    }
}
