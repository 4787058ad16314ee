package io.modelwatch.alert.service;

import com.icegreen.greenmail.util.GreenMail;
import io.modelwatch.alert.domain.AlertRecord;
import io.modelwatch.alert.domain.Decision;
import io.modelwatch.alert.domain.NoticeKind;
import io.modelwatch.alert.domain.OutboxEntry;
import io.modelwatch.alert.repository.OutboxRepository;
import io.modelwatch.alert.testing.DeliveryProfiles;
import io.modelwatch.support.testing.FakeSmtp;
import io.modelwatch.alert.testing.TestAlerts;
import io.modelwatch.core.result.RunInfo;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dead-man's switch with the default deadline (26 h) and cooldown (24 h), driven with explicit times (the
 * schedule is off in tests); its alert is delivered like any other (GreenMail receives it).
 */
@QuarkusTest
@TestProfile(DeliveryProfiles.Mail.class)
@WithTestResource(FakeSmtp.class)
class DeadManSwitchTest {

    GreenMail greenMail;

    @Inject
    DeadManSwitch deadMan;
    @Inject
    AlertRecorder recorder;
    @Inject
    OutboxRepository outbox;

    @Test
    void noRunByTheDeadlineRaisesOneHighAlertPerCooldownUntilARunCompletes() throws Exception {
        String model = TestAlerts.newModel();
        Instant lastRun = Instant.now().minus(Duration.ofHours(60));
        RunInfo run = TestAlerts.run(model, LocalDate.parse("2024-03-01"));
        QuarkusTransaction.requiringNew().run(() -> recorder.recordRun(run, List.of(), List.of(), lastRun));

        assertThat(deadMan.check(model, lastRun.plus(Duration.ofHours(25)).plus(Duration.ofMinutes(59))))
                .as("before the deadline").isEmpty();

        Instant due = lastRun.plus(Duration.ofHours(26));
        AlertRecord alert = deadMan.check(model, due).orElseThrow(() -> new AssertionError("no alert at the deadline"));
        assertThat(alert.severity).isEqualTo("HIGH");
        assertThat(alert.rule).isEqualTo(AlertRecorder.DEAD_MAN_RULE);
        assertThat(alert.runId).isNull();
        assertThat(alert.decision).isEqualTo(Decision.NEW);
        assertThat(alert.metricValue).isEqualTo(26.0);
        assertThat(alert.threshold).isEqualTo(26.0);
        assertThat(alert.message).startsWith("no run of " + model + " has completed for 26.0 h")
                .contains(run.runId());
        List<OutboxEntry> rows = QuarkusTransaction.requiringNew().call(() -> outbox.forAlert(alert.id));
        assertThat(rows).singleElement().satisfies(o -> assertThat(o.recipients).isEqualTo(DeliveryProfiles.HIGH_RECIPIENTS));

        assertThat(deadMan.check(model, due.plus(Duration.ofHours(1)))).as("said once per cooldown").isEmpty();
        assertThat(deadMan.check(model, due.plus(Duration.ofHours(23)))).isEmpty();
        Optional<AlertRecord> reminder = deadMan.check(model, due.plus(Duration.ofHours(24)));
        assertThat(reminder).as("still no run a cooldown later: said again").isPresent();

        // delivered: the email of the first alert arrives
        await().atMost(Duration.ofSeconds(20)).until(() -> ours(model).size() >= 2);
        assertThat(ours(model).get(0).getSubject()).startsWith("[ModelWatch HIGH] " + model + ": no run of " + model);

        // a run completes: the switch's alert is resolved (with a notice) and the clock restarts
        Instant back = due.plus(Duration.ofHours(25));
        QuarkusTransaction.requiringNew().run(() -> recorder.recordRun(TestAlerts.run(model, LocalDate.parse("2024-03-04")),
                List.of(), List.of(), back));
        List<OutboxEntry> afterReminder = QuarkusTransaction.requiringNew().call(() -> outbox.forAlert(reminder.get().id));
        assertThat(afterReminder).extracting(o -> o.kind).containsExactly(NoticeKind.ALERT, NoticeKind.RESOLVED);
        assertThat(deadMan.check(model, back.plus(Duration.ofHours(25)))).isEmpty();
        assertThat(deadMan.check(model, back.plus(Duration.ofHours(26)))).isPresent()
                .get().extracting(a -> a.decision).isEqualTo(Decision.NEW);
    }

    /**
     * The scheduled path: {@code checkAll} lists the known models from the database (a projection query that once
     * failed with "must be built with parameter names") and raises the overdue model's alert.
     */
    @Test
    void theScheduledCheckListsTheModelsFromTheDatabaseAndRaisesTheOverdueOne() {
        String overdue = TestAlerts.newModel();
        String recent = TestAlerts.newModel();
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            recorder.recordRun(TestAlerts.run(overdue, LocalDate.parse("2024-03-01")), List.of(), List.of(),
                    now.minus(Duration.ofHours(30)));
            recorder.recordRun(TestAlerts.run(recent, LocalDate.parse("2024-03-02")), List.of(), List.of(),
                    now.minus(Duration.ofHours(2)));
        });

        List<AlertRecord> raised = deadMan.checkAll(now);

        assertThat(raised).extracting(a -> a.modelId).contains(overdue).doesNotContain(recent);
        assertThat(raised).filteredOn(a -> a.modelId.equals(overdue)).singleElement()
                .satisfies(a -> assertThat(a.rule).isEqualTo(AlertRecorder.DEAD_MAN_RULE));
    }

    @Test
    void aModelThatNeverRanHereIsNotWatched() {
        assertThat(deadMan.check(TestAlerts.newModel(), Instant.now())).isEmpty();
    }

    private List<MimeMessage> ours(String model) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().contains(model);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
