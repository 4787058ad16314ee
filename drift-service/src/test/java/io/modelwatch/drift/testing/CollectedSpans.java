package io.modelwatch.drift.testing;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The spans this service records in a test, kept in memory: Quarkus exports to every {@code SpanExporter} bean
 * (the test profile turns the SDK on and exports each span as it ends, {@code quarkus.otel.simple}).
 */
public class CollectedSpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
