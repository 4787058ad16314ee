package io.modelwatch.report.service;

import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.config.Severity;
import io.modelwatch.core.report.Figures;
import io.modelwatch.core.result.PsiValue;
import io.modelwatch.core.result.RunResult;
import io.modelwatch.core.result.SegmentRow;
import io.modelwatch.report.config.ReportSettings;
import io.modelwatch.report.domain.DailyDigest;
import io.modelwatch.report.domain.DailyDigest.Feature;
import io.modelwatch.report.domain.DailyDigest.Item;
import io.modelwatch.report.domain.DailyDigest.Segment;
import io.modelwatch.report.domain.DailyEmail;
import io.modelwatch.report.domain.DashboardViews.ModelSummary;
import io.modelwatch.report.domain.RunReport;
import io.modelwatch.report.repository.DailyEmailRepository;
import io.modelwatch.report.repository.DashboardQueries;
import io.modelwatch.support.notification.OutboxRow;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The daily email: once a day, at {@code modelwatch.report.daily-email.at} (05:00 UTC by default, an hour after the
 * 04:00 CronJob), one HTML message per model to the configured recipients about the previous day's run. It is
 * decided and rendered at that time and written to the {@code daily_email} outbox under the key
 * {@code daily-<model>-<day>} (unique), then sent by {@link DailyEmailRelay} through the shared mail delivery and
 * its fault tolerance: a day is queued once however often the check runs or the service restarts, and marked sent
 * in the transaction that got the SMTP server's acceptance.
 */
@ApplicationScoped
public class DailyReport {

