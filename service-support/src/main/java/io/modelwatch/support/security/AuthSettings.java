package io.modelwatch.support.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.util.Optional;

/**
 * Who may call a service: API keys from the environment, per role. Keys are secrets: they are read from configuration
 * (in Kubernetes the Secret {@code modelwatch-secrets}) and never logged or served.
 */
@ConfigMapping(prefix = "modelwatch.auth")
public interface AuthSettings {

    /**
     * Whether requests must carry a key. Off only in the {@code dev} profile ({@code %dev.modelwatch.auth.enabled=false}
     * in the shared defaults); every other profile, the packaged service's included, requires a key.
     */
    @WithDefault("true")
    boolean enabled();

    /** Keys of the {@code admin} role (everything), comma-separated. Environment: {@code MODELWATCH_AUTH_ADMIN_KEYS}. */
    Optional<String> adminKeys();

    /** Keys of the {@code reader} role (GET only), comma-separated. Environment: {@code MODELWATCH_AUTH_READER_KEYS}. */
    Optional<String> readerKeys();

    /**
     * The key this service sends to another ModelWatch service, when not the first of its own keys. Environment:
     * {@code MODELWATCH_API_KEY} (the variable every client reads: CLI, scripts, CronJobs).
     */
    @WithName("client-key")
    Optional<String> clientKey();

    /**
     * Whether HTTP Basic is accepted too (any user name, the key as password) and asked for in the 401 challenge, so a
     * person can open the pages in a browser: on in report-service (dashboard, HTML reports), off elsewhere.
     */
    @WithDefault("false")
    boolean basic();

    /** The realm named in the {@code WWW-Authenticate} challenge. */
    @WithDefault("ModelWatch")
    String realm();
}
