package io.modelwatch.support.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How a consumer retries a message whose processing failed for a reason that may pass (a database, broker or
 * timeout error) before it dead-letters it ({@code modelwatch.consumer.retry.*}). A malformed message is never
 * retried.
 */
@ConfigMapping(prefix = "modelwatch.consumer.retry")
public interface ConsumerRetrySettings {

    /** Tries in all, the first included (1 = no retry). */
    @WithDefault("5")
    int maxAttempts();

    /** The wait before the second try; each further wait doubles it. */
    @WithDefault("200ms")
    Duration initialDelay();

    /** No wait is longer than this. */
    @WithDefault("10s")
    Duration maxDelay();

    /** The wait after failed try {@code attempt} (1-based): {@code min(initialDelay * 2^(attempt-1), maxDelay)}. */
    static Duration backoff(Duration initial, Duration max, int attempt) {
        Duration d = initial;
        for (int i = 1; i < attempt && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }
}
