package io.modelwatch.spark;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.modelwatch.core.events.Channels;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.core.events.TraceContext;
import io.modelwatch.core.report.Json;
import io.modelwatch.core.run.MetricRows;
import io.modelwatch.core.result.RunInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Hands a Spark run to the services, which own their tables: the run's three sections are published as the
 * {@code metrics.drift}, {@code metrics.performance} and {@code metrics.quality} events the services themselves
 * publish ({@link MetricsComputed}, the run and the section as JSON, with the same message properties), on the
 * services' exchange. alert-service and report-service then assemble the run as they do any other: they store it,
 * add it to the model's history, evaluate and deliver its alerts, and serve its report. Nothing is written into a
 * service's tables from here.
 *
 * <p>The broker comes from the driver's environment, as for the services: {@code RABBITMQ_HOST} (default
 * 127.0.0.1), {@code RABBITMQ_PORT} (5672), {@code RABBITMQ_USERNAME}, {@code RABBITMQ_PASSWORD} (guest),
 * {@code RABBITMQ_VIRTUAL_HOST} (/), and the exchange {@code MODELWATCH_BUS_EXCHANGE} ({@value Channels#EXCHANGE}).
 * Each event is confirmed by the broker before the job ends.
 */
final class ServiceHandOff {

    private static final long CONFIRM_MILLIS = 30_000;

    private final Map<String, String> environment;

    ServiceHandOff(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The three events of a run, as the services make them (the section's metric rows counted per section). */
    static List<MetricsComputed> events(SparkRun.Outcome run) {
        RunInfo info = run.info();
        String trace = TraceContext.newTraceparent();
        return List.of(
                event(MetricsComputed.DRIFT, run, run.drift(), MetricRows::ofDrift, trace),
                event(MetricsComputed.PERFORMANCE, run, run.performance(), MetricRows::ofPerformance, trace),
                event(MetricsComputed.QUALITY, run, run.quality(), MetricRows::ofQuality, trace));
    }

    private static <S> MetricsComputed event(String kind, SparkRun.Outcome run, S section,
                                             Function<S, List<?>> rows, String trace) {
        return MetricsComputed.of(kind, run.info(), run.referenceRows(), run.result().run().currentRows(),
                Json.mapper().valueToTree(section), rows.apply(section).size(), TraceContext.child(trace));
    }

    /** Publishes the events on the services' exchange and waits for the broker's confirms. */
    void publish(List<MetricsComputed> events) {
        ConnectionFactory f = broker(environment);
        String exchange = setting(environment, "MODELWATCH_BUS_EXCHANGE", Channels.EXCHANGE);
        try (Connection connection = f.newConnection("modelwatch-spark");
             Channel channel = connection.createChannel()) {
            // the services declare it the same way: a durable topic exchange
            channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
            channel.confirmSelect();
            for (MetricsComputed e : events) {
                AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                        .contentType("application/json").deliveryMode(2).messageId(e.eventId())
                        .timestamp(new Date()).headers(Map.of("traceparent", e.traceparent())).build();
                channel.basicPublish(exchange, e.type(), properties,
                        Json.mapper().writeValueAsString(e).getBytes(StandardCharsets.UTF_8));
            }
            channel.waitForConfirmsOrDie(CONFIRM_MILLIS);
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot hand the run to the services: the broker at " + f.getHost() + ":"
                    + f.getPort() + " (virtual host " + f.getVirtualHost() + ") did not take its events: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing the run to the services", e);
        }
    }

    /** The services' broker as the environment names it (the variables of the class comment). */
    static ConnectionFactory broker(Map<String, String> environment) {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(setting(environment, "RABBITMQ_HOST", "127.0.0.1"));
        f.setPort(Integer.parseInt(setting(environment, "RABBITMQ_PORT", "5672")));
        f.setUsername(setting(environment, "RABBITMQ_USERNAME", "guest"));
        f.setPassword(setting(environment, "RABBITMQ_PASSWORD", "guest"));
        f.setVirtualHost(setting(environment, "RABBITMQ_VIRTUAL_HOST", "/"));
        return f;
    }

    private static String setting(Map<String, String> environment, String name, String fallback) {
        String v = environment.get(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
