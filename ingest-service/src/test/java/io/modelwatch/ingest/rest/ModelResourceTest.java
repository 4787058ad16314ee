package io.modelwatch.ingest.rest;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.run.ModelReference;
import io.modelwatch.core.synth.Scenario;
import io.modelwatch.core.synth.StreamingChurnGenerator;
import io.modelwatch.support.store.BatchStore;
import io.modelwatch.support.testing.TestBus;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * Models in the services (issue 11): a reference registered with a configuration given inline, by path, or inferred;
 * versions, retirement, the models' view; and an invalid configuration refused with the key and what was expected,
 * storing nothing. Against the real local PostgreSQL and RabbitMQ (test exchange names).
 */
@QuarkusTest
class ModelResourceTest {

    private static final LocalDate DAY = LocalDate.of(2026, 2, 2);
    private static TestBus bus;
    private static Path dir;
    private static Path reference;
    private static Path day;

    @Inject
    BatchStore store;

    @BeforeAll
    static void setUp() throws Exception {
        bus = TestBus.connect();
        dir = Files.createTempDirectory("ingest-models");
        reference = dir.resolve("streaming-reference.csv");
        StreamingChurnGenerator.of(Scenario.STABLE, LocalDate.of(2026, 1, 5), "R").write(reference, 1500, 41);
        day = dir.resolve("streaming-day.csv");
        StreamingChurnGenerator.of(Scenario.DRIFT, DAY, "C").write(day, 800, 42);
    }

    @AfterAll
    static void tearDown() throws Exception {
        bus.deleteTestNames();
        bus.close();
    }

    private static Map<String, Object> registration(String model, String config) {
        Map<String, Object> body = new HashMap<>(Map.of("modelId", model, "source", reference.toString()));
        if (config != null) {
            body.put("config", config);
        }
        return body;
    }

    @Test
    void anInvalidConfigIsRefusedNamingTheKeyAndWhatWasExpectedAndNothingIsStored() throws Exception {
        String model = "invalid-" + UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body(registration(model, "features:\n  - {name: plan, kind: number}\n"))
                .post("/references").then().statusCode(422).contentType(ContentType.JSON)
                .body("error", equalTo("config: features[0].kind: expected numeric or categorical, got 'number'"));
        given().contentType(ContentType.JSON).body(registration(model, "drift: {psi_bins: 1}\nfeatures: [{name: plan, kind: categorical}]"))
                .post("/references").then().statusCode(422)
                .body("error", equalTo("config: drift.psi_bins: expected a whole number in [2, 1000], got 1"));
        given().contentType(ContentType.JSON).body(registration(model, "model_id: [unclosed\n"))
                .post("/references").then().statusCode(422).body("error", containsString("config: not valid YAML"));

        // by path: the file is named, and a missing file is said to be missing
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "features:\n  - {name: plan, kind: categorical, min: 1}\n");
        given().contentType(ContentType.JSON).body(registration(model, file.toString()))
                .post("/references").then().statusCode(422).body("error", equalTo("config (" + file
                        + "): features[0].min: expected no min or max on a categorical feature (use allowed_values), got 1.0"));
        given().contentType(ContentType.JSON).body(registration(model, dir.resolve("absent.yaml").toString()))
                .post("/references").then().statusCode(422)
                .body("error", equalTo("'config': file '" + dir.resolve("absent.yaml") + "' does not exist or is not a file"));

        // a webhook URL is a secret: refused, and not repeated in the answer
        String url = "https://hooks.slack.com/services/T0/B0/very-secret";
        given().contentType(ContentType.JSON)
                .body(registration(model, "notifications:\n  slack_webhook_env: \"" + url + "\"\n"))
                .post("/references").then().statusCode(422)
                .body("error", containsString("config: notifications.slack_webhook_env: expected the name of the"))
                .body("error", not(containsString("very-secret")));

