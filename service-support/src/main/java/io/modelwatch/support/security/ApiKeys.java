package io.modelwatch.support.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The keys this service accepts and the roles each gives. An admin key is also a reader. Keys are compared in
 * constant time (a SHA-256 of each, so the comparison does not depend on where two keys differ or on their
 * lengths). A service started with authentication on and no key configured accepts no key at all (fail closed) and
 * says at startup which variable to set.
 */
@ApplicationScoped
public class ApiKeys {

    static final String ADMIN_VARIABLE = "MODELWATCH_AUTH_ADMIN_KEYS";
    static final String READER_VARIABLE = "MODELWATCH_AUTH_READER_KEYS";
    private static final Logger LOG = Logger.getLogger(ApiKeys.class);

    private final boolean enabled;
    private final List<byte[]> admin;
    private final List<byte[]> reader;
    private final Optional<String> outgoing;

    public ApiKeys(AuthSettings settings) {
        this.enabled = settings.enabled();
        this.admin = digests(settings.adminKeys());
        this.reader = digests(settings.readerKeys());
        this.outgoing = settings.clientKey().filter(k -> !k.isBlank()).map(String::trim)
                .or(() -> first(settings.readerKeys())).or(() -> first(settings.adminKeys()));
    }

    /**
     * The key this service sends when it calls another ModelWatch service (ingest asks alert-service for open alerts):
     * {@code MODELWATCH_API_KEY}, else the first reader key, else the first admin key of its own configuration (the
     * services of one deployment accept the same keys).
     */
    public Optional<String> outgoingKey() {
        return outgoing;
    }

    private static Optional<String> first(Optional<String> keys) {
        return keys.flatMap(k -> Arrays.stream(k.split(",")).map(String::trim).filter(s -> !s.isEmpty()).findFirst());
    }

    void logAtStartup(@Observes StartupEvent start) {
        if (!enabled) {
            LOG.warn("authentication is OFF (modelwatch.auth.enabled=false, the dev profile): every request is admin");
        } else if (!configured()) {
            LOG.errorf("no API key is configured: every request except /q/health and /q/metrics is refused (401)."
                    + " Set %s (comma-separated admin keys) and optionally %s (reader keys)", ADMIN_VARIABLE,
                    READER_VARIABLE);
        } else {
            LOG.infof("authentication on: %d admin key(s), %d reader key(s)", admin.size(), reader.size());
        }
    }

    /** Whether requests must carry a key. */
    public boolean enabled() {
        return enabled;
    }

    /** Whether any key is configured (otherwise, with authentication on, nothing gets in). */
    public boolean configured() {
        return !admin.isEmpty() || !reader.isEmpty();
    }

    /** The roles a presented key gives; empty when the key is unknown. */
    public Set<String> roles(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Set.of();
        }
        byte[] digest = sha256(presented);
        Set<String> roles = new LinkedHashSet<>();
        if (matches(admin, digest)) {
            roles.add(Roles.ADMIN);
            roles.add(Roles.READER);
        }
        if (matches(reader, digest)) {
            roles.add(Roles.READER);
        }
        return roles;
    }

    private static boolean matches(List<byte[]> keys, byte[] digest) {
        boolean found = false;
        for (byte[] k : keys) {
            found |= MessageDigest.isEqual(k, digest);   // no early exit: the time does not tell which key matched
        }
        return found;
    }

    private static List<byte[]> digests(Optional<String> keys) {
        return keys.map(k -> Arrays.stream(k.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(ApiKeys::sha256).toList()).orElse(List.of());
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
