package io.modelwatch.support.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A key presented by a request ({@code X-API-Key}, {@code Authorization: Bearer}, or a Basic password). */
public final class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return "ApiKeyAuthenticationRequest[key=****]";
    }
}
