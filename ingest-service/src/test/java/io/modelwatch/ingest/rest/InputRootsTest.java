package io.modelwatch.ingest.rest;

import io.modelwatch.support.testing.ChurnFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * ingest-service reads files only inside {@code modelwatch.sources.roots} (the test profile: the temporary directory)
 * and URLs only from listed hosts (none here). A refused path answers 403 naming the field, and never a byte of the
 * file: the first line of {@code /etc/passwd} ({@code root:x:0:0:…}) must not come back.
 */
@QuarkusTest
class InputRootsTest {

    /** What /etc/passwd's first line starts with on every Linux: the content that used to leak. */
    static final String PASSWD_CONTENT = "root:";

    private static Path dir;

    @BeforeAll
    static void files() throws Exception {
        assertThat(Path.of("/etc/passwd")).as("the test reads nothing, but names a file that exists").exists();
        dir = Files.createTempDirectory("ingest-roots");
        ChurnFixtures.reference(dir);
        ChurnFixtures.drifted(dir);
        Files.createSymbolicLink(dir.resolve("passwd.csv"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(dir.resolve("etc"), Path.of("/etc"));
    }

    private static ValidatableResponse register(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/references").then();
    }

    private static ValidatableResponse refused(ValidatableResponse r, String field) {
        return r.statusCode(403).contentType(ContentType.JSON).body("field", equalTo(field))
                .body("error", containsString("refused"))
                .body(org.hamcrest.Matchers.not(containsString(PASSWD_CONTENT)));
    }

    @Test
    void aFileOutsideTheRootsIsRefusedWithoutReadingIt() {
        refused(register(Map.of("modelId", model(), "source", "/etc/passwd")), "source")
                .body("error", containsString("outside the allowed roots"));
        refused(register(Map.of("modelId", model(), "source", "file:///etc/passwd")), "source");
    }

    @Test
    void dotDotEscapesAreRefused() {
        refused(register(Map.of("modelId", model(), "source", "../../etc/shadow")), "source")
                .body("error", containsString("'..'"));
        refused(register(Map.of("modelId", model(), "source", dir + "/../../etc/shadow")), "source");
    }

    @Test
    void aSymbolicLinkInsideARootPointingOutsideIsRefused() {
        refused(register(Map.of("modelId", model(), "source", dir.resolve("passwd.csv").toString())), "source")
                .body("error", containsString("link"));
        refused(register(Map.of("modelId", model(), "source", dir.resolve("etc/passwd").toString())), "source");
    }

    @Test
    void theConfigAndTheLabelsAreHeldToTheSameRoots() {
        refused(register(Map.of("modelId", model(), "source", dir.resolve("reference.csv").toString(),
                "config", "/etc/passwd")), "config");
        String model = model();
        register(Map.of("modelId", model, "source", dir.resolve("reference.csv").toString())).statusCode(201);
        refused(given().contentType(ContentType.JSON)
                .body(Map.of("modelId", model, "date", "2024-03-01", "source", dir.resolve("passwd.csv").toString()))
                .post("/runs").then(), "source");
        given().contentType(ContentType.JSON).body(Map.of("modelId", model, "date", ChurnFixtures.DRIFTED_DATE.toString(),
                "source", dir.resolve("drifted.csv").toString())).post("/runs").then().statusCode(202);
        refused(given().contentType(ContentType.JSON)
                .body(Map.of("modelId", model, "date", ChurnFixtures.DRIFTED_DATE.toString(), "source", "/etc/passwd"))
                .post("/labels").then(), "source");
    }

    @Test
    void aUrlToAHostNotListedIsRefused() {
        refused(register(Map.of("modelId", model(), "source", "http://169.254.169.254/latest/meta-data")), "source")
                .body("error", containsString("MODELWATCH_SOURCES_HOSTS"));
    }

    @Test
    void aFileInsideARootIsRead() {
        register(Map.of("modelId", model(), "source", dir.resolve("reference.csv").toString()))
                .statusCode(201).body("rowCount", equalTo(ChurnFixtures.ROWS));
    }

    private static String model() {
        return "roots-" + UUID.randomUUID();
    }
}
