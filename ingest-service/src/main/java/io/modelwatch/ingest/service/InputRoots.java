package io.modelwatch.ingest.service;

import io.modelwatch.ingest.config.SourceSettings;
import io.modelwatch.support.rest.InvalidFieldException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The allow-list of what a request may make ingest-service read ({@link SourceSettings}). A path is checked before
 * anything is opened: it must be absolute, have no {@code ..} segment and lie in a root; then its real path (every
 * symbolic link followed) must still lie in a root, so a link pointing outside is refused too. A URL must be
 * {@code http(s)} to a listed host. A refusal answers 403 naming the field and the allowed roots or hosts; it never
 * says whether a file outside the roots exists, and never quotes a byte of it.
 */
@ApplicationScoped
public class InputRoots {

    static final String ROOTS_VARIABLE = "MODELWATCH_SOURCES_ROOTS";
    static final String HOSTS_VARIABLE = "MODELWATCH_SOURCES_HOSTS";
    private static final Logger LOG = Logger.getLogger(InputRoots.class);

    /** The roots as configured (absolute, normalised) and as real paths: a path must lie in one of each. */
    private final List<Path> configuredRoots;
    private final List<Path> roots;
    private final List<String> hosts;

    public InputRoots(SourceSettings settings) {
        this.roots = realRoots(split(settings.roots()));
        this.configuredRoots = split(settings.roots()).stream().map(r -> Path.of(r).toAbsolutePath().normalize()).toList();
        this.hosts = split(settings.hosts()).stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * The real path of a local file a request names, once it is known to be inside a root.
     *
     * @param location a path or {@code file:} URI
     * @param field    the request field, named in errors
     * @throws InvalidFieldException 403 outside the roots, 422 when it is inside but missing or not a regular file
     */
    public Path file(String location, String field) {
        Path path;
        try {
            path = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new InvalidFieldException(field, "'" + field + "': '" + location + "' is not a valid path");
        }
        for (Path segment : path) {
            if (segment.toString().equals("..")) {
                throw refused(field, location, "'..' is not allowed in a path");
            }
        }
        if (!path.isAbsolute()) {
            throw new InvalidFieldException(field, "'" + field + "': expected an absolute path inside " + describeRoots()
                    + ", got '" + location + "'");
        }
        if (roots.isEmpty()) {
            throw refused(field, location, "no input root is configured (set " + ROOTS_VARIABLE + ")");
        }
        Path lexical = path.normalize();
        if (!inRoots(lexical) && configuredRoots.stream().noneMatch(lexical::startsWith)) {
            throw refused(field, location, "it is outside the allowed roots " + describeRoots());
        }
        if (!Files.exists(path)) {
            throw new InvalidFieldException(field, "'" + field + "': file '" + location + "' does not exist or is not a file");
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw new InvalidFieldException(field, "'" + field + "': file '" + location + "' cannot be resolved");
        }
        if (!inRoots(real)) {
            throw refused(field, location, "it is a link to a file outside the allowed roots " + describeRoots());
        }
        if (!Files.isRegularFile(real)) {
            throw new InvalidFieldException(field, "'" + field + "': file '" + location + "' does not exist or is not a file");
        }
        return real;
    }

    /**
     * A URL a request names, once its scheme and host are allowed.
     *
     * @throws InvalidFieldException 403 for a host not listed (or no host listed), 422 for a malformed URL
     */
    public URI url(String location, String field) {
        URI uri;
        try {
            uri = URI.create(location);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(field, "'" + field + "': '" + location + "' is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new InvalidFieldException(field, "'" + field + "': expected an http(s) URL with a host, got '"
                    + location + "'");
        }
        if (uri.getUserInfo() != null) {
            throw new InvalidFieldException(field, "'" + field + "': a URL with credentials in it is not accepted");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String hostPort = uri.getPort() < 0 ? host : host + ":" + uri.getPort();
        if (hosts.isEmpty()) {
            throw refused(field, location, "no URL host is allowed (set " + HOSTS_VARIABLE + ")");
        }
        if (!hosts.contains(host) && !hosts.contains(hostPort)) {
            throw refused(field, location, "host '" + hostPort + "' is not in " + HOSTS_VARIABLE + " " + hosts);
        }
        return uri;
    }

    private boolean inRoots(Path path) {
        return roots.stream().anyMatch(path::startsWith);
    }

    private String describeRoots() {
        return roots.isEmpty() ? "(none: set " + ROOTS_VARIABLE + ")" : roots.toString();
    }

    private static InvalidFieldException refused(String field, String location, String why) {
        return new InvalidFieldException(field, 403, "'" + field + "': '" + location + "' is refused: " + why);
    }

    private static List<String> split(Optional<String> list) {
        return list.map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList())
                .orElse(List.of());
    }

    private static List<Path> realRoots(List<String> configured) {
        List<Path> real = new ArrayList<>();
        for (String r : configured) {
            try {
                real.add(Path.of(r).toRealPath());
            } catch (IOException | InvalidPathException e) {
                LOG.warnf("input root '%s' (%s) does not exist: ignored", r, ROOTS_VARIABLE);
            }
        }
        if (real.isEmpty()) {
            LOG.warnf("no input root is configured: every file source is refused (set %s, comma-separated)",
                    ROOTS_VARIABLE);
        }
        return List.copyOf(real);
    }
}
