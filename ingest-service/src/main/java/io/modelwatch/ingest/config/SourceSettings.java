package io.modelwatch.ingest.config;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/**
 * Where a request may make ingest-service read: the {@code source} of a run, a reference or labels, and a
 * {@code config} given by location. Anything else is refused before it is opened.
 */
@ConfigMapping(prefix = "modelwatch.sources")
public interface SourceSettings {

    /**
     * Directories a file path (or {@code file:} URI) must lie in, comma-separated; each is resolved to its real path,
     * and a file is accepted only if its own real path (symbolic links followed) is inside one. Unset: no file is
     * accepted. Environment: {@code MODELWATCH_SOURCES_ROOTS}.
     */
    Optional<String> roots();

    /**
     * Host names (optionally {@code host:port}) an {@code http(s)} URL may name, comma-separated; redirects are not
     * followed. Unset: no URL is accepted. Environment: {@code MODELWATCH_SOURCES_HOSTS}.
     */
    Optional<String> hosts();
}
