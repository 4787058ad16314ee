package io.modelwatch.support.testing;

import java.util.HashMap;
import java.util.Map;

/**
 * Fault-tolerance waits of a delivery method shortened for tests (2 s per attempt, 50 ms between retries, the
 * circuit half-opens after 1 s), so an outage plays out in seconds. The attempt timeout stays well above what a
 * cold JVM on a busy machine needs for a request a fake peer answers at once: a request accepted after the client
 * gave up would be sent again (the documented duplicate window), and that is not what the tests measure.
 */
public final class ShortWaits {

    private ShortWaits() {
    }

    /** @param method the guarded method as fault tolerance names it, {@code fully.qualified.Class/method} */
    public static Map<String, String> of(String method) {
        String id = "quarkus.fault-tolerance.\"" + method + "\".";
        Map<String, String> c = new HashMap<>();
        c.put(id + "timeout.value", "2000");
        c.put(id + "timeout.unit", "millis");
        c.put(id + "retry.delay", "50");
        c.put(id + "retry.jitter", "0");
        c.put(id + "exponential-backoff.max-delay", "200");
        c.put(id + "exponential-backoff.max-delay-unit", "millis");
        c.put(id + "circuit-breaker.delay", "1");
        return c;
    }
}
