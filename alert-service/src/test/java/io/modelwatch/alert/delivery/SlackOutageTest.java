package io.modelwatch.alert.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.alert.domain.AlertRecord;
import io.modelwatch.alert.domain.OutboxEntry;
import io.modelwatch.alert.repository.OutboxRepository;
import io.modelwatch.alert.service.AlertRecorder;
import io.modelwatch.alert.testing.DeliveryProfiles;
import io.modelwatch.alert.testing.FakeSlack;
import io.modelwatch.alert.testing.TestAlerts;
import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.config.Severity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Slack down (WireMock answering 500s and hanging past the attempt timeout, in turn), then back: every
 * queued alert arrives exactly once after recovery. The second test leaves alerts pending while Slack is
 * down and hands them to {@link SlackRestartTest}, which runs in a freshly started application.
 */
@QuarkusTest
@TestProfile(DeliveryProfiles.SlackOutage.class)
@WithTestResource(value = FakeSlack.class, initArgs = @ResourceArg(name = "state", value = "down"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlackOutageTest {

    /** Written by the second test, read by {@link SlackRestartTest}: the idempotency keys left pending. */
    static final Path HANDOFF = Path.of("target", "slack-restart-handoff.txt");

    FakeSlack slack;

    @Inject
    AlertRecorder recorder;
    @Inject
    OutboxRepository outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    ObjectMapper mapper;

    /** Three alerts of a new model (HIGH, MEDIUM, LOW on three columns), stored and queued as a run would. */
    private List<AlertRecord> raiseThree(String model) {
        List<Alert> raised = List.of(
                TestAlerts.psi("account_age", Severity.HIGH, 0.41, 0.25),
                TestAlerts.psi("tenure", Severity.MEDIUM, 0.2, 0.1),
                TestAlerts.psi("monthly_charges", Severity.LOW, 0.06, 0.05));
        List<AlertRecord> stored = QuarkusTransaction.requiringNew().call(() -> recorder.recordRun(
                TestAlerts.run(model, LocalDate.parse("2024-03-01")), raised,
                List.of(TestAlerts.psiRow("account_age", 0.41), TestAlerts.psiRow("tenure", 0.2),
                        TestAlerts.psiRow("monthly_charges", 0.06)), Instant.now()));
        relay.nudge();
        return stored;
    }

    private List<OutboxEntry> rows(List<AlertRecord> alerts) {
        return QuarkusTransaction.requiringNew().call(() -> alerts.stream()
                .flatMap(a -> outbox.forAlert(a.id).stream()).toList());
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void alertsQueuedWhileSlackFailsArriveExactlyOnceAfterRecovery() throws Exception {
        Files.deleteIfExists(HANDOFF);   // from an earlier, interrupted build
        List<AlertRecord> alerts = raiseThree(TestAlerts.newModel());
        List<OutboxEntry> queued = rows(alerts);
        assertThat(queued).hasSize(3).allMatch(o -> o.status == OutboxEntry.Status.PENDING);
        Set<String> keys = queued.stream().map(o -> o.idempotencyKey).collect(Collectors.toSet());

        // the outage: attempts fail (500s and timeouts), the circuit opens, the rows stay pending
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> "OPEN".equals(given().get("/status").then().statusCode(200)
                        .extract().path("delivery.slack.circuitBreaker")));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("modelwatch_alerts_circuit_state{channel=\"slack\"}")
                .contains("modelwatch_alerts_outbox_pending{channel=\"slack\"}");
        assertThat(slack.requests()).as("500s and hangs were both served").hasSizeGreaterThanOrEqualTo(4);
        assertThat(slack.requests()).anySatisfy(e -> assertThat(e.getResponse().getStatus()).isEqualTo(500));
        assertThat(slack.requests()).anySatisfy(e -> assertThat(e.getResponse().getStatus()).isEqualTo(503));
        Integer pending = given().get("/status").then().extract().path("delivery.slack.outboxPending");
        assertThat(pending).isGreaterThanOrEqualTo(3);
        assertThat(rows(alerts)).allMatch(o -> o.status == OutboxEntry.Status.PENDING);
        assertThat(rows(alerts)).anySatisfy(o -> {
            assertThat(o.attempts).isPositive();
            assertThat(o.lastError).isNotBlank();
        });
        assertThat(slack.accepted()).extracting(Map.Entry::getKey).doesNotContainAnyElementsOf(keys);

        // recovery: each alert arrives once, in the order raised, and the breaker closes
        slack.up();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> rows(alerts).stream().allMatch(o -> o.status == OutboxEntry.Status.SENT));
        Thread.sleep(1500);   // a relay pass or two more: nothing is sent again
        List<Map.Entry<String, String>> ours = slack.accepted().stream().filter(e -> keys.contains(e.getKey())).toList();
        assertThat(ours).extracting(Map.Entry::getKey).containsExactlyElementsOf(
                queued.stream().map(o -> o.idempotencyKey).toList());
        JsonNode high = mapper.readTree(ours.get(0).getValue());
        assertThat(high.at("/attachments/0/color").asText()).isEqualTo(SlackMessage.HIGH_COLOUR);
        assertThat(high.get("text").asText()).contains("[HIGH]", "psi of account_age is 0.4100 (> 0.25)");
        assertThat(high.at("/attachments/0/title_link").asText()).startsWith("http://reports.modelwatch.test/runs/run-");
        assertThat(mapper.readTree(ours.get(1).getValue()).at("/attachments/0/color").asText()).isEqualTo(SlackMessage.MEDIUM_COLOUR);
        assertThat(mapper.readTree(ours.get(2).getValue()).at("/attachments/0/color").asText()).isEqualTo(SlackMessage.LOW_COLOUR);
        await().atMost(Duration.ofSeconds(10)).until(() -> "CLOSED".equals(
                given().get("/status").then().extract().path("delivery.slack.circuitBreaker")));
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void alertsPendingWhenTheServiceStopsAreLeftForTheNextStart() throws IOException {
        slack.down();
        List<AlertRecord> alerts = raiseThree(TestAlerts.newModel());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> rows(alerts).stream().anyMatch(o -> o.attempts > 0));
        List<OutboxEntry> pending = rows(alerts);
        assertThat(pending).hasSize(3).allMatch(o -> o.status == OutboxEntry.Status.PENDING);
        Files.createDirectories(HANDOFF.getParent());
        Files.write(HANDOFF, pending.stream().map(o -> o.idempotencyKey).toList());
        // the application stops after this class, with Slack still down; SlackRestartTest starts a new one
    }
}
