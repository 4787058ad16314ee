package io.modelwatch.support.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the API key of a request: {@value #API_KEY_HEADER}, {@code Authorization: Bearer <key>}, and where
 * {@code modelwatch.auth.basic} is on (report-service, for a person with a browser) {@code Authorization: Basic} with
 * any user name and the key as password. A request without any is anonymous, and the permission of its path decides
 * (the health checks and metrics are open, everything else answers 401 with a challenge). With authentication off
 * (dev profile) every request is admin.
 */
@ApplicationScoped
public class ApiKeyMechanism implements HttpAuthenticationMechanism {

    public static final String API_KEY_HEADER = "X-API-Key";

    private final ApiKeys keys;
    private final AuthSettings settings;

    public ApiKeyMechanism(ApiKeys keys, AuthSettings settings) {
        this.keys = keys;
        this.settings = settings;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (!keys.enabled()) {
            return Uni.createFrom().item(ApiKeyIdentityProvider.identity(Set.of(Roles.ADMIN, Roles.READER)));
        }
        String key;
        try {
            key = presentedKey(context);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new AuthenticationFailedException(e.getMessage()));
        }
        if (key == null) {
            return Uni.createFrom().optional(java.util.Optional.empty());
        }
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                new ApiKeyAuthenticationRequest(key), context));
    }

    /** The key a request carries, or {@code null}. */
    String presentedKey(RoutingContext context) {
        String header = context.request().getHeader(API_KEY_HEADER);
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        String authorization = context.request().getHeader("Authorization");
        if (authorization == null || authorization.isBlank()) {
            return null;
        }
        String value = authorization.trim();
        String scheme = value.contains(" ") ? value.substring(0, value.indexOf(' ')).toLowerCase(Locale.ROOT) : "";
        String credentials = value.substring(scheme.length()).trim();
        if (scheme.equals("bearer") && !credentials.isEmpty()) {
            return credentials;
        }
        if (scheme.equals("basic") && settings.basic()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the Basic credentials are not base64");
            }
            int colon = decoded.indexOf(':');
            String password = colon < 0 ? "" : decoded.substring(colon + 1);
            return password.isEmpty() ? null : password;
        }
        return null;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", challenge()));
    }

    /** A request without a key on a path that needs one: 401 with the challenge and a JSON body. */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (!context.response().ended()) {
            SecurityErrorResponses.unauthorized(context, challenge(), keys.configured() ? "an API key is required"
                    : "this service has no API key configured (" + ApiKeys.ADMIN_VARIABLE + "): it accepts no request");
        }
        return Uni.createFrom().item(true);
    }

    /** What the 401 asks for: Basic where a browser may answer, else Bearer. */
    public String challenge() {
        return (settings.basic() ? "Basic" : "Bearer") + " realm=\"" + settings.realm() + "\"";
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyAuthenticationRequest.class);
    }
}
