package io.modelwatch.report.rest;

import io.modelwatch.report.testing.DashboardHistory;
import io.modelwatch.report.testing.SixtyDays;
import io.quarkus.test.junit.QuarkusTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The dashboard's JSON against the database it reads, on 60 seeded days of two models. */
@QuarkusTest
class DashboardApiTest {

    @Inject
    EntityManager em;

    DashboardHistory.Seeded seeded;

    @BeforeEach
    void seed() {
        seeded = SixtyDays.get();
    }

    @Test
    void listsBothModelsWithSixtyRunsEach() {
        JsonPath models = given().get("/models").then().statusCode(200).extract().jsonPath();
        for (DashboardHistory.Model m : DashboardHistory.MODELS) {
            assertThat(models.getInt("find { it.modelId == '" + m.id() + "' }.runs")).isEqualTo(SixtyDays.DAYS);
            assertThat(models.getString("find { it.modelId == '" + m.id() + "' }.latest")).isEqualTo(seeded.last().toString());
        }
    }

    /**
     * The isolation-forest score is a metric of the trends page: one point per run from the 15th run on (a run needs
     * 14 earlier ones, anomaly.isolation_forest.min_history), each a score in (0, 1].
     */
    @Test
    void theIsolationForestScoreHasAPointPerRunFromTheFifteenthOn() {
        String model = "churn-eu";
        assertThat(json(given().queryParam("days", 365).get("/models/{id}/metrics/catalogue", model).then()
                .statusCode(200).extract().asString()).has("anomaly/isolation_forest_score")).isTrue();
        JsonNode series = json(given().queryParam("name", "anomaly/isolation_forest_score")
                .queryParam("since", seeded.first().toString())
                .get("/models/{id}/metrics", model).then().statusCode(200).extract().asString());
        assertThat(series.get("points")).hasSize(SixtyDays.DAYS - 14);
        assertThat(series.get("points").get(0).get("date").asText()).isEqualTo(seeded.first().plusDays(14).toString());
        series.get("points").forEach(p -> assertThat(p.get("value").asDouble()).isGreaterThan(0).isLessThanOrEqualTo(1));
    }

    @Test
    void metricHistoryIsTheDatabasesOnePointPerRun() {
        String model = "churn-eu";
        JsonNode series = json(given().queryParam("name", "psi/psi").queryParam("column", "account_age")
                .queryParam("since", seeded.first().toString())
                .get("/models/{id}/metrics", model).then().statusCode(200).extract().asString());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select snapshot_date, value from report.run_metrics where model_id = ?1 and category = 'psi'
                and name = 'psi' and "column" = 'account_age' order by snapshot_date""")
                .setParameter(1, model).getResultList();
        assertThat(rows).hasSize(SixtyDays.DAYS);
        assertThat(series.get("points")).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode p = series.get("points").get(i);
            assertThat(p.get("date").asText()).isEqualTo(rows.get(i)[0].toString());
            assertThat(p.get("value").asDouble()).isEqualTo(((Number) rows.get(i)[1]).doubleValue());
        }
    }

    @Test
    void maturedCohortsShowRealisedRecallAndRecentOnesTheEstimateWithItsBand() {
        JsonNode p = json(given().queryParam("metric", "recall").queryParam("since", seeded.first().toString())
                .get("/models/{id}/performance", "churn-us").then().statusCode(200).extract().asString());
        int matured = SixtyDays.DAYS - DashboardHistory.MATURED_AFTER_DAYS;
        assertThat(p.get("realised")).hasSize(matured);
        assertThat(p.get("estimated")).hasSize(SixtyDays.DAYS);
        assertThat(p.get("estimated").get(0).get("lower").asDouble()).isLessThan(p.get("estimated").get(0).get("value").asDouble());
        Object realisedFirst = em.createNativeQuery("""
                select value from report.run_metrics where run_id = ?1 and category = 'performance' and name = 'recall'""")
                .setParameter(1, seeded.runs().get("churn-us").get(seeded.first())).getSingleResult();
        assertThat(p.get("realised").get(0).get("value").asDouble()).isEqualTo(((Number) realisedFirst).doubleValue());
    }

    static JsonNode json(String body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void badParametersAnswer400NamingTheField() {
        given().queryParam("name", "recall").get("/models/{id}/metrics", "churn-eu").then().statusCode(400)
                .body("field", equalTo("name")).body("error", containsString("category/name"));
        given().queryParam("name", "performance/recall").queryParam("since", "yesterday")
                .get("/models/{id}/metrics", "churn-eu").then().statusCode(400).body("field", equalTo("since"));
        given().queryParam("severity", "URGENT").get("/models/{id}/alerts", "churn-eu").then().statusCode(400)
                .body("field", equalTo("severity"));
        given().get("/dashboard/{id}", "no-such-model").then().statusCode(404);
    }

    @Test
    void openApiDocumentsTheMetricsEndpoint() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("/models/{id}/metrics"));
    }

    @Test
    void servesEchartsItself() {
        given().get("/webjars/echarts/dist/echarts.min.js").then().statusCode(200).body(containsString("echarts"));
    }
}
