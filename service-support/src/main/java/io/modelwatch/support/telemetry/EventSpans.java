package io.modelwatch.support.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.MDC;

import java.util.Map;

/**
 * The spans of the bus: a {@code CONSUMER} span around the processing of every consumed event, child of the
 * context its headers carry ({@link TraceHeaders#extract}), and a {@code PRODUCER} span for every published
 * event, started where the event is written to the outbox ({@code EventOutbox}) as a child of the context the
 * event was built in, whose context the stored headers carry, so that one daily run is one trace across the
 * services.
 * Names and attributes follow the OpenTelemetry messaging conventions ({@code process <queue>},
 * {@code publish <routing key>}; {@code messaging.system = rabbitmq}). With the SDK off (no exporter configured)
 * the tracer is a no-op and the spans cost nothing.
 *
 * <p>The RabbitMQ connector's own tracing is off ({@code mp.messaging.connector.smallrye-rabbitmq.tracing.enabled}):
 * it would start a second trace for a message sent from a callback thread.
 */
@ApplicationScoped
public class EventSpans {

    public static final String SYSTEM = "rabbitmq";
    /** The run an event belongs to, on every bus span: one run is one trace, and this finds it. */
    public static final String RUN_ID = "modelwatch.run_id";

    private final Tracer tracer;

    public EventSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Starts the span that processes a message from {@code queue}; its parent is what the headers carry. */
    public Span consumer(String queue, String routingKey, Map<String, ?> headers) {
        return tracer.spanBuilder("process " + queue)
                .setParent(TraceHeaders.extract(headers))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", SYSTEM)
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", queue)
                .setAttribute("messaging.rabbitmq.destination.routing_key", routingKey == null ? "" : routingKey)
                .startSpan();
    }

    /** Starts the span that publishes an event (into the outbox); its parent is the context the event was built in. */
    public Span producer(String routingKey, String eventId, Context parent) {
        return tracer.spanBuilder("publish " + routingKey)
                .setParent(parent)
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", SYSTEM)
                .setAttribute("messaging.operation.type", "publish")
                .setAttribute("messaging.rabbitmq.destination.routing_key", routingKey)
                .setAttribute("messaging.message.id", eventId == null ? "" : eventId)
                .startSpan();
    }

    /**
     * Makes the span current on this thread, with its trace and span ids in the logging MDC ({@code traceId},
     * {@code spanId}, the keys Quarkus uses for REST requests), so what is logged while processing an event
     * carries them (JSON logs: {@code mdc.traceId}); closing restores what was there.
     */
    public static Scope activate(Span span) {
        Scope scope = span.makeCurrent();
        SpanContext c = span.getSpanContext();
        if (!c.isValid()) {
            return scope;
        }
        Object traceId = MDC.get("traceId");
        Object spanId = MDC.get("spanId");
        MDC.put("traceId", c.getTraceId());
        MDC.put("spanId", c.getSpanId());
        return () -> {
            restore("traceId", traceId);
            restore("spanId", spanId);
            scope.close();
        };
    }

    private static void restore(String key, Object previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }

    /** Ends a span, marked as failed with the reason when {@code failure} is not null. */
    public static void end(Span span, Throwable failure) {
        if (failure != null) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
        }
        span.end();
    }
}
