package io.modelwatch.report.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.config.Severity;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.events.AlertRaised;
import io.modelwatch.core.events.Channels;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.core.events.TraceContext;
import io.modelwatch.core.result.PerformanceSection;
import io.modelwatch.core.result.RunInfo;
import io.modelwatch.report.repository.AlertLogRepository;
import io.modelwatch.report.testing.DashboardHistory;
import io.modelwatch.support.repository.RunHistory;
import io.modelwatch.support.repository.RunSections;
import io.modelwatch.support.testing.ChurnFixtures;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.modelwatch.core.report.Json;
import io.modelwatch.core.result.RunResult;
import io.modelwatch.report.repository.RunReportRepository;
import io.modelwatch.support.testing.ComputedSections;
import io.modelwatch.support.testing.StoredRun;
import io.modelwatch.support.testing.MetricsConsumerContract;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** report-service against the real local RabbitMQ and PostgreSQL (test exchange and queue names). */
@QuarkusTest
class MetricsConsumerTest extends MetricsConsumerContract {

    @Inject
    RunReportRepository reports;
    @Inject
    AlertLogRepository alerts;
    @Inject
    RunHistory history;
    @Inject
    RunSections sections;
    @ConfigProperty(name = "mp.messaging.incoming." + Channels.METRICS_REALISED_IN + ".queue.name")
    String realisedQueue;
    @ConfigProperty(name = "mp.messaging.incoming." + Channels.ALERTS_IN + ".queue.name")
    String alertQueue;

    @Test
    void allSectionsTwiceRenderOneReportWithTheCoreNumbers() throws Exception {
        StoredRun run = StoredRun.create(pipeline, store);
        List<MetricsComputed> sections = ComputedSections.of(run, pipeline, codec);
        RunResult expected = assembled(sections);

        deliverTwice(sections);
        String runId = run.event().runId();
        await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> reports.findByIdOptional(runId).isPresent()));
        // let the redelivered sections through, then check nothing changed
        await().atMost(Duration.ofSeconds(30)).until(() -> bus.depth(queue) == 0);
        assertThat(QuarkusTransaction.requiringNew().call(() -> reports.count("runId", runId))).isEqualTo(1L);

        String snapshot = given().get("/runs/{id}/snapshot", runId).then().statusCode(200).extract().asString();
        ObjectMapper mapper = Json.mapper();
        JsonNode actual = mapper.readTree(snapshot);
        JsonNode wanted = mapper.readTree(Json.pretty(expected));
        assertThat(actual.get("metrics")).isEqualTo(wanted.get("metrics"));
        assertThat(actual.get("alerts")).isEqualTo(wanted.get("alerts"));
        given().get("/runs/{id}/report", runId).then().statusCode(200).body(containsString("<html"));
        given().get("/runs/{id}/report", "no-such-run").then().statusCode(404);
    }

    @Test
    void realisedPerformanceRendersTheRunAgainWithTheRealisedFiguresOnce() throws Exception {
        StoredRun run = StoredRun.create(pipeline, store);
        var roles = pipeline.config().roles();
        ColumnBatch predictions = DashboardHistory.without(run.current(), roles.target(), roles.labelDate());
        RunInfo info = run.event().runInfo();
        String trace = TraceContext.newTraceparent();
        long ref = run.reference().rowCount();
        long cur = predictions.rowCount();
        List<MetricsComputed> dayZero = List.of(
                MetricsComputed.of(MetricsComputed.DRIFT, info, ref, cur, codec.tree(pipeline.drift(run.profile(), predictions)), 0, trace),
                MetricsComputed.of(MetricsComputed.PERFORMANCE, info, ref, cur, codec.tree(pipeline.performance(run.profile(), predictions)), 0, trace),
                MetricsComputed.of(MetricsComputed.QUALITY, info, ref, cur, codec.tree(pipeline.quality(predictions)), 0, trace));
        for (MetricsComputed s : dayZero) {
            bus.publish(exchange, s.type(), codec.encode(s));
        }
        String runId = info.runId();
        await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> reports.findByIdOptional(runId).isPresent()));
        assertThat(metric(runId, "performance", "recall")).isEmpty();
        assertThat(metric(runId, "estimated_performance", "recall")).isPresent();

        PerformanceSection realised = pipeline.performance(run.profile(), run.current());
        MetricsComputed event = MetricsComputed.of(MetricsComputed.PERFORMANCE, new RunInfo(runId, info.modelId(),
                info.snapshotDate(), info.referenceSource(), info.currentSource(), "labels.csv", info.startedAt(),
                info.referenceId(), info.referenceVersion()),
                ref, cur, codec.tree(realised), 0, trace);
        bus.publish(exchange, Channels.METRICS_PERFORMANCE_REALISED, codec.encode(event));
        bus.publish(exchange, Channels.METRICS_PERFORMANCE_REALISED, codec.encode(event));
        await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> reports.findById(runId).realisedAt != null));
        await().atMost(Duration.ofSeconds(30)).until(() -> bus.depth(realisedQueue) == 0);

        assertThat(metric(runId, "performance", "recall")).contains(realised.performance().recall());
        JsonNode snapshot = Json.mapper().readTree(given().get("/runs/{id}/snapshot", runId).then().statusCode(200)
                .extract().asString());
        assertThat(snapshot.at("/performance/recall").asDouble()).isEqualTo(realised.performance().recall());
        assertThat(snapshot.at("/run/inputs/labels").asText()).isEqualTo("labels.csv");
        given().get("/runs/{id}/report", runId).then().statusCode(200).body(containsString("ROC curve"));
        assertThat(QuarkusTransaction.requiringNew().call(() -> sections.count("runId", runId))).as("day 0 and realised").isEqualTo(4L);
    }

    @Test
    void raisedAlertsLandInTheAlertLogOnce() throws Exception {
        Alert alert = new Alert(Severity.HIGH, "psi_high", "psi", "psi", "account_age", null, 0.41, 0.25, false,
                "psi of account_age is 0.4100 (> 0.25)");
        AlertRaised raised = AlertRaised.of("run-alerted", "alerted-model", ChurnFixtures.DRIFTED_DATE, alert,
                TraceContext.newTraceparent());
        bus.publish(exchange, Channels.ALERT_RAISED, codec.encode(raised));
        bus.publish(exchange, Channels.ALERT_RAISED, codec.encode(raised));
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> alerts.count("eventId", raised.eventId())) == 1L);
        await().atMost(Duration.ofSeconds(30)).until(() -> bus.depth(alertQueue) == 0);
        assertThat(QuarkusTransaction.requiringNew().call(() -> alerts.count("modelId", "alerted-model"))).isEqualTo(1L);
        given().get("/models/{id}/alerts", "alerted-model").then().statusCode(200)
                .body("[0].severity", equalTo("HIGH")).body("[0].column", equalTo("account_age"))
                .body("[0].reportUrl", equalTo("/runs/run-alerted/report"));
    }

    private java.util.Optional<Double> metric(String runId, String category, String name) {
        return QuarkusTransaction.requiringNew().call(() -> history.find("runId = ?1 and category = ?2 and name = ?3",
                runId, category, name).firstResultOptional().map(m -> m.value));
    }

}
