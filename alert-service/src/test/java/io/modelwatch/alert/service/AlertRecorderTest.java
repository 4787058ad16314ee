package io.modelwatch.alert.service;

import io.modelwatch.alert.domain.AlertRecord;
import io.modelwatch.alert.domain.AlertState;
import io.modelwatch.alert.domain.Channel;
import io.modelwatch.alert.domain.Decision;
import io.modelwatch.alert.domain.NoticeKind;
import io.modelwatch.alert.domain.OutboxEntry;
import io.modelwatch.alert.repository.AlertRepository;
import io.modelwatch.alert.repository.AlertStateRepository;
import io.modelwatch.alert.repository.OutboxRepository;
import io.modelwatch.alert.testing.DeliveryProfiles;
import io.modelwatch.support.testing.FakeSmtp;
import io.modelwatch.alert.testing.TestAlerts;
import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.config.Severity;
import io.modelwatch.core.config.NotificationSettings;
import io.modelwatch.core.metrics.MetricRow;
import io.modelwatch.core.result.RunInfo;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deduplication against the database: the alert log, the deduplication state and the outbox rows that one
 * run after another leave behind (default cooldown of 24 h; email recipients for every severity, so each
 * notification is one EMAIL outbox row).
 */
@QuarkusTest
@TestProfile(DeliveryProfiles.Mail.class)
@WithTestResource(FakeSmtp.class)
class AlertRecorderTest {

    private static final Instant T0 = Instant.parse("2030-01-01T06:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2030-01-01");

    @Inject
    AlertRecorder recorder;
    @Inject
    AlertRepository alerts;
    @Inject
    AlertStateRepository states;
    @Inject
    OutboxRepository outbox;

