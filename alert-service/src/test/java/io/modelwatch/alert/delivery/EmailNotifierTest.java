package io.modelwatch.alert.delivery;

import com.icegreen.greenmail.util.GreenMail;
import io.modelwatch.alert.domain.AlertRecord;
import io.modelwatch.alert.domain.OutboxEntry;
import io.modelwatch.alert.repository.OutboxRepository;
import io.modelwatch.alert.service.AlertRecorder;
import io.modelwatch.alert.testing.DeliveryProfiles;
import io.modelwatch.support.testing.FakeSmtp;
import io.modelwatch.support.testing.MailParts;
import io.modelwatch.alert.testing.TestAlerts;
import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.config.Severity;
import io.modelwatch.core.result.RunInfo;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.Part;
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

/** The HTML email as a real SMTP server (GreenMail) receives it from the Quarkus Mailer. */
@QuarkusTest
@TestProfile(DeliveryProfiles.Mail.class)
@WithTestResource(FakeSmtp.class)
class EmailNotifierTest {

    GreenMail greenMail;

    @Inject
    AlertRecorder recorder;
    @Inject
    OutboxRepository outbox;
    @Inject
    OutboxRelay relay;

    @Test
    void aHighAlertReachesTheHighRecipientsOnceAsHtmlWithValueThresholdRunDateAndReportLink() throws Exception {
        String model = TestAlerts.newModel();
        RunInfo run = TestAlerts.run(model, LocalDate.parse("2024-03-01"));
        Alert high = TestAlerts.psi("account_age", Severity.HIGH, 0.41, 0.25);
        AlertRecord r = QuarkusTransaction.requiringNew().call(() -> recorder.recordRun(run, List.of(high),
                List.of(TestAlerts.psiRow("account_age", 0.41)), Instant.now())).get(0);
        relay.nudge();

        await().atMost(Duration.ofSeconds(20)).until(() -> ours(model).size() >= 2);
        List<MimeMessage> messages = ours(model);
        assertThat(messages).as("one message, one copy in each HIGH recipient's mailbox, nothing more").hasSize(2);
        assertThat(recipients(messages.get(0))).containsExactlyInAnyOrder(DeliveryProfiles.HIGH_RECIPIENTS.split(","));

        MimeMessage m = messages.get(0);
        assertThat(m.getSubject()).isEqualTo("[ModelWatch HIGH] " + model + ": psi of account_age is 0.4100 (> 0.25)");
        assertThat(m.getFrom()[0].toString()).isEqualTo("modelwatch@localhost");
        assertThat(m.getHeader(EmailNotifier.IDEMPOTENCY_HEADER)).containsExactly("alert-" + r.id + "-email");
        String html = part(m, "text/html").orElseThrow(() -> new AssertionError("no HTML part"));
        assertThat(html)
                .contains("border-left: 6px solid #d32f2f")
                .contains("HIGH alert")
                .contains(model + ": psi of account_age is 0.4100 (&gt; 0.25)")
                .contains("<td class=\"metric\">psi/psi</td>")
                .contains("<td class=\"where\">account_age</td>")
                .contains("<td class=\"value\">0.4100</td>")
                .contains("<td class=\"threshold\">0.2500</td>")
                .contains("<td class=\"run-date\">2024-03-01</td>")
                .contains("<a href=\"http://reports.modelwatch.test/runs/" + run.runId() + "/report\">");
        assertThat(part(m, "text/plain")).hasValueSatisfying(t -> assertThat(t).contains("value: 0.4100", "threshold: 0.2500"));

        List<OutboxEntry> rows = QuarkusTransaction.requiringNew().call(() -> outbox.forAlert(r.id));
        assertThat(rows).singleElement().satisfies(o -> {
            assertThat(o.status).isEqualTo(OutboxEntry.Status.SENT);
            assertThat(o.sentAt).isNotNull();
        });
    }

    @Test
    void aMediumAlertGoesToTheMediumRecipientsOnly() {
        String model = TestAlerts.newModel();
        Alert medium = TestAlerts.psi("tenure", Severity.MEDIUM, 0.2, 0.1);
        QuarkusTransaction.requiringNew().run(() -> recorder.recordRun(TestAlerts.run(model, LocalDate.parse("2024-03-02")),
                List.of(medium), List.of(TestAlerts.psiRow("tenure", 0.2)), Instant.now()));
        relay.nudge();

        await().atMost(Duration.ofSeconds(20)).until(() -> !ours(model).isEmpty());
        assertThat(ours(model)).singleElement().satisfies(m -> {
            assertThat(recipients(m)).containsExactly(DeliveryProfiles.MEDIUM_RECIPIENTS);
            assertThat(part(m, "text/html")).hasValueSatisfying(h -> assertThat(h).contains("#f9a825", "MEDIUM alert"));
        });
    }

    private List<MimeMessage> ours(String model) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> subject(m).contains(model)).toList();
    }

    private static String subject(MimeMessage m) {
        return MailParts.subject(m);
    }

    private static List<String> recipients(MimeMessage m) {
        return MailParts.recipients(m);
    }

    /** The first body part of that MIME type, searched through nested multiparts. */
    static Optional<String> part(Part p, String mimeType) {
        return MailParts.part(p, mimeType);
    }
}
