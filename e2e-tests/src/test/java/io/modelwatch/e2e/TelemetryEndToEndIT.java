package io.modelwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelwatch.core.synth.ChurnDataGenerator;
import io.modelwatch.core.synth.Scenario;
import io.modelwatch.e2e.OtlpReceiver.ReceivedSpan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One daily run, followed as an operator would with a tracing backend and Prometheus: the five packaged services
 * export their spans over OTLP/HTTP (the standard {@code OTEL_EXPORTER_OTLP_*} variables) to a receiver in this
 * JVM. The run started by a call that carries a {@code traceparent} (the CronJob's) is one trace, whose spans
 * cover the five services in the order the events flow: ingest's {@code POST /runs} → {@code batch.ready} → drift
 * and performance → {@code metrics.*} → alert → {@code alert.raised} → report. After the run, every gauge the
 * Grafana dashboard queries is exported by one of the services, for the run's model.
 */
@ExtendWith(Deployment.Extension.class)
class TelemetryEndToEndIT {

    private static final LocalDate DAY = LocalDate.of(2024, 3, 1);
    private static final int ROWS = 3000;
    private static final Set<String> SERVICES = Set.copyOf(ServiceProcesses.SERVICES);
    /** Producer service → consumer service: the only hops events make. */
    private static final Set<String> HOPS = Set.of(
            "ingest-service>drift-service", "ingest-service>performance-service", "ingest-service>alert-service",
            "ingest-service>report-service", "drift-service>alert-service", "drift-service>report-service",
            "performance-service>alert-service", "performance-service>report-service", "alert-service>report-service");

    private static Deployment deployment;
    private static String model;
    private static String runId;
    private static String traceId;
    /** The span id of the caller (the CronJob) that the run's trace continues. */
    private static String callerSpan;

    @BeforeAll
    static void aRunStartedWithATraceparent(Deployment started) throws Exception {
        deployment = started;
        Path data = started.data;
        ChurnDataGenerator.of(Scenario.STABLE, LocalDate.of(2024, 1, 15), "R").write(data.resolve("trace-reference.csv"), ROWS, 31);
        ChurnDataGenerator.of(Scenario.DRIFT, DAY, "C").write(data.resolve("trace-day.csv"), ROWS, 32);
        model = "traced-" + Deployment.RUN_TAG;
        started.post("ingest-service", "/references", Map.of("modelId", model,
                "source", data.resolve("trace-reference.csv").toString(), "config", started.config.toString()), 201);

        HexFormat hex = HexFormat.of();
        byte[] t = new byte[16];
        byte[] s = new byte[8];
        ThreadLocalRandom.current().nextBytes(t);
        ThreadLocalRandom.current().nextBytes(s);
        t[0] |= 1;
        s[0] |= 1;
        traceId = hex.formatHex(t);
        callerSpan = hex.formatHex(s);
        JsonNode run = started.post("ingest-service", "/runs", Map.of("modelId", model, "date", DAY.toString(),
                "source", data.resolve("trace-day.csv").toString()), 202,
                Map.of("traceparent", "00-" + traceId + "-" + callerSpan + "-01"));
        runId = run.get("runId").asText();
        started.awaitSnapshot(runId);
    }

    @Test
    void oneRunIsOneTraceThroughTheFiveServicesInTheOrderTheEventsFlow() {
        List<ReceivedSpan>[] trace = new List[1];
        // spans are exported in batches: wait until the last hop (alert.raised consumed by report) has arrived
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            trace[0] = deployment.traces.trace(traceId);
            List<ReceivedSpan> all = deployment.traces.spans();
            assertThat(trace[0]).as("trace %s among %d spans received (traces %s; services %s; receiver errors %s)",
                    traceId, all.size(), all.stream().map(ReceivedSpan::traceId).distinct().limit(10).toList(),
                    all.stream().map(ReceivedSpan::service).distinct().toList(), deployment.traces.errors()).anyMatch(c -> c.kind() == ReceivedSpan.CONSUMER && c.service().equals("report-service")
                    && "alert.raised".equals(c.attributes().get("messaging.rabbitmq.destination.routing_key")));
            assertThat(trace[0].stream().map(ReceivedSpan::service).collect(Collectors.toSet())).containsAll(SERVICES);
        });
        List<ReceivedSpan> spans = trace[0];
        assertThat(deployment.traces.errors()).as("OTLP requests the receiver could not read").isEmpty();
        Map<String, ReceivedSpan> byId = spans.stream().collect(Collectors.toMap(ReceivedSpan::spanId, x -> x, (a, b) -> a));

        // the root of the run: ingest's POST /runs, child of the caller's span
        List<ReceivedSpan> roots = spans.stream().filter(x -> x.parentSpanId().equals(callerSpan)).toList();
        assertThat(roots).as("spans whose parent is the caller's").hasSize(1);
        ReceivedSpan root = roots.get(0);
        assertThat(root.service()).isEqualTo("ingest-service");
        assertThat(root.kind()).isEqualTo(ReceivedSpan.SERVER);
        assertThat(root.name()).contains("/runs");
        assertThat(root.attributes()).containsEntry("modelwatch.run_id", runId);

        // every span descends from it: no span of the trace hangs off a parent the trace does not have
        for (ReceivedSpan x : spans) {
            assertThat(ancestors(x, byId)).as("ancestors of " + describe(x)).endsWith(root);
        }

        // every hop between services is a consumer span whose parent is the producer span of the event it consumed
        Set<String> hops = new LinkedHashSet<>();
        for (ReceivedSpan consumer : spans.stream().filter(x -> x.kind() == ReceivedSpan.CONSUMER).toList()) {
            ReceivedSpan producer = byId.get(consumer.parentSpanId());
            String key = consumer.attributes().get("messaging.rabbitmq.destination.routing_key");
            assertThat(producer).as("parent of " + describe(consumer)).isNotNull();
            assertThat(producer.kind()).as("parent of " + describe(consumer)).isEqualTo(ReceivedSpan.PRODUCER);
            assertThat(producer.name()).isEqualTo("publish " + key);
            assertThat(consumer.attributes()).as(describe(consumer)).containsEntry("modelwatch.run_id", runId);
            hops.add(producer.service() + ">" + consumer.service());
        }
        assertThat(HOPS).as("hops the events make").containsAll(hops);
        assertThat(hops).contains("ingest-service>drift-service", "ingest-service>performance-service",
                "drift-service>alert-service", "performance-service>alert-service", "alert-service>report-service");

        // batch.ready: sent from within POST /runs, processed by drift and by performance
        for (String computing : List.of("drift-service", "performance-service")) {
            ReceivedSpan consumed = consumerOf(spans, computing, "batch.ready");
            ReceivedSpan sent = byId.get(consumed.parentSpanId());
            assertThat(sent.service()).isEqualTo("ingest-service");
            assertThat(ancestors(sent, byId)).contains(root);
        }
        // the alert reaching report: report ← alert ← (drift | performance | ingest) ← ingest's POST /runs
        ReceivedSpan reported = consumerOf(spans, "report-service", "alert.raised");
        List<String> path = servicesAlong(ancestors(reported, byId));
        assertThat(path.get(0)).isEqualTo("report-service");
        assertThat(path.get(1)).isEqualTo("alert-service");
        assertThat(path.get(path.size() - 1)).isEqualTo("ingest-service");
        assertThat(path).hasSizeBetween(3, 4);
        if (path.size() == 4) {
            assertThat(path.get(2)).isIn("drift-service", "performance-service");
        }
    }

    /** ingest's {@code GET /models/{id}} asks alert-service for the open alerts within the same trace. */
    @Test
    void aModelsOpenAlertsAreAskedOfAlertServiceInTheCallersTrace() throws Exception {
        String trace = HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(16)
                .putLong(ThreadLocalRandom.current().nextLong() | 1).putLong(ThreadLocalRandom.current().nextLong()).array());
        var response = deployment.getAs("ingest-service", "/models/" + model, "X-API-Key", Deployment.READER_KEY,
                "traceparent", "00-" + trace + "-00f067aa0ba902b7-01");
        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<ReceivedSpan> spans = deployment.traces.trace(trace);
            ReceivedSpan ingest = spans.stream().filter(x -> x.service().equals("ingest-service") && x.kind() == ReceivedSpan.SERVER)
                    .findFirst().orElseThrow(() -> new AssertionError("no ingest-service span in " + spans));
            assertThat(ingest.parentSpanId()).isEqualTo("00f067aa0ba902b7");
            assertThat(spans).as("alert-service's GET /models/{id}/open-alerts, child of ingest's request").anyMatch(x ->
                    x.service().equals("alert-service") && x.kind() == ReceivedSpan.SERVER
                            && x.name().contains("open-alerts") && x.parentSpanId().equals(ingest.spanId()));
        });
    }

    @Test
    void everyGaugeTheGrafanaDashboardQueriesIsExportedForTheRunsModel() throws Exception {
        Path dashboard = deployment.root.resolve("k8s/base/grafana/modelwatch-models.json");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("\\bmodelwatch_model_\\w+").matcher(Files.readString(dashboard));
        while (m.find()) {
            names.add(m.group());
        }
        assertThat(names).as("gauges the dashboard queries").hasSizeGreaterThanOrEqualTo(7);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, String> expositions = new java.util.LinkedHashMap<>();
            for (String service : ServiceProcesses.SERVICES) {
                var r = deployment.get(service, "/q/metrics");
                assertThat(r.statusCode()).as(service + " /q/metrics").isEqualTo(200);
                expositions.put(service, r.body());
            }
            for (String name : names) {
                List<String> exporting = expositions.entrySet().stream()
                        .filter(e -> hasSampleOfModel(e.getValue(), name, model)).map(Map.Entry::getKey).toList();
                assertThat(exporting).as(name + "{model=\"" + model + "\"} exported by a service").isNotEmpty();
            }
        });
    }

    /** Whether the exposition has a sample of {@code metric} labelled {@code model="<model>"}. */
    private static boolean hasSampleOfModel(String exposition, String metric, String model) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(metric + "{") && line.contains("model=\"" + model + "\"")) {
                return true;
            }
        }
        return false;
    }

    private static ReceivedSpan consumerOf(List<ReceivedSpan> spans, String service, String routingKey) {
        List<ReceivedSpan> found = spans.stream().filter(x -> x.kind() == ReceivedSpan.CONSUMER && x.service().equals(service)
                && routingKey.equals(x.attributes().get("messaging.rabbitmq.destination.routing_key"))).toList();
        assertThat(found).as(service + " consuming " + routingKey).isNotEmpty();
        return found.get(0);
    }

    /** The span, its parent, ... up to the span whose parent is outside the trace. */
    private static List<ReceivedSpan> ancestors(ReceivedSpan span, Map<String, ReceivedSpan> byId) {
        List<ReceivedSpan> chain = new ArrayList<>();
        ReceivedSpan at = span;
        while (at != null && chain.size() < 100) {
            chain.add(at);
            at = byId.get(at.parentSpanId());
        }
        return chain;
    }

    /** The services along a chain of spans, each once per stretch. */
    private static List<String> servicesAlong(List<ReceivedSpan> chain) {
        List<String> out = new ArrayList<>();
        for (ReceivedSpan x : chain) {
            if (out.isEmpty() || !Objects.equals(out.get(out.size() - 1), x.service())) {
                out.add(x.service());
            }
        }
        return out;
    }

    private static String describe(ReceivedSpan x) {
        return x.service() + " '" + x.name() + "' (kind " + x.kind() + ", span " + x.spanId() + ", parent " + x.parentSpanId() + ")";
    }
}
