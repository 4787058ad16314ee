package io.modelwatch.alert.rest;

import io.modelwatch.support.testing.ApiKeyContract;
import io.quarkus.test.junit.QuarkusTest;

/** alert-service's API keys: {@code /alerts} for a reader, a change (POST /alerts) for an admin only. */
@QuarkusTest
class AuthenticationTest extends ApiKeyContract {

    @Override
    protected String readPath() {
        return "/alerts";
    }

    @Override
    protected String adminPath() {
        return "/alerts";
    }
}
