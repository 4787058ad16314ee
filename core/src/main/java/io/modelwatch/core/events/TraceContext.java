package io.modelwatch.core.events;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * W3C trace context ({@code traceparent}: {@code 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>}),
 * carried by every event so one daily run can be followed across services.
 */
public final class TraceContext {

    private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private TraceContext() {
    }

    /** A new trace, sampled. */
    public static String newTraceparent() {
        return "00-" + hex(16) + "-" + hex(8) + "-01";
    }

    /** A child span of {@code parent} in the same trace, or a new trace if {@code parent} is absent or invalid. */
    public static String child(String parent) {
        if (parent == null || !TRACEPARENT.matcher(parent).matches()) {
            return newTraceparent();
        }
        return parent.substring(0, 36) + hex(8) + parent.substring(52);
    }

    private static String hex(int bytes) {
        StringBuilder sb = new StringBuilder(bytes * 2);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < bytes; i++) {
            sb.append(String.format("%02x", r.nextInt(256)));
        }
        return sb.toString();
    }
}
