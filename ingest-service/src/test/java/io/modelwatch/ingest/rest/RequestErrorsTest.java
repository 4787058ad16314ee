package io.modelwatch.ingest.rest;

import io.modelwatch.support.testing.ChurnFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** Every 4xx of ingest-service has a JSON body naming the field: malformed JSON, bad dates, missing fields. */
@QuarkusTest
class RequestErrorsTest {

    private static Path dir;

    @BeforeAll
    static void files() throws Exception {
        dir = Files.createTempDirectory("ingest-errors");
        ChurnFixtures.reference(dir);
    }

    @Test
    void malformedJsonAnswers400NamingWhereTheParserStopped() {
        given().contentType(ContentType.JSON).body("{\"modelId\": \"churn\", \"date\": ")
                .post("/runs").then().statusCode(400).contentType(ContentType.JSON)
                .body("error", containsString("malformed JSON")).body("field", equalTo("date"));
        given().contentType(ContentType.JSON).body("not json at all")
                .post("/references").then().statusCode(400)
                .body("error", containsString("malformed JSON")).body("field", equalTo("body"));
    }

    @Test
    void aDateThatIsNoDateAnswers400NamingTheField() {
        given().contentType(ContentType.JSON)
                .body(Map.of("modelId", "churn", "date", "2024-13-45", "source", "/tmp/x.csv"))
                .post("/runs").then().statusCode(400).contentType(ContentType.JSON)
                .body("field", equalTo("date"))
                .body("error", allOf(containsString("ISO date"), containsString("2024-13-45")));
        given().contentType(ContentType.JSON)
                .body(Map.of("modelId", "churn", "date", "2024-13-45", "source", "/tmp/x.csv"))
                .post("/labels").then().statusCode(400).body("field", equalTo("date"));
    }

    @Test
    void aValueOfTheWrongTypeAnswers400NamingTheField() {
        given().contentType(ContentType.JSON)
                .body(Map.of("modelId", "churn", "date", "2024-03-01", "source", "/tmp/x.csv", "referenceVersion", "two"))
                .post("/runs").then().statusCode(400)
                .body("field", equalTo("referenceVersion")).body("error", containsString("an integer"));
    }

    /** Values Jackson parses but PostgreSQL cannot store: refused by the request record, named like any other. */
    @Test
    void aFieldPostgresCannotStoreAnswers422NamingIt() {
        // a JSON number is read as an epoch day: 2147483647 is a date in the year 5,881,580
        given().contentType(ContentType.JSON)
                .body(Map.of("modelId", "churn", "date", 2147483647, "source", "/tmp/x.csv"))
                .post("/runs").then().statusCode(422).contentType(ContentType.JSON)
                .body("field", equalTo("date")).body("error", containsString("9999-12-31"));
        given().contentType(ContentType.JSON)
                .body(Map.of("modelId", "churn\u0000", "date", "2024-03-01", "source", "/tmp/x.csv"))
                .post("/labels").then().statusCode(422).body("field", equalTo("modelId"))
                .body("error", containsString("NUL"));
        given().contentType(ContentType.JSON)
                .body(Map.of("modelId", "churn", "source", "/tmp/x.csv", "config", "a\u0000b"))
                .post("/references").then().statusCode(422).body("field", equalTo("config"));
    }

    @Test
    void missingRequiredFieldsAnswer422NamingThem() {
        given().contentType(ContentType.JSON).body(Map.of("modelId", "churn", "source", "/tmp/x.csv"))
                .post("/runs").then().statusCode(422).body("field", equalTo("date"));
        given().contentType(ContentType.JSON).body(Map.of("modelId", "m-" + UUID.randomUUID()))
                .post("/references").then().statusCode(422).body("field", equalTo("source"));
        given().contentType(ContentType.JSON).body(Map.of("modelId", "churn", "source", "/tmp/x.csv"))
                .post("/labels").then().statusCode(422).body("field", equalTo("date"));
    }

    @Test
    void anInvalidConfigurationNamesTheConfigField() {
        given().contentType(ContentType.JSON)
                .body(Map.of("modelId", "m-" + UUID.randomUUID(), "source", dir.resolve("reference.csv").toString(),
                        "config", "features: [{name: x, kind: number}]"))
                .post("/references").then().statusCode(422).body("field", equalTo("config"))
                .body("error", not(containsString("root:")));
    }

    @Test
    void anUnknownRunAnswers404WithABody() {
        given().get("/runs/{id}", "no-such-run").then().statusCode(404).contentType(ContentType.JSON)
                .body("error", containsString("no-such-run"));
    }
}
