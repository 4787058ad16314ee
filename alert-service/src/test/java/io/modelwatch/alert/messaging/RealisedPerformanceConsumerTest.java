package io.modelwatch.alert.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.alert.domain.AlertRecord;
import io.modelwatch.alert.repository.AlertRepository;
import io.modelwatch.core.events.AlertRaised;
import io.modelwatch.core.events.Channels;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.core.events.TraceContext;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.core.run.RunInfo;
import io.modelwatch.support.messaging.EventCodec;
import io.modelwatch.support.status.ServiceStatus;
import io.modelwatch.support.testing.ChurnFixtures;
import io.modelwatch.support.testing.TestBus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Late labels: a cohort's realised performance ({@code metrics.performance.realised}) is evaluated against the
 * configured rules (config/monitoring.yaml: recall below 0.70 is HIGH) on the real local RabbitMQ and PostgreSQL.
 */
@QuarkusTest
class RealisedPerformanceConsumerTest {

    private static final String RECALL_KEY = "performance/recall//";

    private static TestBus bus;

    @Inject
    MonitoringPipeline pipeline;
    @Inject
    AlertRepository alerts;
    @Inject
    EventCodec codec;
    @Inject
    ServiceStatus status;
    @ConfigProperty(name = "modelwatch.bus.exchange")
    String exchange;

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
    void aRealisedRecallDropRaisesOneHighAlertEvenWhenDeliveredTwice() throws Exception {
        Path dir = Files.createTempDirectory("modelwatch-realised");
        TableSchema schema = TableSchema.forConfig(pipeline.config());
        ColumnBatch reference = CsvReader.withDefaults().read(ChurnFixtures.reference(dir), schema);
        ColumnBatch current = CsvReader.withDefaults().read(ChurnFixtures.drifted(dir), schema);
        ReferenceProfile profile = pipeline.profile(reference);
        JsonNode section = codec.tree(pipeline.performance(profile, current));
        assertThat(section.get("performance").isObject()).as("the cohort is labelled").isTrue();
        // the cohort's realised recall, 60 days on: below the HIGH threshold of 0.70
        ((ObjectNode) section.get("performance")).put("recall", 0.55);

        String model = "realised-" + UUID.randomUUID();
        RunInfo run = new RunInfo("run-" + UUID.randomUUID(), model, ChurnFixtures.DRIFTED_DATE, reference.source(),
                current.source(), "labels.csv", Instant.now());
        MetricsComputed event = MetricsComputed.of(MetricsComputed.PERFORMANCE, run, reference.rowCount(),
                current.rowCount(), section, 0, TraceContext.newTraceparent());
        String raisedQueue = bus.listen(exchange, Channels.ALERT_RAISED);
        long handledBefore = handled();

        bus.publish(exchange, Channels.METRICS_PERFORMANCE_REALISED, codec.encode(event));
        bus.publish(exchange, Channels.METRICS_PERFORMANCE_REALISED, codec.encode(event));

        await().atMost(Duration.ofSeconds(30)).until(() -> handled() >= handledBefore + 2);
        List<AlertRecord> stored = QuarkusTransaction.requiringNew().call(() -> alerts.forRun(run.runId()));
        List<AlertRecord> recall = stored.stream().filter(a -> RECALL_KEY.equals(a.alertKey)).toList();
        assertThat(recall).as("one performance/recall alert, however often the event came").hasSize(1);
        assertThat(recall.get(0).severity).isEqualTo("HIGH");
        assertThat(recall.get(0).modelId).isEqualTo(model);
        assertThat(recall.get(0).metricValue).isEqualTo(0.55);
        assertThat(stored).extracting(a -> a.alertKey + "/" + a.severity).doesNotHaveDuplicates();

        List<AlertRaised> raised = new ArrayList<>();
        while (true) {
            var next = bus.take(raisedQueue, Duration.ofSeconds(3));
            if (next.isEmpty()) {
                break;
            }
            AlertRaised a = codec.read(next.get().body(), AlertRaised.class);
            if (a.runId().equals(run.runId())) {
                raised.add(a);
            }
        }
        assertThat(raised).as("alert.raised once per stored alert").hasSize(stored.size());
    }

    /** Events of the type processed or recognised as a redelivery (the dead-letter count is not among them). */
    private long handled() {
        Map<String, Long> counts = status.view("alert-service", Map.of()).counts();
        String type = MetricsComputed.class.getSimpleName();
        return counts.getOrDefault(type + ".processed", 0L) + counts.getOrDefault(type + ".duplicate", 0L);
    }
}
