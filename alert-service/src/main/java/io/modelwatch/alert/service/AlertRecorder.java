package io.modelwatch.alert.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.alert.config.AlertSettings;
import io.modelwatch.alert.delivery.WebhookSecrets;
import io.modelwatch.alert.domain.AlertRecord;
import io.modelwatch.alert.domain.AlertState;
import io.modelwatch.alert.domain.Channel;
import io.modelwatch.alert.domain.CooldownPolicy;
import io.modelwatch.alert.domain.Decision;
import io.modelwatch.alert.domain.MonitoredModel;
import io.modelwatch.alert.domain.Notice;
import io.modelwatch.alert.domain.NoticeKind;
import io.modelwatch.alert.domain.OutboxEntry;
import io.modelwatch.alert.repository.AlertRepository;
import io.modelwatch.alert.repository.AlertStateRepository;
import io.modelwatch.alert.repository.MonitoredModelRepository;
import io.modelwatch.alert.repository.OutboxRepository;
import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.config.Severity;
import io.modelwatch.core.config.NotificationSettings;
import io.modelwatch.core.metrics.MetricRow;
import io.modelwatch.core.result.RunInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Records alerts in the alert log and decides, in the same transaction, which become notifications: the
 * {@link CooldownPolicy} against the model's open alerts, then one outbox row per configured channel. So an
 * alert and its notifications commit together or not at all, and the relay only ever sends what committed.
 * The model's row is locked first, which serialises two runs of one model and the dead-man's switch.
 *
 * <p>Where a notification goes is the model's ({@code notifications} of the configuration its run was computed
 * with), falling back to the deployment's settings key by key: its Slack webhook (named by an environment variable,
 * the row keeps the name, never the URL) and channel, and its email recipients per severity.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AlertRecorder {

    /** The dead-man's switch's alert: a metric no run computes, so any completed run resolves it. */
    public static final String DEAD_MAN_RULE = "dead_man_switch";
    public static final String DEAD_MAN_CATEGORY = "pipeline";
    public static final String DEAD_MAN_METRIC = "hours_since_last_run";

    private static final Logger LOG = Logger.getLogger(AlertRecorder.class);

    private final AlertRepository alerts;
    private final AlertStateRepository states;
    private final MonitoredModelRepository models;
    private final OutboxRepository outbox;
    private final AlertSettings settings;
    private final WebhookSecrets webhooks;
    private final ObjectMapper mapper;

    public AlertRecorder(AlertRepository alerts, AlertStateRepository states, MonitoredModelRepository models,
                         OutboxRepository outbox, AlertSettings settings, WebhookSecrets webhooks, ObjectMapper mapper) {
        this.alerts = alerts;
        this.states = states;
        this.models = models;
        this.outbox = outbox;
        this.settings = settings;
        this.webhooks = webhooks;
        this.mapper = mapper;
    }

    /**
     * A run completed: stores its alerts (one per key and severity), queues the notifications deduplication
     * lets through, and resolves the open alerts whose metric this run measured back in bounds.
     *
     * @param raised  the alerts the rules raised for the run
     * @param metrics the run's metric rows (what was measured, for resolution)
     * @return the stored alerts, in the order raised
     */
    public List<AlertRecord> recordRun(RunInfo run, List<Alert> raised, List<MetricRow> metrics, Instant at) {
        return recordRun(run, raised, metrics, at, NotificationSettings.defaults());
    }

    /**
     * {@link #recordRun(RunInfo, List, List, Instant)} with the model's own notification settings.
     *
     * @param route the model's notifications (what it leaves out is the deployment's)
     */
    public List<AlertRecord> recordRun(RunInfo run, List<Alert> raised, List<MetricRow> metrics, Instant at,
                                       NotificationSettings route) {
        Instant now = stored(at);
        models.runCompleted(run.modelId(), run.runId(), run.snapshotDate(), now, run.referenceId());
        Map<String, AlertState> byKey = states.forModel(run.modelId());
        Set<String> fired = new HashSet<>();
        List<AlertRecord> stored = storeAndNotify(run, raised, byKey, Set.of(), fired, now, route);
        Set<String> measured = measuredKeys(metrics);
        for (AlertState s : byKey.values()) {
            boolean backInBounds = measured.contains(s.alertKey) || s.alertKey.equals(deadManKey());
            if (s.open && !fired.contains(s.alertKey) && backInBounds) {
                resolve(s, run, now, route);
            }
        }
        return stored;
    }

    /**
     * The realised performance of an earlier run (its late labels matured): stores the alerts its rows raised
     * under that run, deduplicated like a run's against the model's open alerts, and queues their
     * notifications. The model's last completed run is left as it is (an old cohort says nothing about whether
     * runs still complete) and nothing is resolved (an old cohort back in bounds says nothing about today).
     * An alert already stored for the run with the same key and severity (on day 0) is not stored again.
     * Call {@link #serialise} first, in the same transaction.
     *
     * @return the stored alerts, in the order raised
     */
    public List<AlertRecord> recordRealised(RunInfo run, List<Alert> raised, Instant at, NotificationSettings route) {
        Instant now = stored(at);
        Set<String> already = new HashSet<>();
        for (AlertRecord r : alerts.forRun(run.runId())) {
            already.add(r.alertKey + "/" + r.severity);
        }
        return storeAndNotify(run, raised, states.forModel(run.modelId()), already, new HashSet<>(), now, route);
    }

    /**
     * Serialises, until the transaction ends, the decisions about one model's alerts, whether or not a run of
     * it ever completed here (a late cohort of a model this service has not seen yet).
     */
    public void serialise(String modelId) {
        models.serialise(modelId);
    }

    /**
     * Stores each alert once per key and severity (skipping those in {@code skip}) and queues the notifications
     * the cooldown lets through; {@code byKey} is updated with the newly notified states, {@code fired} with
     * the keys of the stored alerts.
     */
    private List<AlertRecord> storeAndNotify(RunInfo run, List<Alert> raised, Map<String, AlertState> byKey,
                                             Set<String> skip, Set<String> fired, Instant now, NotificationSettings route) {
        CooldownPolicy policy = CooldownPolicy.of(settings.cooldown());
        Map<String, Alert> unique = new LinkedHashMap<>();
        for (Alert a : raised) {
            String id = a.key() + "/" + a.severity();
            if (!skip.contains(id)) {
                unique.putIfAbsent(id, a);
            }
        }
        List<AlertRecord> stored = new ArrayList<>();
        for (Alert a : unique.values()) {
            fired.add(a.key());
            AlertState state = byKey.get(a.key());
            Decision decision = policy.decide(state == null ? Optional.empty() : state.openAlert(), a.severity(), now);
            AlertRecord r = store(run.runId(), run.modelId(), run.snapshotDate(), a, decision, now);
            stored.add(r);
            if (decision.notifies()) {
                byKey.put(a.key(), notified(state, run.modelId(), r, now));
                enqueue(notice(decision == Decision.ESCALATION ? NoticeKind.ESCALATION : NoticeKind.ALERT, r,
                        run.runId(), run.snapshotDate()), now, route);
            }
        }
        return stored;
    }

    /**
     * The dead-man's switch of one model: when its last run completed {@code deadline} ago or longer, a HIGH
     * alert (deduplicated like any other: one per cooldown while no run comes).
     *
     * @return the alert stored, if one was
     */
    public Optional<AlertRecord> checkDeadline(String modelId, Instant at) {
        return checkDeadline(modelId, at, reference -> NotificationSettings.defaults());
    }

    /**
     * {@link #checkDeadline(String, Instant)}, notifying where the model's last completed run would have.
     *
     * @param routes the notification settings of a reference id (that of the model's last completed run)
     */
    public Optional<AlertRecord> checkDeadline(String modelId, Instant at,
                                               java.util.function.Function<String, NotificationSettings> routes) {
        Instant now = stored(at);
        Optional<MonitoredModel> model = models.lock(modelId);
        if (model.isEmpty()) {
            return Optional.empty();
        }
        MonitoredModel m = model.get();
        Instant due = m.lastCompletedAt.plus(settings.deadMan().deadline());
        if (now.isBefore(due)) {
            return Optional.empty();
        }
        double hours = java.time.Duration.between(m.lastCompletedAt, now).toMinutes() / 60.0;
        double deadlineHours = settings.deadMan().deadline().toMinutes() / 60.0;
        String message = String.format(java.util.Locale.ROOT,
                "no run of %s has completed for %.1f h (deadline %s h after the last one: run %s of %s, completed %s)",
                modelId, hours, trim(deadlineHours), m.lastRunId, m.lastRunDate, m.lastCompletedAt);
        Alert alert = new Alert(Severity.HIGH, DEAD_MAN_RULE, DEAD_MAN_CATEGORY, DEAD_MAN_METRIC, null, null,
                hours, deadlineHours, false, message);
        AlertState state = states.find(modelId, alert.key()).orElse(null);
        Decision decision = CooldownPolicy.of(settings.cooldown())
                .decide(state == null ? Optional.empty() : state.openAlert(), alert.severity(), now);
        if (!decision.notifies()) {
            return Optional.empty();   // already said within the cooldown; no log row every check
        }
        AlertRecord r = store(null, modelId, m.lastRunDate, alert, decision, now);
        notified(state, modelId, r, now);
        Notice n = notice(NoticeKind.ALERT, r, m.lastRunId, m.lastRunDate);
        enqueue(n, now, m.lastReferenceId == null ? NotificationSettings.defaults() : routes.apply(m.lastReferenceId));
        return Optional.of(r);
    }

    /**
     * The instant as PostgreSQL keeps it (microseconds, rounded): cooldowns and deadlines compare values read
     * back from the database with this one, so both must have the same precision.
     */
    private static Instant stored(Instant at) {
        return at.plusNanos(500).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    public static String deadManKey() {
        return new Alert(Severity.HIGH, DEAD_MAN_RULE, DEAD_MAN_CATEGORY, DEAD_MAN_METRIC, null, null, null, null,
                false, "").key();
    }

    private AlertRecord store(String runId, String modelId, LocalDate date, Alert a, Decision decision, Instant now) {
        AlertRecord r = new AlertRecord();
        r.runId = runId;
        r.modelId = modelId;
        r.snapshotDate = date;
        r.alertKey = a.key();
        r.severity = a.severity().name();
        r.rule = a.rule();
        r.metricCategory = a.category();
        r.metricName = a.metric();
        r.column = a.column();
        r.segment = a.segment();
        r.metricValue = a.value() == null || a.value().isNaN() ? null : a.value();
        r.threshold = a.threshold();
        r.estimated = a.estimated();
        r.message = a.message();
        r.createdAt = now;
        r.decision = decision;
        alerts.persist(r);
        alerts.flush();   // the id goes into the idempotency keys
        LOG.infof("[%s] %s %s %s: %s", a.severity(), decision, modelId, a.key(), a.message());
        return r;
    }

    private AlertState notified(AlertState state, String modelId, AlertRecord r, Instant now) {
        AlertState s = state == null ? new AlertState() : state;
        if (state == null || !state.open) {
            s.openedAt = now;
        }
        s.modelId = modelId;
        s.alertKey = r.alertKey;
        s.severity = Severity.parse(r.severity);
        s.open = true;
        s.lastAlertId = r.id;
        s.lastNotifiedAt = now;
        s.resolvedAt = null;
        if (state == null) {
            states.persist(s);
        }
        return s;
    }

    private void resolve(AlertState s, RunInfo run, Instant now, NotificationSettings route) {
        s.open = false;
        s.resolvedAt = now;
        AlertRecord last = alerts.findById(s.lastAlertId);
        last.resolvedAt = now;
        LOG.infof("[RESOLVED] %s %s (run %s)", s.modelId, s.alertKey, run.runId());
        if (settings.resolvedNotices()) {
            enqueue(notice(NoticeKind.RESOLVED, last, run.runId(), run.snapshotDate()), now, route);
        }
    }

    /** Keys of the metric rows this run measured (a defined value): only those can be back in bounds. */
    private static Set<String> measuredKeys(List<MetricRow> metrics) {
        Set<String> keys = new HashSet<>();
        for (MetricRow m : metrics) {
            if (m.value() != null && !m.value().isNaN()) {
                keys.add(new Alert(Severity.LOW, "", m.category(), m.name(), m.column(), m.segment(), null, null,
                        false, "").key());
            }
        }
        return keys;
    }

    private Notice notice(NoticeKind kind, AlertRecord r, String runId, LocalDate runDate) {
        String reportUrl = runId == null ? null
                : settings.reportBaseUrl().replaceAll("/+$", "") + "/runs/" + runId + "/report";
        return new Notice(kind, r.id, r.modelId, runId, runDate, Severity.parse(r.severity), r.rule,
                r.metricCategory, r.metricName, r.column, r.segment, r.metricValue, r.threshold, r.estimated,
                r.message, reportUrl, r.createdAt);
    }

    /**
     * One outbox row per channel the notice goes to: Slack when the model names a webhook variable that is set here
     * (else the deployment's webhook, if any), email when the model (else the deployment) has recipients for the
     * severity.
     */
    private void enqueue(Notice notice, Instant now, NotificationSettings route) {
        String json;
        try {
            json = mapper.writeValueAsString(notice);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise notice of alert " + notice.alertId(), e);
        }
        String webhookEnv = route.slackWebhookEnv();
        if (webhookEnv != null && webhooks.url(webhookEnv).isEmpty()) {
            LOG.warnf("model %s names Slack webhook variable %s, which is not set here: the deployment's webhook is used",
                    notice.modelId(), webhookEnv);
            webhookEnv = null;
        }
        if (webhookEnv != null || settings.slack().webhookUrl().filter(u -> !u.isBlank()).isPresent()) {
            OutboxEntry slack = entry(Channel.SLACK, notice, json, null, now);
            slack.webhookEnv = webhookEnv;
            slack.slackChannel = route.slackChannel();
            outbox.persist(slack);
        }
        List<String> recipients = route.emailRecipients(notice.severity()).orElseGet(() -> recipients(notice.severity()));
        if (!recipients.isEmpty()) {
            outbox.persist(entry(Channel.EMAIL, notice, json, String.join(",", recipients), now));
        }
    }

    private List<String> recipients(Severity severity) {
        var r = settings.email().recipients();
        Optional<List<String>> list = switch (severity) {
            case HIGH -> r.high();
            case MEDIUM -> r.medium();
            case LOW -> r.low();
        };
        return list.orElse(List.of()).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static OutboxEntry entry(Channel channel, Notice notice, String json, String recipients, Instant now) {
        OutboxEntry o = new OutboxEntry();
        o.idempotencyKey = OutboxEntry.idempotencyKey(notice.kind(), notice.alertId(), channel);
        o.channel = channel;
        o.kind = notice.kind();
        o.alertId = notice.alertId();
        o.recipients = recipients;
        o.notice = json;
        o.status = OutboxEntry.Status.PENDING;
        o.createdAt = now;
        return o;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