    private List<AlertRecord> record(RunInfo run, List<Alert> raised, List<MetricRow> measured, Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> recorder.recordRun(run, raised, measured, now));
    }

    private List<OutboxEntry> outboxOf(AlertRecord r) {
        return QuarkusTransaction.requiringNew().call(() -> outbox.forAlert(r.id));
    }

    private AlertState state(String model, Alert a) {
        return QuarkusTransaction.requiringNew().call(() -> states.find(model, a.key()).orElseThrow());
    }

    @Test
    void theFirstAlertIsNewAndQueuedWithAnIdempotencyKey() {
        String model = TestAlerts.newModel();
        Alert high = TestAlerts.psi("account_age", Severity.HIGH, 0.41, 0.25);
        AlertRecord r = record(TestAlerts.run(model, DAY), List.of(high), List.of(TestAlerts.psiRow("account_age", 0.41)), T0).get(0);

        assertThat(r.decision).isEqualTo(Decision.NEW);
        List<OutboxEntry> rows = outboxOf(r);
        assertThat(rows).singleElement().satisfies(o -> {
            assertThat(o.channel).isEqualTo(Channel.EMAIL);
            assertThat(o.kind).isEqualTo(NoticeKind.ALERT);
            assertThat(o.idempotencyKey).isEqualTo("alert-" + r.id + "-email");
            assertThat(o.recipients).isEqualTo(DeliveryProfiles.HIGH_RECIPIENTS);
        });
    }

    @Test
    void theSameKeyAndSeverityWithinTheCooldownIsOneAlert() {
        String model = TestAlerts.newModel();
        Alert high = TestAlerts.psi("account_age", Severity.HIGH, 0.41, 0.25);
        List<MetricRow> rows = List.of(TestAlerts.psiRow("account_age", 0.41));
        AlertRecord first = record(TestAlerts.run(model, DAY), List.of(high), rows, T0).get(0);
        AlertRecord second = record(TestAlerts.run(model, DAY.plusDays(1)), List.of(high), rows, T0.plus(Duration.ofHours(23))).get(0);

        assertThat(second.decision).isEqualTo(Decision.REPEAT);
        assertThat(outboxOf(second)).as("a repeat is logged, not notified").isEmpty();
        assertThat(state(model, high).lastAlertId).isEqualTo(first.id);
        assertThat(state(model, high).lastNotifiedAt).isEqualTo(T0);
    }

    @Test
    void afterTheCooldownTheSameAlertIsNotifiedAgain() {
        String model = TestAlerts.newModel();
        Alert medium = TestAlerts.psi("tenure", Severity.MEDIUM, 0.2, 0.1);
        List<MetricRow> rows = List.of(TestAlerts.psiRow("tenure", 0.2));
        record(TestAlerts.run(model, DAY), List.of(medium), rows, T0);
        AlertRecord later = record(TestAlerts.run(model, DAY.plusDays(1)), List.of(medium), rows, T0.plus(Duration.ofHours(24))).get(0);

        assertThat(later.decision).isEqualTo(Decision.NEW);
        assertThat(outboxOf(later)).extracting(o -> o.recipients).containsExactly(DeliveryProfiles.MEDIUM_RECIPIENTS);
    }

    @Test
    void anEscalationFromMediumToHighIsANewAlertWithinTheCooldown() {
        String model = TestAlerts.newModel();
        Alert medium = TestAlerts.psi("account_age", Severity.MEDIUM, 0.2, 0.1);
        Alert high = TestAlerts.psi("account_age", Severity.HIGH, 0.41, 0.25);
        record(TestAlerts.run(model, DAY), List.of(medium), List.of(TestAlerts.psiRow("account_age", 0.2)), T0);
        AlertRecord escalated = record(TestAlerts.run(model, DAY.plusDays(1)), List.of(high),
                List.of(TestAlerts.psiRow("account_age", 0.41)), T0.plus(Duration.ofHours(2))).get(0);

        assertThat(escalated.decision).isEqualTo(Decision.ESCALATION);
        assertThat(outboxOf(escalated)).singleElement().satisfies(o -> {
            assertThat(o.kind).isEqualTo(NoticeKind.ESCALATION);
            assertThat(o.idempotencyKey).isEqualTo("escalation-" + escalated.id + "-email");
            assertThat(o.recipients).isEqualTo(DeliveryProfiles.HIGH_RECIPIENTS);
        });
        assertThat(state(model, high).severity).isEqualTo(Severity.HIGH);

        // back to MEDIUM the next hour: covered by the HIGH alert just sent
        AlertRecord lower = record(TestAlerts.run(model, DAY.plusDays(2)), List.of(medium),
                List.of(TestAlerts.psiRow("account_age", 0.2)), T0.plus(Duration.ofHours(3))).get(0);
        assertThat(lower.decision).isEqualTo(Decision.REPEAT);
        assertThat(outboxOf(lower)).isEmpty();
    }

    @Test
    void aMetricMeasuredBackInBoundsResolvesItsAlertWithANotice() {
        String model = TestAlerts.newModel();
        Alert high = TestAlerts.psi("account_age", Severity.HIGH, 0.41, 0.25);
        AlertRecord raised = record(TestAlerts.run(model, DAY), List.of(high),
                List.of(TestAlerts.psiRow("account_age", 0.41)), T0).get(0);

        // a run that did not measure the metric (say, the column was missing) resolves nothing
        record(TestAlerts.run(model, DAY.plusDays(1)), List.of(), List.of(), T0.plus(Duration.ofHours(1)));
        assertThat(state(model, high).open).isTrue();

        // a run that measured it in bounds resolves it
        Instant resolvedAt = T0.plus(Duration.ofHours(2));
        record(TestAlerts.run(model, DAY.plusDays(2)), List.of(), List.of(TestAlerts.psiRow("account_age", 0.05)), resolvedAt);
        AlertState s = state(model, high);
        assertThat(s.open).isFalse();
        assertThat(s.resolvedAt).isEqualTo(resolvedAt);
        AlertRecord reread = QuarkusTransaction.requiringNew().call(() -> alerts.findById(raised.id));
        assertThat(reread.resolvedAt).isEqualTo(resolvedAt);
        assertThat(outboxOf(raised)).extracting(o -> o.kind).containsExactly(NoticeKind.ALERT, NoticeKind.RESOLVED);
        assertThat(outboxOf(raised)).extracting(o -> o.idempotencyKey)
                .contains("resolved-" + raised.id + "-email");

        // the next breach after a resolution is a new alert, whatever the cooldown
        AlertRecord again = record(TestAlerts.run(model, DAY.plusDays(3)), List.of(high),
                List.of(TestAlerts.psiRow("account_age", 0.41)), T0.plus(Duration.ofHours(3))).get(0);
        assertThat(again.decision).isEqualTo(Decision.NEW);
    }

    @Test
    void aModelsOwnRecipientsReplaceTheDeploymentsForTheSeveritiesItNames() {
        String model = TestAlerts.newModel();
        // HIGH to the model's own list, LOW to nobody, MEDIUM left to the deployment; the webhook variable it names
        // is not set here and the deployment has no webhook: no Slack row (and the variable's name is all it keeps)
        NotificationSettings route = new NotificationSettings("MODELWATCH_SLACK_WEBHOOK_NOT_SET_HERE", "#models",
                List.of("model-oncall@modelwatch.test"), null, List.of());
        List<AlertRecord> stored = QuarkusTransaction.requiringNew().call(() -> recorder.recordRun(
                TestAlerts.run(model, DAY), List.of(TestAlerts.psi("a", Severity.HIGH, 0.41, 0.25),
                        TestAlerts.psi("b", Severity.MEDIUM, 0.2, 0.15), TestAlerts.psi("c", Severity.LOW, 0.12, 0.1)),
                List.of(), T0, route));

        assertThat(outboxOf(stored.get(0))).singleElement().satisfies(o -> {
            assertThat(o.channel).isEqualTo(Channel.EMAIL);
            assertThat(o.recipients).isEqualTo("model-oncall@modelwatch.test");
        });
        assertThat(outboxOf(stored.get(1))).extracting(o -> o.recipients).containsExactly(DeliveryProfiles.MEDIUM_RECIPIENTS);
        assertThat(outboxOf(stored.get(2))).as("the model sends its LOW alerts to nobody").isEmpty();

        // a model without notifications of its own gets the deployment's recipients
        AlertRecord fallback = record(TestAlerts.run(TestAlerts.newModel(), DAY),
                List.of(TestAlerts.psi("a", Severity.HIGH, 0.41, 0.25)), List.of(), T0).get(0);
        assertThat(outboxOf(fallback)).extracting(o -> o.recipients).containsExactly(DeliveryProfiles.HIGH_RECIPIENTS);
    }

    @Test
    void theSameRunStoresEachKeyAndSeverityOnce() {
        String model = TestAlerts.newModel();
        Alert high = TestAlerts.psi("account_age", Severity.HIGH, 0.41, 0.25);
        List<AlertRecord> stored = record(TestAlerts.run(model, DAY), List.of(high, high),
                List.of(TestAlerts.psiRow("account_age", 0.41)), T0);
        assertThat(stored).hasSize(1);
    }
}
