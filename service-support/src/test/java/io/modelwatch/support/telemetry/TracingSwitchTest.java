package io.modelwatch.support.telemetry;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The SDK is on exactly when an OTLP endpoint is configured, unless {@code OTEL_SDK_DISABLED} decides. */
class TracingSwitchTest {

    private static TracingSwitch with(Map<String, String> env, Map<String, String> properties) {
        return new TracingSwitch(env::get, properties::get);
    }

    @Test
    void offWithoutAnEndpoint() {
        TracingSwitch s = with(Map.of("OTEL_SERVICE_NAME", "x", "OTEL_EXPORTER_OTLP_ENDPOINT", " "), Map.of());
        assertThat(s.getValue("quarkus.otel.sdk.disabled")).isEqualTo("true");
    }

    @Test
    void onWithAnyStandardOrQuarkusEndpoint() {
        for (String variable : TracingSwitch.ENDPOINT_VARIABLES) {
            assertThat(with(Map.of(variable, "http://collector:4317"), Map.of()).getValue("quarkus.otel.sdk.disabled"))
                    .as(variable).isEqualTo("false");
        }
        for (String property : TracingSwitch.ENDPOINT_PROPERTIES) {
            assertThat(with(Map.of(), Map.of(property, "http://collector:4318")).getValue("quarkus.otel.sdk.disabled"))
                    .as(property).isEqualTo("false");
        }
    }

    @Test
    void otelSdkDisabledDecides() {
        assertThat(with(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317", "OTEL_SDK_DISABLED", "true"),
                Map.of()).getValue("quarkus.otel.sdk.disabled")).isEqualTo("true");
        assertThat(with(Map.of("OTEL_SDK_DISABLED", "false"), Map.of()).getValue("quarkus.otel.sdk.disabled"))
                .isEqualTo("false");
    }

    @Test
    void answersOnlyItsOwnKeyBelowApplicationProperties() {
        TracingSwitch s = with(Map.of(), Map.of());
        assertThat(s.getValue("quarkus.otel.exporter.otlp.traces.endpoint")).isNull();
        assertThat(s.getPropertyNames()).containsExactly("quarkus.otel.sdk.disabled");
        assertThat(s.getOrdinal()).isBetween(101, 249);
    }
}
