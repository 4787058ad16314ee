package io.modelwatch.report.service;

import com.icegreen.greenmail.util.GreenMail;
import io.modelwatch.report.domain.DailyEmail;
import io.modelwatch.report.repository.DailyEmailRepository;
import io.modelwatch.report.testing.DailyEmailProfiles;
import io.modelwatch.support.notification.OutboxRow;
import io.modelwatch.support.testing.FakeSmtp;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After {@link DailyEmailTest} sent the day's emails, a new application on the same database (another test
 * profile, started after the first stopped: an orderly restart) checks the schedule again the same day: nothing is
 * queued, nothing is sent, and a new SMTP server receives nothing.
 */
@QuarkusTest
@TestProfile(DailyEmailProfiles.DailyMailRestarted.class)
@WithTestResource(FakeSmtp.class)
class DailyEmailThenRestartTest {

    GreenMail greenMail;

    @Inject
    DailyReport daily;
    @Inject
    DailyEmailRelay relay;
    @Inject
    DailyEmailRepository outbox;

    @Test
    void theSameDayIsNotSentTwiceAfterARestart() {
        List<DailyEmail> before = QuarkusTransaction.requiringNew().call(() -> outbox.list("sendDay", DailyEmailProfiles.SEND_DAY));
        assertThat(before).as("the emails the first application sent").hasSize(2)
                .allSatisfy(r -> assertThat(r.status).isEqualTo(OutboxRow.Status.SENT));

        assertThat(daily.queueDue(DailyEmailProfiles.SEND_DAY.atTime(LocalTime.of(5, 0)).toInstant(ZoneOffset.UTC))).isZero();
        assertThat(daily.queueDue(DailyEmailProfiles.SEND_DAY.atTime(LocalTime.of(23, 59)).toInstant(ZoneOffset.UTC))).isZero();
        assertThat(relay.relayPending()).isZero();
        assertThat(greenMail.getReceivedMessages()).isEmpty();

        List<DailyEmail> after = QuarkusTransaction.requiringNew().call(() -> outbox.list("sendDay", DailyEmailProfiles.SEND_DAY));
        assertThat(after).hasSize(2).allSatisfy(r -> {
            assertThat(r.status).isEqualTo(OutboxRow.Status.SENT);
            assertThat(r.attempts).isEqualTo(1);
        });
    }
}