    private static final Logger LOG = Logger.getLogger(DailyReport.class);
    static final String OK = "OK";

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance digest(DailyDigest d);
    }

    private final Dashboard dashboard;
    private final DashboardQueries queries;
    private final DailyEmailRepository outbox;
    private final DailyEmailRelay relay;
    private final ReportSettings settings;
    private final Clock clock;

    public DailyReport(Dashboard dashboard, DashboardQueries queries, DailyEmailRepository outbox,
                       DailyEmailRelay relay, ReportSettings settings, Clock clock) {
        this.dashboard = dashboard;
        this.queries = queries;
        this.outbox = outbox;
        this.relay = relay;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(identity = "daily-email", every = "${modelwatch.report.daily-email.check-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        if (queueDue(clock.instant()) > 0) {
            relay.nudge();
        }
    }

    /**
     * Queues the day's email of every model if {@code now} is at or after the day's sending time and it was not
     * queued yet; returns how many were queued by this call.
     */
    public int queueDue(Instant now) {
        ZonedDateTime local = now.atZone(settings.dailyEmail().timeZone());
        if (local.toLocalTime().isBefore(settings.dailyEmail().at())) {
            return 0;
        }
        return queue(local.toLocalDate());
    }

    /** Queues the email of {@code sendDay} for every model that has none yet; returns how many were queued. */
    public int queue(LocalDate sendDay) {
        List<String> recipients = settings.dailyEmail().recipients().orElse(List.of()).stream()
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (recipients.isEmpty()) {
            LOG.debugf("no daily email for %s: no recipients configured", sendDay);
            return 0;
        }
        int queued = 0;
        for (String model : models()) {
            String key = DailyEmail.idempotencyKey(model, sendDay);
            boolean inserted = QuarkusTransaction.requiringNew().call(() -> {
                if (outbox.byKey(key).isPresent()) {
                    return false;
                }
                DailyDigest digest = digest(model, sendDay.minusDays(settings.dailyEmail().reportedDayOffset()));
                DailyEmail e = new DailyEmail();
                e.idempotencyKey = key;
                e.modelId = model;
                e.sendDay = sendDay;
                e.reportedDate = digest.reportedDate();
                e.worstSeverity = digest.worst();
                e.recipients = String.join(",", recipients);
                e.subject = subject(digest);
                e.html = html(digest);
                e.text = text(digest);
                e.status = OutboxRow.Status.PENDING;
                e.createdAt = clock.instant();
                return outbox.insertIfAbsent(e);
            });
            if (inserted) {
                queued++;
                LOG.infof("daily email %s queued", key);
            }
        }
        return queued;
    }

    private List<String> models() {
        Set<String> out = new LinkedHashSet<>(settings.dailyEmail().models().orElse(List.of()));
        QuarkusTransaction.requiringNew().call(dashboard::models).stream().map(ModelSummary::modelId).forEach(out::add);
        return new ArrayList<>(out);
    }

    /** What the email of {@code model} says about {@code date} (read in the caller's transaction). */
    public DailyDigest digest(String model, LocalDate date) {
        String base = settings.baseUrl().replaceAll("/+$", "");
        String dashboardUrl = base + "/dashboard/" + model;
        List<RunReport> runs = queries.runsOn(model, date);
        if (runs.isEmpty()) {
            List<RunReport> before = queries.runsUpTo(model, date, 1);
            return new DailyDigest(model, date, Severity.HIGH.name(), true,
                    before.isEmpty() ? null : before.get(0).snapshotDate, null, 0, "", List.of(), List.of(),
                    List.of(), null, null, dashboardUrl, null);
        }
        RunReport run = runs.get(0);
        List<RunReport> upTo = queries.runsUpTo(model, date, 2);
        RunReport previous = upTo.size() > 1 ? upTo.get(1) : null;
        Map<String, Double> now = dashboard.metrics(run.runId);
        Map<String, Double> then = previous == null ? Map.of() : dashboard.metrics(previous.runId);
        RunResult result = dashboard.snapshot(run);

        List<Item> alerts = result.alerts().stream().map(a -> new Item(a.severity().name(), colour(a.severity()),
                a.category() + "/" + a.metric() + (a.estimated() ? " (estimated)" : ""), where(a),
                Figures.num(a.value()), Figures.num(a.threshold()), a.message(), action(a))).toList();
        String worst = result.alerts().stream().map(Alert::severity).min(Comparator.naturalOrder())
                .map(Severity::name).orElse(OK);

        Set<String> driftedColumns = new LinkedHashSet<>();
        result.drift().columns().stream().filter(c -> c.drifted()).forEach(c -> driftedColumns.add(c.column()));
        Map<String, Severity> psiAlerts = new java.util.HashMap<>();
        result.alerts().stream().filter(a -> "psi".equals(a.category()) && a.column() != null)
                .forEach(a -> psiAlerts.merge(a.column(), a.severity(), (x, y) -> x.compareTo(y) <= 0 ? x : y));
        List<Feature> drifted = result.psi().stream().filter(p -> "feature".equals(p.role()))
                .sorted(Comparator.comparingDouble(PsiValue::value).reversed()).limit(settings.dailyEmail().topFeatures())
                .map(p -> psiFeature(p, psiAlerts.get(p.column()), driftedColumns.contains(p.column()))).toList();

        List<SegmentRow> withRecall = result.segments().stream().filter(s -> s.recall() != null).toList();
        Segment best = withRecall.stream().max(Comparator.comparingDouble(SegmentRow::recall)).map(DailyReport::segment).orElse(null);
        Segment worstSegment = withRecall.stream().min(Comparator.comparingDouble(SegmentRow::recall)).map(DailyReport::segment).orElse(null);

        return new DailyDigest(model, date, worst, false, null, run.runId, run.currentRows,
                Figures.pct(run.labelCoverage), dashboard.figures(now, then, run, previous), alerts, drifted, best,
                worstSegment, dashboardUrl, base + "/runs/" + run.runId + "/report");
    }

    /** {@code [ModelWatch HIGH] churn 2024-03-01: 3 alerts (1 HIGH, 2 MEDIUM), recall 0.7012 estimated}. */
    static String subject(DailyDigest d) {
        if (d.missingRun()) {
            return "[ModelWatch " + d.worst() + "] " + d.modelId() + " " + d.reportedDate() + ": no run"
                    + (d.lastRunDate() == null ? "" : " (last run " + d.lastRunDate() + ")");
        }
        StringBuilder s = new StringBuilder("[ModelWatch " + d.worst() + "] " + d.modelId() + " " + d.reportedDate() + ": ");
        if (d.alerts().isEmpty()) {
            s.append("no alerts");
        } else {
            List<String> parts = new ArrayList<>();
            for (Severity sev : Severity.values()) {
                long n = d.count(sev.name());
                if (n > 0) {
                    parts.add(n + " " + sev.name());
                }
            }
            s.append(d.alerts().size()).append(d.alerts().size() == 1 ? " alert (" : " alerts (")
                    .append(String.join(", ", parts)).append(")");
        }
        d.figures().stream().filter(f -> f.key().equals("recall") && f.value() != null).findFirst()
                .ifPresent(f -> s.append(", recall ").append(f.text()).append(f.basis().isEmpty() ? "" : " " + f.basis()));
        return s.toString();
    }

    static String html(DailyDigest d) {
        return Templates.digest(d).render();
    }

    static String text(DailyDigest d) {
        StringBuilder s = new StringBuilder(subject(d)).append("\n\n");
        if (d.missingRun()) {
            s.append("No run of ").append(d.modelId()).append(" for ").append(d.reportedDate()).append(".");
            s.append(d.lastRunDate() == null ? " It has not run yet." : " The last run was on " + d.lastRunDate() + ".");
            s.append("\n");
        } else {
            d.figures().forEach(f -> s.append(f.label()).append(": ").append(f.text())
                    .append(f.basis().isEmpty() ? "" : " (" + f.basis() + ")")
                    .append(f.vsPrevious().isEmpty() ? "" : ", vs previous run " + f.vsPrevious())
                    .append(f.vsReference().isEmpty() ? "" : ", vs reference " + f.vsReference()).append("\n"));
            s.append("\nAlerts:\n");
            d.alerts().forEach(a -> s.append("- [").append(a.severity()).append("] ").append(a.message())
                    .append("\n  Action: ").append(a.action()).append("\n"));
            if (d.alerts().isEmpty()) {
                s.append("- none\n");
            }
            s.append("\nMost drifted features (PSI):\n");
            d.drifted().forEach(f -> s.append("- ").append(f.column()).append(": ").append(f.psi()).append(" ")
                    .append(f.status()).append("\n"));
            if (d.best() != null) {
                s.append("\nBest segment: ").append(d.best().name()).append(" (recall ").append(d.best().recall()).append(")\n");
                s.append("Needs attention: ").append(d.worstSegment().name()).append(" (recall ")
                        .append(d.worstSegment().recall()).append(")\n");
            }
            s.append("\nReport: ").append(d.reportUrl()).append("\n");
        }
        s.append("Dashboard: ").append(d.dashboardUrl()).append("\n");
        return s.toString();
    }

    /** What a person can do about an alert, by what it measured. */
    static String action(Alert a) {
        String where = a.column() != null ? a.column() : a.segment() != null ? a.segment() : "the dataset";
        return switch (a.category()) {
            case "psi", "drift" -> "Check the upstream source of " + where + ": its distribution moved against the "
                    + "reference. If the population really changed, plan a retrain on recent data.";
            case "performance", "estimated_performance" -> (a.estimated()
                    ? "Estimated before labels: watch the segments and drifted features below; the realised value "
                    + "follows when labels mature. "
                    : "") + "Review the root-cause section of the report and consider retraining.";
            case "concept" -> "The churn rate moved against the reference: check recent campaigns, pricing or "
                    + "product changes before blaming the model.";
            case "segment" -> "The model underperforms in " + where + ": compare its rows with the reference in the "
                    + "report's segment table.";
            case "quality" -> "Fix the data at its source (" + where + "); the finding names the rows.";
            case "anomaly" -> io.modelwatch.core.anomaly.MultivariateAnomalyScan.SCORE.equals(a.metric())
                    ? "Several metrics moved together: check the contributors in the report's anomaly section, then "
                    + "their trends on the dashboard."
                    : "The metric left its recent range: open its trend on the dashboard.";
            default -> "Open the run's report.";
        };
    }

    /** A feature's PSI with the severity its alert rules gave it (OK without an alert) and the drift test's verdict. */
    private static Feature psiFeature(PsiValue p, Severity alert, boolean drifted) {
        String status = alert == null ? OK : alert.name();
        return new Feature(p.column(), Figures.num(p.value()), drifted ? status + ", drifted" : status,
                alert == null ? "#2e7d32" : colour(alert));
    }

    private static Segment segment(SegmentRow s) {
        return new Segment(s.key(), Figures.num(s.recall()), String.valueOf(s.count()));
    }

    private static String where(Alert a) {
        if (a.column() != null && a.segment() != null) {
            return a.column() + " in " + a.segment();
        }
        return a.column() != null ? a.column() : a.segment() != null ? a.segment() : "dataset";
    }

    static String colour(Severity s) {
        return switch (s) {
            case HIGH -> "#d32f2f";
            case MEDIUM -> "#f9a825";
            case LOW -> "#1e88e5";
        };
    }

    /** For tests and the status page: the email of a model and day, if queued. */
    public Optional<DailyEmail> queued(String model, LocalDate sendDay) {
        return QuarkusTransaction.requiringNew().call(() -> outbox.byKey(DailyEmail.idempotencyKey(model, sendDay)));
    }
}
