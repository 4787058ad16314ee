package io.modelwatch.drift.rest;

import io.modelwatch.support.testing.ApiKeyContract;
import io.quarkus.test.junit.QuarkusTest;

/** drift-service's API keys: {@code /status} for a reader, a change (POST /status) for an admin only. */
@QuarkusTest
class AuthenticationTest extends ApiKeyContract {

    @Override
    protected String readPath() {
        return "/status";
    }

    @Override
    protected String adminPath() {
        return "/status";
    }
}
