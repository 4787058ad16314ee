package io.modelwatch.cli;

import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.config.Severity;
import io.modelwatch.core.performance.ClassificationReport;
import io.modelwatch.core.result.ColumnDrift;
import io.modelwatch.core.result.RunResult;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;

/** The run summary printed on stdout: the verdicts first, then every alert, then where the report is. */
final class Summary {

    private Summary() {
    }

    static void print(RunResult r, Path out, PrintStream p) {
        p.printf(Locale.ROOT, "ModelWatch %s  model %s  date %s%n", r.run().runId(), r.run().modelId(), r.run().snapshotDate());
        p.printf(Locale.ROOT, "rows: reference %,d, current %,d, labelled %,d; computed in %d ms%n",
                r.run().referenceRows(), r.run().currentRows(), r.run().labelledRows(), r.run().durationMs());
        p.printf(Locale.ROOT, "drift: %d of %d features drifted (share %.2f, dataset drift %s)%n",
                r.drift().driftedCount(), r.drift().featureCount(), r.drift().share(), r.drift().datasetDrift() ? "YES" : "no");
        r.psi().stream().filter(x -> "feature".equals(x.role())).max(Comparator.comparingDouble(x -> x.value()))
                .ifPresent(x -> p.printf(Locale.ROOT, "top PSI: %s %.4f%n", x.column(), x.value()));
        r.drift().columns().stream().filter(ColumnDrift::drifted).forEach(c ->
                p.printf(Locale.ROOT, "  drifted: %-24s %-14s score %s%n", c.column(), c.method(), num(c.score())));
        ClassificationReport perf = r.performance();
        if (perf != null) {
            ClassificationReport ref = r.referencePerformance();
            p.printf(Locale.ROOT, "performance: recall %s (reference %s), precision %s, ROC AUC %s, F1 %s%n",
                    num(perf.recall()), ref == null ? "n/a" : num(ref.recall()), num(perf.precision()),
                    num(perf.rocAuc()), num(perf.f1()));
        } else {
            p.println("performance: no labels in the current batch");
        }
        if (r.concept().churnRateChange() != null) {
            p.printf(Locale.ROOT, "churn rate: %s (reference %s, change %+.1f points)%n", num(r.concept().currentChurnRate()),
                    num(r.concept().referenceChurnRate()), 100 * r.concept().churnRateChange());
        }
        if (r.estimatedPerformance() != null && r.estimatedPerformance().recall() != null) {
            var e = r.estimatedPerformance().recall();
            p.printf(Locale.ROOT, "estimated recall (from probabilities): %.4f [%s, %s]%n", e.value(), num(e.lower()),
                    num(e.upper()));
        }
        if (r.rootCause() != null) {
            p.printf(Locale.ROOT, "root cause: %s%n", r.rootCause().hypothesis());
        }
        p.printf(Locale.ROOT, "quality: %d finding(s)%n", r.quality().findings().size());
        long high = count(r, Severity.HIGH);
        long medium = count(r, Severity.MEDIUM);
        long low = count(r, Severity.LOW);
        p.printf(Locale.ROOT, "alerts: %d HIGH, %d MEDIUM, %d LOW%n", high, medium, low);
        for (Alert a : r.alerts()) {
            p.printf(Locale.ROOT, "  %-6s %s%n", a.severity(), a.message());
        }
        p.printf(Locale.ROOT, "report: %s%n", out.resolve("report.html"));
    }

    private static long count(RunResult r, Severity s) {
        return r.alerts().stream().filter(a -> a.severity() == s).count();
    }

    private static String num(Double v) {
        return v == null ? "undefined" : String.format(Locale.ROOT, "%.4f", v);
    }
}
