package io.modelwatch.support.telemetry;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Tracing is on exactly when an OTLP endpoint is configured: this source answers
 * {@code quarkus.otel.sdk.disabled} with {@code false} when one of the standard variables
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} (or Quarkus' own
 * {@code QUARKUS_OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT}, or the same as system properties) is set, else with
 * {@code true}, so that a service with nowhere to send spans records none and logs no export errors.
 * {@code OTEL_SDK_DISABLED} (the standard switch), when set, decides instead.
 *
 * <p>Its ordinal ({@value #ORDINAL}) is above the defaults and the {@code microprofile-config.properties} of the
 * jars, below a service's {@code application.properties} (250), the environment (300) and system properties
 * (400): {@code QUARKUS_OTEL_SDK_DISABLED}, or a test profile's {@code %test.quarkus.otel.sdk.disabled}, still
 * wins.
 */
public class TracingSwitch implements ConfigSource {

    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    static final int ORDINAL = 150;
    static final List<String> ENDPOINT_VARIABLES = List.of("OTEL_EXPORTER_OTLP_ENDPOINT",
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT",
            "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
    static final List<String> ENDPOINT_PROPERTIES = List.of("otel.exporter.otlp.endpoint",
            "otel.exporter.otlp.traces.endpoint", "quarkus.otel.exporter.otlp.endpoint",
            "quarkus.otel.exporter.otlp.traces.endpoint");

    private final UnaryOperator<String> environment;
    private final UnaryOperator<String> systemProperties;

    public TracingSwitch() {
        this(System::getenv, System::getProperty);
    }

    TracingSwitch(UnaryOperator<String> environment, UnaryOperator<String> systemProperties) {
        this.environment = environment;
        this.systemProperties = systemProperties;
    }

    /** Whether the SDK stays off: no endpoint configured, or {@code OTEL_SDK_DISABLED} says so. */
    boolean sdkDisabled() {
        String standard = environment.apply("OTEL_SDK_DISABLED");
        if (standard != null && !standard.isBlank()) {
            return Boolean.parseBoolean(standard.trim());
        }
        boolean endpoint = ENDPOINT_VARIABLES.stream().anyMatch(v -> present(environment.apply(v)))
                || ENDPOINT_PROPERTIES.stream().anyMatch(p -> present(systemProperties.apply(p)));
        return !endpoint;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(SDK_DISABLED, String.valueOf(sdkDisabled()));
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(SDK_DISABLED);
    }

    @Override
    public String getValue(String propertyName) {
        return SDK_DISABLED.equals(propertyName) ? String.valueOf(sdkDisabled()) : null;
    }

    @Override
    public String getName() {
        return "modelwatch-tracing-switch";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
