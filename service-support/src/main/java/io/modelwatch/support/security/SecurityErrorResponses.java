package io.modelwatch.support.security;

import io.quarkus.security.AuthenticationException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A refused request answers like every other 4xx of ModelWatch: a JSON body {@code {"error", "field"}} naming what
 * to send ({@value ApiKeyMechanism#API_KEY_HEADER}). 401 (no key, or a key that is not valid) keeps the
 * {@code WWW-Authenticate} challenge; 403 says which role the request needs. The key itself is never echoed.
 */
@ApplicationScoped
public class SecurityErrorResponses {

    private final ApiKeyMechanism mechanism;

    public SecurityErrorResponses(ApiKeyMechanism mechanism) {
        this.mechanism = mechanism;
    }

    void install(@Observes Router router) {
        router.route().failureHandler(this::handle);
    }

    void handle(RoutingContext context) {
        Throwable failure = context.failure();
        if (context.response().ended() || context.response().headWritten()) {
            context.next();
            return;
        }
        if (failure instanceof AuthenticationException || failure instanceof UnauthorizedException) {
            String reason = failure.getMessage() == null || failure.getMessage().isBlank()
                    ? "an API key is required" : failure.getMessage();
            unauthorized(context, mechanism.challenge(), reason);
        } else if (failure instanceof ForbiddenException) {
            String method = context.request().method().name();
            end(context, 403, "the API key's role may not " + method + " " + context.request().path()
                    + ": this needs the " + Roles.ADMIN + " role");
        } else {
            context.next();
        }
    }

    /** 401 with the challenge and a body saying how to send a key. */
    static void unauthorized(RoutingContext context, String challenge, String reason) {
        context.response().putHeader("WWW-Authenticate", challenge);
        end(context, 401, reason + ": send it as '" + ApiKeyMechanism.API_KEY_HEADER
                + ": <key>' or 'Authorization: Bearer <key>'");
    }

    private static void end(RoutingContext context, int status, String error) {
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", error).put("field", ApiKeyMechanism.API_KEY_HEADER).encode());
    }
}
