package io.modelwatch.report.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.core.report.Json;
import io.modelwatch.core.run.RunResult;
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

/** report-service against the real local RabbitMQ and PostgreSQL (test exchange and queue names). */
@QuarkusTest
class MetricsConsumerTest extends MetricsConsumerContract {

    @Inject
    RunReportRepository reports;

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

}
