package io.modelwatch.support.telemetry;

import io.modelwatch.core.events.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

import java.util.Map;

/**
 * The W3C trace context of an event in its message headers ({@code traceparent}, {@code tracestate}): the one
 * place where it is written into the headers of an outgoing event and read back from an incoming one. A message
 * that is stored with its headers and sent again later (a re-announced event, an outbox relay) keeps the trace
 * of the unit of work that built it, since the context travels in the headers, not in the sending thread.
 *
 * <p>Static on purpose: it needs no CDI and no configured SDK (the W3C format is fixed), so a relay or a test
 * can call it as well. When tracing is off (no exporter configured) the current span is invalid, and the
 * event's own {@code traceparent} field is carried instead, as before OpenTelemetry.
 */
public final class TraceHeaders {

    /** W3C trace context header names (https://www.w3.org/TR/trace-context/). */
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<Map<String, ?>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, ?> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, ?> carrier, String key) {
            Object v = carrier == null ? null : carrier.get(key);
            // RabbitMQ hands long-string headers over as LongString; its toString() is the text
            return v == null ? null : v.toString();
        }
    };

    private TraceHeaders() {
    }

    /**
     * Writes the trace context of {@code context} into {@code headers} (replacing any earlier one) and returns
     * them. With no valid span in the context, nothing is written.
     */
    public static Map<String, Object> inject(Context context, Map<String, Object> headers) {
        if (Span.fromContext(context).getSpanContext().isValid()) {
            headers.remove(TRACEPARENT);
            headers.remove(TRACESTATE);
            W3C.inject(context, headers, (carrier, key, value) -> carrier.put(key, value));
        }
        return headers;
    }

    /** {@link #inject(Context, Map)} with the current context: call it where an outgoing event is built. */
    public static Map<String, Object> inject(Map<String, Object> headers) {
        return inject(Context.current(), headers);
    }

    /**
     * The context the headers carry, as the parent of the span that processes (or sends) the message; the
     * root context if they carry none or an invalid one.
     */
    public static Context extract(Map<String, ?> headers) {
        if (headers == null || headers.isEmpty()) {
            return Context.root();
        }
        return W3C.extract(Context.root(), headers, HEADERS);
    }

    /** The context of a bare {@code traceparent} value (an event's own field), or the root context. */
    public static Context extract(String traceparent) {
        return traceparent == null || traceparent.isBlank() ? Context.root() : extract(Map.of(TRACEPARENT, traceparent));
    }

    /**
     * The {@code traceparent} an event built now carries in its body and headers: the current span's, or
     * (tracing off) a child of {@code parent} in the same trace as before, or a new trace without one.
     */
    public static String traceparent(String parent) {
        SpanContext current = Span.current().getSpanContext();
        if (current.isValid()) {
            Map<String, Object> headers = inject(Context.current(), new java.util.HashMap<>());
            return String.valueOf(headers.get(TRACEPARENT));
        }
        return TraceContext.child(parent);
    }
}
