package io.modelwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged services (profile prod) as an outsider meets them: no key, a wrong key or a reader key on a change is
 * refused with a JSON body; a file outside {@code MODELWATCH_SOURCES_ROOTS} is refused without a byte of it coming
 * back; and no service's log (startup included) shows a key.
 */
@ExtendWith(Deployment.Extension.class)
class SecurityEndToEndIT {

    private static Deployment deployment;

    @BeforeAll
    static void start(Deployment started) {
        deployment = started;
    }

    @Test
    void everyServiceRefusesRequestsWithoutAValidKeyAndKeepsItsHealthOpen() throws Exception {
        for (String service : ServiceProcesses.SERVICES) {
            HttpResponse<String> none = deployment.getAs(service, "/status");
            assertThat(none.statusCode()).as(service).isEqualTo(401);
            assertThat(deployment.mapper.readTree(none.body()).path("field").asText()).isEqualTo("X-API-Key");
            assertThat(deployment.getAs(service, "/status", "X-API-Key", "wrong").statusCode()).as(service).isEqualTo(401);
            assertThat(deployment.get(service, "/status").statusCode()).as(service).isEqualTo(200);
            assertThat(deployment.getAs(service, "/q/health/live").statusCode()).as(service).isEqualTo(200);
        }
    }

    @Test
    void startingARunNeedsAnAdminKey() throws Exception {
        String body = "{\"modelId\":\"churn\",\"date\":\"2024-03-01\",\"source\":\"warehouse:\"}";
        assertThat(deployment.postAs("ingest-service", "/runs", body).statusCode()).isEqualTo(401);
        HttpResponse<String> reader = deployment.postAs("ingest-service", "/runs", body,
                "Authorization", "Bearer " + Deployment.READER_KEY);
        assertThat(reader.statusCode()).as(reader.body()).isEqualTo(403);
    }

    @Test
    void aFileOutsideTheRootsIsRefusedAndNotEchoed() throws Exception {
        for (String source : new String[] {"/etc/passwd", "../../etc/shadow", deployment.data + "/../../../etc/passwd"}) {
            HttpResponse<String> r = deployment.postAs("ingest-service", "/references",
                    "{\"modelId\":\"hostile\",\"source\":\"" + source + "\"}", "X-API-Key", Deployment.ADMIN_KEY);
            assertThat(r.statusCode()).as(source + ": " + r.body()).isEqualTo(403);
            JsonNode error = deployment.mapper.readTree(r.body());
            assertThat(error.path("field").asText()).isEqualTo("source");
            assertThat(r.body()).doesNotContain("root:");
        }
    }

    @Test
    void noLogShowsAKey() throws Exception {
        for (String service : ServiceProcesses.SERVICES) {
            Path log = deployment.log(service);
            String text = Files.readString(log);
            assertThat(text).as(service).contains("authentication on: 1 admin key(s), 1 reader key(s)");
            assertThat(text).as(service).doesNotContain(Deployment.ADMIN_KEY).doesNotContain(Deployment.READER_KEY);
        }
    }
}
