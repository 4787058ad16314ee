package io.modelwatch.support.status;

import io.modelwatch.core.events.Channels;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The queues this service consumes, read from its own messaging configuration
 * ({@code mp.messaging.incoming.<channel>.queue.name}), so {@code /status} and the readiness check of every
 * service list exactly its work queues without a per-service copy of their names.
 */
@ApplicationScoped
public class WorkQueues {

    private static final Pattern QUEUE_NAME = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.queue\\.name");

    private final List<String> queues;
    private final String service;

    public WorkQueues(Config config) {
        TreeSet<String> names = new TreeSet<>();
        for (String property : config.getPropertyNames()) {
            Matcher m = QUEUE_NAME.matcher(property);
            if (m.matches()) {
                config.getOptionalValue(property, String.class).ifPresent(names::add);
            }
        }
        this.queues = List.copyOf(names);
        this.service = config.getOptionalValue("quarkus.application.name", String.class).orElse("modelwatch-service");
    }

    /** The service's name ({@code quarkus.application.name}). */
    public String service() {
        return service;
    }

    /** The queues the service consumes, sorted. */
    public List<String> queues() {
        return queues;
    }

    /** Each work queue followed by its dead-letter queue. */
    public List<String> withDeadLetters() {
        List<String> out = new ArrayList<>();
        for (String q : queues) {
            out.add(q);
            out.add(Channels.deadLetterQueue(q));
        }
        return out;
    }
}
