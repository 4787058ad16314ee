package io.modelwatch.support.security;

/**
 * The two roles of a ModelWatch API key. Which requests need which is configured once for every service
 * ({@code quarkus.http.auth.permission.*} in the shared defaults): {@code GET}/{@code HEAD} need {@link #READER},
 * every other method {@link #ADMIN}; {@code /q/health/*} and {@code /q/metrics} are open.
 */
public final class Roles {

    /** Reads: runs, models, alerts, reports, the dashboard, {@code /status}. */
    public static final String READER = "reader";
    /** Everything a reader may, and what changes state: runs, references, labels, retirement, replay. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
