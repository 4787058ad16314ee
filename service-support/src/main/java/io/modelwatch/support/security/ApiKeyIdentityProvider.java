package io.modelwatch.support.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/** Turns a presented key into an identity with its roles, or fails the authentication (401). */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    /** The principal of every key: keys are not people, and the key itself must never become a name in a log. */
    static final String PRINCIPAL = "api-key";

    private final ApiKeys keys;

    public ApiKeyIdentityProvider(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        Set<String> roles = keys.roles(request.key());
        if (roles.isEmpty()) {
            return Uni.createFrom().failure(new AuthenticationFailedException(keys.configured()
                    ? "the API key is not valid"
                    : "this service has no API key configured (" + ApiKeys.ADMIN_VARIABLE + "): it accepts no request"));
        }
        return Uni.createFrom().item(identity(roles));
    }

    static SecurityIdentity identity(Set<String> roles) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(PRINCIPAL)).addRoles(roles).build();
    }
}
