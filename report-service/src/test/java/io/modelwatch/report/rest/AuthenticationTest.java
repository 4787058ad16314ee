package io.modelwatch.report.rest;

import io.modelwatch.support.testing.ApiKeyContract;
import io.modelwatch.support.testing.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * report-service's API keys, and HTTP Basic for a person with a browser: the dashboard's 401 asks for Basic, and any
 * user name with a key as password opens the pages, the reports and the JSON the pages fetch.
 */
@QuarkusTest
class AuthenticationTest extends ApiKeyContract {

    @Override
    protected String readPath() {
        return "/models";
    }

    @Override
    protected String adminPath() {
        return "/models";
    }

    @Test
    void theDashboardAsksABrowserForBasicAndAcceptsAKeyAsPassword() throws Exception {
        var none = get("/dashboard");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"ModelWatch\"");
        for (String path : new String[] {"/", "/dashboard", "/models", "/runs/no-such-run/report", "/dashboard/dashboard.js"}) {
            var r = get(path, "Authorization", basic(TestKeys.READER));
            assertThat(r.statusCode()).as(path + " " + r.body()).isNotIn(401, 403);
        }
        var wrong = get("/dashboard", "Authorization", basic("not-a-key"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        var reader = post("/models", "{}", "Authorization", basic(TestKeys.READER));
        assertThat(reader.statusCode()).isEqualTo(403);
    }
}
