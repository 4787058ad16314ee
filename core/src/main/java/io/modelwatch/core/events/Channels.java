package io.modelwatch.core.events;

/**
 * Names on the bus, shared by the services and their tests so that no name is written twice.
 *
 * <p>All events go through one durable topic exchange, {@link #EXCHANGE}, with the event type as routing
 * key. Each consuming service owns one durable queue per event it consumes, named
 * {@code <prefix><service>.<routing key>}; a message it cannot process goes, with its reason in the
 * {@link #REASON_HEADER} header, to the direct exchange {@link #DEAD_LETTER_EXCHANGE} with the queue name
 * as routing key, which lands it in {@code <queue>.dlq}.
 */
public final class Channels {

    /** The topic exchange every event is published to. */
    public static final String EXCHANGE = "modelwatch.events";
    /** The direct exchange poison messages are sent to, routed by the name of the queue they came from. */
    public static final String DEAD_LETTER_EXCHANGE = "modelwatch.dead-letters";

    /** Routing keys (the event types). */
    public static final String BATCH_READY = "batch.ready";
    public static final String METRICS_DRIFT = "metrics.drift";
    public static final String METRICS_PERFORMANCE = "metrics.performance";
    public static final String METRICS_QUALITY = "metrics.quality";
    /** Binding pattern for every metrics event. */
    public static final String METRICS_ALL = "metrics.*";
    public static final String ALERT_RAISED = "alert.raised";
    /** A prediction-date cohort's labels have matured (coverage at least {@code labels.min_coverage}). */
    public static final String LABELS_READY = "labels.ready";
    /**
     * The realised performance of a cohort, computed when its labels arrived. Three words, so the
     * {@link #METRICS_ALL} bindings of a day's run (one word after {@code metrics.}) do not receive it.
     */
    public static final String METRICS_PERFORMANCE_REALISED = "metrics.performance.realised";

    /**
     * Chunk tasks: the parts of a large run's batch that any replica of the drift (or performance) service counts,
     * one work queue per service, every replica consuming it ({@link #chunkTask}).
     */
    public static final String DRIFT_CHUNK_TASK = "drift.chunk.task";
    public static final String PERFORMANCE_CHUNK_TASK = "performance.chunk.task";

    /** SmallRye channel names (the keys under {@code mp.messaging.incoming/outgoing}). */
    public static final String BATCH_READY_IN = "batch-ready-in";
    public static final String METRICS_IN = "metrics-in";
    public static final String LABELS_READY_IN = "labels-ready-in";
    /** The {@link #METRICS_PERFORMANCE_REALISED} consumers (alert and report services). */
    public static final String METRICS_REALISED_IN = "metrics-realised-in";
    /** The report service's {@link #ALERT_RAISED} consumer (its copy of the alert log, for the dashboard). */
    public static final String ALERTS_IN = "alerts-in";
    public static final String DEAD_LETTERS_OUT = "dead-letters-out";
    /** The drift and performance services' chunk-task consumers. */
    public static final String CHUNK_TASK_IN = "chunk-task-in";

    /** Header carrying why a message was dead-lettered. */
    public static final String REASON_HEADER = "x-modelwatch-reason";
    /** Header carrying the queue a dead-lettered message was consumed from. */
    public static final String ORIGINAL_QUEUE_HEADER = "x-modelwatch-original-queue";
    /** Header carrying how many times the consumer tried a dead-lettered message before giving up. */
    public static final String ATTEMPTS_HEADER = "x-modelwatch-attempts";
    /** Header carrying how many times a dead letter has been replayed to its queue. */
    public static final String REPLAYED_HEADER = "x-modelwatch-replayed";

    /** Service names, also the middle part of their queue names. */
    public static final String DRIFT_SERVICE = "drift";
    public static final String PERFORMANCE_SERVICE = "performance";
    public static final String ALERT_SERVICE = "alert";
    public static final String REPORT_SERVICE = "report";

    private Channels() {
    }

    /** The queue a service consumes an event type from, e.g. {@code drift.batch.ready}. */
    public static String queue(String prefix, String service, String routingKey) {
        return prefix + service + "." + routingKey.replace("*", "all");
    }

    /** The routing key (and, with the prefix, the queue) of a section kind's chunk tasks, e.g. {@code drift.chunk.task}. */
    public static String chunkTask(String kind) {
        return kind + ".chunk.task";
    }

    /** The dead-letter queue of a queue. */
    public static String deadLetterQueue(String queue) {
        return queue + ".dlq";
    }
}
