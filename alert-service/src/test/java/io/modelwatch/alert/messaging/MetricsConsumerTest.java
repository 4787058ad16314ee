package io.modelwatch.alert.messaging;

import io.modelwatch.alert.domain.AlertRecord;
import io.modelwatch.alert.repository.AlertRepository;
import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.events.AlertRaised;
import io.modelwatch.core.events.Channels;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.support.compute.RunAssembly;
import io.modelwatch.support.messaging.EventCodec;
import io.modelwatch.support.store.BatchStore;
import io.modelwatch.support.testing.ComputedSections;
import io.modelwatch.support.testing.DeadLetterChecks;
import io.modelwatch.support.testing.StoredRun;
import io.modelwatch.support.testing.TestBus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

/** alert-service against the real local RabbitMQ and PostgreSQL (test exchange and queue names). */
@QuarkusTest
class MetricsConsumerTest {

    private static TestBus bus;

    @Inject
    MonitoringPipeline pipeline;
    @Inject
    BatchStore store;
    @Inject
    RunAssembly assembly;
    @Inject
    AlertRepository alerts;
    @Inject
    EventCodec codec;
    @ConfigProperty(name = "modelwatch.bus.exchange")
    String exchange;
    @ConfigProperty(name = "mp.messaging.incoming." + Channels.METRICS_IN + ".queue.name")
    String queue;

    @BeforeAll
    static void connect() {
        bus = TestBus.connect();
    }

    @AfterAll
    static void disconnect() throws Exception {
        bus.deleteTestNames();
        bus.close();
    }

    @Test
    void sameMetricEventsTwiceRaiseOneSetOfAlerts() throws Exception {
        StoredRun run = StoredRun.create(pipeline, store);
        List<MetricsComputed> sections = ComputedSections.of(run, pipeline, codec);
        List<Alert> expected = assembly.assemble(sections.stream()
                .collect(Collectors.toMap(MetricsComputed::kind, Function.identity()))).alerts();
        assertThat(expected).as("the drifted day raises alerts").isNotEmpty();
        String raisedQueue = bus.listen(exchange, Channels.ALERT_RAISED);

        for (int delivery = 0; delivery < 2; delivery++) {
            for (MetricsComputed s : sections) {
                bus.publish(exchange, s.type(), codec.encode(s));
            }
        }

        String runId = run.event().runId();
        await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> alerts.count("runId", runId)) > 0);
        List<AlertRaised> raised = new ArrayList<>();
        bus.take(raisedQueue, Duration.ofSeconds(10)).ifPresent(r -> raised.add(codec.read(r.body(), AlertRaised.class)));
        while (true) {
            var next = bus.take(raisedQueue, Duration.ofSeconds(3));
            if (next.isEmpty()) {
                break;
            }
            raised.add(codec.read(next.get().body(), AlertRaised.class));
        }
        List<AlertRecord> stored = QuarkusTransaction.requiringNew().call(() -> alerts.forRun(runId));
        assertThat(stored).hasSize(expected.size());
        assertThat(raised).hasSize(expected.size());
        assertThat(raised).allMatch(a -> a.runId().equals(runId));
        assertThat(stored).extracting(a -> a.alertKey).containsExactlyInAnyOrderElementsOf(
                expected.stream().map(Alert::key).toList());
    }

    @Test
    void malformedEventsAreDeadLetteredWithTheirReasonAndTheConsumerKeepsGoing() throws Exception {
        DeadLetterChecks.poisonMessagesAreDeadLettered(bus, exchange, Channels.METRICS_DRIFT, queue,
                MetricsComputed.class.getSimpleName());
        given().get("/status").then().statusCode(200)
                .body("counts.'MetricsComputed.dead_lettered'", greaterThanOrEqualTo(2));
    }
}
