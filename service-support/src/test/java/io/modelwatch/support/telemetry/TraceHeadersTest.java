package io.modelwatch.support.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The trace context written into message headers and read back, in the W3C format. */
class TraceHeadersTest {

    private static final String PARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void extractsTheW3cTraceparentOfTheHeaders() {
        SpanContext c = Span.fromContext(TraceHeaders.extract(Map.of("traceparent", PARENT))).getSpanContext();
        assertThat(c.isValid()).isTrue();
        assertThat(c.isRemote()).isTrue();
        assertThat(c.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(c.getSpanId()).isEqualTo("b7ad6b7169203331");
    }

    @Test
    void missingOrMalformedHeadersGiveTheRootContext() {
        assertThat(TraceHeaders.extract(Map.of())).isSameAs(Context.root());
        assertThat(TraceHeaders.extract((Map<String, ?>) null)).isSameAs(Context.root());
        assertThat(Span.fromContext(TraceHeaders.extract(Map.of("traceparent", "00-nothex-01"))).getSpanContext().isValid())
                .isFalse();
        assertThat(Span.fromContext(TraceHeaders.extract("")).getSpanContext().isValid()).isFalse();
    }

    @Test
    void injectsTheCurrentSpanAndReplacesAStaleTraceparent() {
        try (SdkTracerProvider provider = SdkTracerProvider.builder().build()) {
            Span span = provider.get("test").spanBuilder("work").setParent(TraceHeaders.extract(PARENT)).startSpan();
            try (Scope s = span.makeCurrent()) {
                Map<String, Object> headers = new HashMap<>(Map.of("traceparent", "stale", "x-other", "kept"));
                TraceHeaders.inject(headers);
                assertThat(headers).containsEntry("traceparent",
                        "00-0af7651916cd43dd8448eb211c80319c-" + span.getSpanContext().getSpanId() + "-01");
                assertThat(headers).containsEntry("x-other", "kept");
                assertThat(TraceHeaders.traceparent("ignored")).isEqualTo(headers.get("traceparent"));
            } finally {
                span.end();
            }
        }
    }

    @Test
    void withoutASpanTheEventsOwnTraceContinues() {
        Map<String, Object> headers = new HashMap<>(Map.of("traceparent", PARENT));
        TraceHeaders.inject(headers);
        assertThat(headers).containsEntry("traceparent", PARENT);
        String child = TraceHeaders.traceparent(PARENT);
        assertThat(child).startsWith("00-0af7651916cd43dd8448eb211c80319c-").endsWith("-01").isNotEqualTo(PARENT);
        assertThat(TraceHeaders.traceparent(null)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }
}
