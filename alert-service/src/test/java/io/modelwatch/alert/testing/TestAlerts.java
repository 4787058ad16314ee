package io.modelwatch.alert.testing;

import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.config.Severity;
import io.modelwatch.core.metrics.MetricRow;
import io.modelwatch.core.result.RunInfo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

/** Alerts, runs and metric rows of a model of its own (the database is shared with other tests and runs). */
public final class TestAlerts {

    private TestAlerts() {
    }

    public static String newModel() {
        return "test-model-" + UUID.randomUUID();
    }

    public static RunInfo run(String modelId, LocalDate date) {
        return new RunInfo("run-" + UUID.randomUUID(), modelId, date, "reference.csv", date + ".csv", null,
                Instant.now());
    }

    /** A PSI alert of {@code column}, as the default rules raise it. */
    public static Alert psi(String column, Severity severity, double value, double threshold) {
        return new Alert(severity, "psi_" + severity.name().toLowerCase(Locale.ROOT), "psi", "psi", column, null,
                value, threshold, false,
                String.format(Locale.ROOT, "psi of %s is %.4f (> %s)", column, value, threshold));
    }

    /** The metric row a run measured for the PSI of {@code column}. */
    public static MetricRow psiRow(String column, double value) {
        return new MetricRow("psi", "psi", column, null, value, 0.1, value > 0.1 ? MetricRow.BREACH : MetricRow.OK);
    }
}
