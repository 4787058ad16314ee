package io.modelwatch.alert.rest;

import io.modelwatch.alert.service.AlertRecorder;
import io.modelwatch.alert.testing.TestAlerts;
import io.modelwatch.core.config.Severity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** {@code GET /alerts} and its CSV export (default profile: no channel configured, nothing is queued). */
@QuarkusTest
class AlertLogResourceTest {

    private static final Instant T0 = Instant.parse("2031-05-01T06:00:00Z");

    @Inject
    AlertRecorder recorder;

    private String modelWithTwoRuns() {
        String model = TestAlerts.newModel();
        QuarkusTransaction.requiringNew().run(() -> recorder.recordRun(TestAlerts.run(model, LocalDate.parse("2031-05-01")),
                List.of(TestAlerts.psi("account_age", Severity.HIGH, 0.41, 0.25),
                        TestAlerts.psi("tenure", Severity.MEDIUM, 0.2, 0.1)),
                List.of(TestAlerts.psiRow("account_age", 0.41), TestAlerts.psiRow("tenure", 0.2)), T0));
        QuarkusTransaction.requiringNew().run(() -> recorder.recordRun(TestAlerts.run(model, LocalDate.parse("2031-05-02")),
                List.of(TestAlerts.psi("account_age", Severity.HIGH, 0.5, 0.25)),
                List.of(TestAlerts.psiRow("account_age", 0.5), TestAlerts.psiRow("tenure", 0.01)), T0.plus(Duration.ofHours(12))));   // within the cooldown
        return model;
    }

    @Test
    void filtersBySinceAndSeverity() {
        String model = modelWithTwoRuns();
        given().queryParam("model", model).get("/alerts").then().statusCode(200)
                .body("$", hasSize(3))
                .body("[0].severity", equalTo("HIGH")).body("[0].decision", equalTo("NEW"))
                .body("[0].resolvedAt", equalTo(null))
                .body("[1].severity", equalTo("MEDIUM")).body("[1].resolvedAt", containsString("2031-05-01T18:00"))
                .body("[2].decision", equalTo("REPEAT"));
        given().queryParam("model", model).queryParam("severity", "high").get("/alerts").then().statusCode(200)
                .body("$", hasSize(2));
        given().queryParam("model", model).queryParam("since", "2031-05-01").get("/alerts").then().statusCode(200)
                .body("$", hasSize(3));
        given().queryParam("model", model).queryParam("since", "2031-05-02").get("/alerts").then().statusCode(200)
                .body("$", hasSize(0));
        given().queryParam("model", model).queryParam("since", "2031-05-01T06:00:00.001Z").get("/alerts").then()
                .statusCode(200).body("$", hasSize(1)).body("[0].metricValue", equalTo(0.5f));
    }

    @Test
    void exportsCsvAsAFileOrWithFormatCsv() {
        String model = modelWithTwoRuns();
        String csv = given().queryParam("model", model).get("/alerts.csv").then().statusCode(200)
                .contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("alerts.csv"))
                .extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo(AlertLogCsv.HEADER);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).contains("," + model + ",run-").contains(",NEW,,HIGH,psi_high,psi,psi,account_age,,0.41,0.25,false,");
        String same = given().queryParam("model", model).queryParam("format", "csv").get("/alerts").then()
                .statusCode(200).extract().asString();
        assertThat(same).isEqualTo(csv);
    }

    @Test
    void aBadParameterIsA400NamingIt() {
        given().queryParam("severity", "urgent").get("/alerts").then().statusCode(400)
                .body("error", containsString("urgent")).body("field", org.hamcrest.Matchers.equalTo("severity"));
        given().queryParam("since", "yesterday").get("/alerts").then().statusCode(400)
                .body("error", containsString("yesterday")).body("field", org.hamcrest.Matchers.equalTo("since"));
        given().queryParam("format", "xml").get("/alerts").then().statusCode(400)
                .body("error", containsString("xml")).body("field", org.hamcrest.Matchers.equalTo("format"));
    }
}
