package io.modelwatch.support.testing;

import io.modelwatch.support.security.ApiKeyMechanism;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * The API keys of the test profile ({@code %test.modelwatch.auth.*} in service-support's defaults), and the callback
 * (registered in {@code META-INF/services}) that makes every {@code @QuarkusTest}'s RestAssured request carry the
 * admin key unless it names a key itself. Tests of authentication itself send their requests with
 * {@link java.net.http.HttpClient}, with exactly the headers they mean.
 */
public final class TestKeys implements QuarkusTestBeforeEachCallback {

    /** Must equal {@code %test.modelwatch.auth.admin-keys}. */
    public static final String ADMIN = "test-admin-key";
    /** Must equal {@code %test.modelwatch.auth.reader-keys}. */
    public static final String READER = "test-reader-key";

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (RestAssured.filters().stream().noneMatch(f -> f instanceof AdminKey)) {
            RestAssured.filters(new AdminKey());
        }
    }

    /** Adds the admin key to a request that carries no credentials of its own. */
    static final class AdminKey implements Filter {
        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                               FilterContext context) {
            if (!request.getHeaders().hasHeaderWithName(ApiKeyMechanism.API_KEY_HEADER)
                    && !request.getHeaders().hasHeaderWithName("Authorization")) {
                request.header(ApiKeyMechanism.API_KEY_HEADER, ADMIN);
            }
            return context.next(request, response);
        }
    }
}
