package io.modelwatch.alert.delivery;

import io.modelwatch.alert.domain.OutboxEntry;
import io.modelwatch.alert.repository.OutboxRepository;
import io.modelwatch.alert.testing.DeliveryProfiles;
import io.modelwatch.alert.testing.FakeSlack;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The second half of the restart scenario. What is real: {@link SlackOutageTest}'s application stopped with
 * notifications pending (Slack down); this class runs in a new Quarkus application (another test profile:
 * new beans, closed circuit breakers, a fresh scheduler, another fake Slack that is up) over the same
 * database. What is simulated: the stop is an orderly test-application shutdown, not a killed process (a
 * kill between the peer's 200 and the commit would send that one notification again; see docs/alerts.md).
 */
@QuarkusTest
@TestProfile(DeliveryProfiles.SlackRestarted.class)
@WithTestResource(value = FakeSlack.class, initArgs = @ResourceArg(name = "state", value = "up"))
class SlackRestartTest {

    FakeSlack slack;

    @Inject
    OutboxRepository outbox;

    @Test
    void notificationsPendingAtTheRestartAreSentOnceByTheNewApplication() throws Exception {
        assertThat(SlackOutageTest.HANDOFF).as("SlackOutageTest runs first (Quarkus orders test classes by profile "
                + "name: SlackOutage < SlackRestarted) and leaves its pending keys here").exists();
        List<String> keys = Files.readAllLines(SlackOutageTest.HANDOFF);
        assertThat(keys).hasSize(3);

        await().atMost(Duration.ofSeconds(30)).until(() -> rows(keys).stream()
                .allMatch(o -> o.status == OutboxEntry.Status.SENT));
        Thread.sleep(1500);   // a relay pass or two more: nothing is sent again
        assertThat(slack.accepted()).extracting(Map.Entry::getKey).filteredOn(keys::contains)
                .containsExactlyElementsOf(keys);
        assertThat(rows(keys)).allSatisfy(o -> assertThat(o.attempts).isPositive());
        assertThat(rows(keys)).as("tried by the first application, sent by the second")
                .anySatisfy(o -> assertThat(o.attempts).isGreaterThanOrEqualTo(2));
        Files.delete(SlackOutageTest.HANDOFF);
    }

    private List<OutboxEntry> rows(List<String> keys) {
        return QuarkusTransaction.requiringNew().call(() -> outbox.list("idempotencyKey in ?1 order by id", keys));
    }
}
