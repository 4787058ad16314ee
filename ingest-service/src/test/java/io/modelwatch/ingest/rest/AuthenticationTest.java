package io.modelwatch.ingest.rest;

import io.modelwatch.support.testing.ApiKeyContract;
import io.modelwatch.support.testing.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** ingest-service's API keys: reads for a reader, runs, references, labels and retirement for an admin only. */
@QuarkusTest
class AuthenticationTest extends ApiKeyContract {

    @Override
    protected String readPath() {
        return "/models";
    }

    @Override
    protected String adminPath() {
        return "/runs";
    }

    @Test
    void everyEndpointThatChangesStateRefusesAReaderKey() throws Exception {
        for (String path : new String[] {"/runs", "/references", "/labels", "/runs/some-run/announce",
                "/models/churn/versions/1/retire"}) {
            var r = post(path, "{}", "X-API-Key", TestKeys.READER);
            assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(403);
            var none = post(path, "{}");
            assertThat(none.statusCode()).as(path + " " + none.body()).isEqualTo(401);
        }
        for (String path : new String[] {"/models", "/models/churn", "/models/churn/config", "/runs/some-run"}) {
            var r = get(path);
            assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(401);
        }
    }

    @Test
    void httpBasicIsNotAcceptedOutsideTheDashboard() throws Exception {
        var r = get("/models", "Authorization", basic(TestKeys.ADMIN));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }
}
