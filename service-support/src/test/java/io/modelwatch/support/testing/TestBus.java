package io.modelwatch.support.testing;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import io.modelwatch.core.events.Channels;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * A plain AMQP client for tests: publishes raw messages (including malformed ones) to the real local broker
 * and reads queues, without going through the service's own channels. Address from the service's own
 * configuration: the environment ({@code RABBITMQ_HOST}, {@code RABBITMQ_PORT}, ...) or Dev Services.
 */
public final class TestBus implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;

    private TestBus(Connection connection) throws IOException {
        this.connection = connection;
        this.channel = connection.createChannel();
    }

    public static TestBus connect() {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(setting("rabbitmq-host", "127.0.0.1"));
        f.setPort(Integer.parseInt(setting("rabbitmq-port", "5672")));
        f.setUsername(setting("rabbitmq-username", "guest"));
        f.setPassword(setting("rabbitmq-password", "guest"));
        f.setVirtualHost(setting("rabbitmq-virtual-host", "/"));
        try {
            return new TestBus(f.newConnection("modelwatch-test"));
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("RabbitMQ is not reachable at " + f.getHost() + ":" + f.getPort(), e);
        }
    }

    /**
     * The broker the service under test uses: its configuration, which holds the environment
     * ({@code RABBITMQ_HOST} is {@code rabbitmq-host}) or, where nothing is configured, the Dev Services broker.
     */
    private static String setting(String property, String fallback) {
        return ConfigProvider.getConfig().getOptionalValue(property, String.class)
                .filter(v -> !v.isBlank()).orElse(fallback);
    }

    /** Declares the topic exchange as the services do (durable), so a test may bind before the first send. */
    public void declareTopic(String exchange) throws IOException {
        channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
    }

    /** A private, auto-deleted queue bound to {@code exchange} with {@code routingKey}; returns its name. */
    public String listen(String exchange, String routingKey) throws IOException {
        declareTopic(exchange);
        String q = channel.queueDeclare("", false, true, true, null).getQueue();
        channel.queueBind(q, exchange, routingKey);
        return q;
    }

    public void publish(String exchange, String routingKey, String body) throws IOException {
        publish(exchange, routingKey, body, null);
    }

    /** Publishes with these message headers (a {@code traceparent}, say). */
    public void publish(String exchange, String routingKey, String body, Map<String, Object> headers) throws IOException {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .contentType("application/json").deliveryMode(2).headers(headers).build();
        channel.basicPublish(exchange, routingKey, props, body.getBytes(StandardCharsets.UTF_8));
    }

    public void purge(String queue) throws IOException {
        channel.queuePurge(queue);
    }

    public long depth(String queue) throws IOException {
        return channel.queueDeclarePassive(queue).getMessageCount();
    }

    /** The next message of a queue (acknowledged), waiting at most {@code timeout}. */
    public Optional<Received> take(String queue, Duration timeout) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            GetResponse r = channel.basicGet(queue, true);
            if (r != null) {
                Map<String, Object> headers = r.getProps().getHeaders() == null ? Map.of() : r.getProps().getHeaders();
                return Optional.of(new Received(new String(r.getBody(), StandardCharsets.UTF_8), headers, r.getEnvelope().getRoutingKey()));
            }
            Thread.sleep(50);
        }
        return Optional.empty();
    }

    /**
     * Deletes what this test run declared on the broker: the exchanges and, for every consumed channel, its
     * queue and dead-letter queue. Only names starting with {@code test-} are touched.
     */
    public void deleteTestNames() throws IOException {
        Config config = ConfigProvider.getConfig();
        List<String> queues = new ArrayList<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("mp.messaging.incoming.") && name.endsWith(".queue.name")) {
                String q = config.getValue(name, String.class);
                queues.add(q);
                queues.add(Channels.deadLetterQueue(q));
            }
        }
        for (String q : queues) {
            if (q.startsWith("test-")) {
                channel.queueDelete(q);
            }
        }
        for (String key : List.of("modelwatch.bus.exchange", "modelwatch.bus.dead-letter-exchange")) {
            String exchange = config.getValue(key, String.class);
            if (exchange.startsWith("test-")) {
                channel.exchangeDelete(exchange);
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            connection.close();
        } catch (IOException ignored) {
            // the broker may already have closed it
        }
    }

    /** A message read from a queue: its body, its headers (values as strings) and its routing key. */
    public record Received(String body, Map<String, Object> headers, String routingKey) {

        public String header(String name) {
            Object v = headers.get(name);
            return v == null ? null : v.toString();
        }
    }
}