        assertThat(store.versions(model)).as("nothing stored for " + model).isEmpty();
        given().get("/models/{id}", model).then().statusCode(404).body("error", containsString("no model '" + model + "'"));
    }

    @Test
    void referencesAreVersionedARetiredVersionIsRefusedAndTheModelShowsItAll() throws Exception {
        String model = "streaming-" + UUID.randomUUID();
        // version 1: inferred from the reference (the deployment's defaults are the built-in configuration)
        given().contentType(ContentType.JSON).body(registration(model, null)).post("/references").then().statusCode(201)
                .body("version", equalTo(1)).body("configSource", equalTo("inferred")).body("features", equalTo(10));
        // version 2: inline, two features of the table (the default churn segments have no column here)
        String inline = """
                features:
                  - {name: plan, kind: categorical, allowed_values: [Basic, Standard, Premium]}
                  - {name: weekly_watch_hours, kind: numeric, min: 0}
                notifications: {slack_webhook_env: MODELWATCH_SLACK_WEBHOOK_STREAMING, email_high: [tv@example.com]}
                """;
        given().contentType(ContentType.JSON).body(registration(model, inline)).post("/references").then().statusCode(201)
                .body("version", equalTo(2)).body("configSource", equalTo("inline")).body("features", equalTo(2));
        // version 3: by path
        Path yaml = dir.resolve("streaming.yaml");
        Files.writeString(yaml, "features: [{name: devices, kind: numeric}]\n");
        given().contentType(ContentType.JSON).body(registration(model, yaml.toString())).post("/references").then()
                .statusCode(201).body("version", equalTo(3)).body("configSource", equalTo(yaml.toString()));

        Map<String, Object> run = new HashMap<>(Map.of("modelId", model, "date", DAY.toString(), "source", day.toString(),
                "rerun", true));
        given().contentType(ContentType.JSON).body(run).post("/runs").then().statusCode(202)
                .body("referenceVersion", equalTo(3));

        // retire version 3: runs fall back to version 2; asking for 3 is refused with the reason
        given().post("/models/{id}/versions/3/retire", model).then().statusCode(200)
                .body("version", equalTo(3)).body("retiredAt", not(nullValue()));
        String runId = given().contentType(ContentType.JSON).body(run).post("/runs").then().statusCode(202)
                .body("referenceVersion", equalTo(2)).extract().path("runId");
        run.put("referenceVersion", 3);
        given().contentType(ContentType.JSON).body(run).post("/runs").then().statusCode(409).contentType(ContentType.JSON)
                .body("error", containsString("reference version 3 of model '" + model + "' was retired at"))
                .body("error", containsString("use version 2"));
        run.put("referenceVersion", 9);
        given().contentType(ContentType.JSON).body(run).post("/runs").then().statusCode(422)
                .body("error", containsString("has no reference version 9; its versions are [1, 2, 3]"));
        given().post("/models/{id}/versions/9/retire", model).then().statusCode(404);

        // the models' view: schema of the current version, every version, the last run; alerts unavailable here
        given().get("/models").then().statusCode(200).body("modelId", hasItem(model));
        given().get("/models/{id}", model).then().statusCode(200)
                .body("currentVersion", equalTo(2)).body("schemaVersion", equalTo(2))
                .body("schema.features.name", equalTo(List.of("plan", "weekly_watch_hours")))
                .body("schema.roles.probability", equalTo("churn_probability"))
                .body("schema.notifications.slackWebhookEnv", equalTo("MODELWATCH_SLACK_WEBHOOK_STREAMING"))
                .body("versions.version", equalTo(List.of(1, 2, 3)))
                .body("versions.configSource", equalTo(List.of("inferred", "inline", yaml.toString())))
                .body("versions[2].retiredAt", not(nullValue())).body("versions[1].retiredAt", nullValue())
                .body("lastRun.runId", equalTo(runId)).body("lastRun.referenceVersion", equalTo(2))
                .body("openAlerts", nullValue())
                .body("openAlertsUnavailable", containsString("alert-service did not answer"));
        given().get("/models/{id}?version=3", model).then().statusCode(200)
                .body("schema.features.name", equalTo(List.of("devices")));

        // version 1's configuration is the one the CLI infers from the same reference, written out in full
        String v1 = given().get("/models/{id}/config?version=1", model).then().statusCode(200).extract().asString();
        MonitoringConfig inferred = ModelReference.read(s -> CsvReader.withDefaults().read(reference, s), null,
                ConfigLoader.defaults()).named(model).config();
        assertThat(ConfigLoader.parse(v1, "GET /models/" + model + "/config")).isEqualTo(inferred);

        // every version retired: no run until a new reference is registered
        given().post("/models/{id}/versions/2/retire", model).then().statusCode(200);
        given().post("/models/{id}/versions/1/retire", model).then().statusCode(200);
        run.remove("referenceVersion");
        given().contentType(ContentType.JSON).body(run).post("/runs").then().statusCode(409)
                .body("error", containsString("every reference version of model '" + model + "' is retired [1, 2, 3]"));
    }
}
