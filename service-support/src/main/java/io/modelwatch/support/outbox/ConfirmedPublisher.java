package io.modelwatch.support.outbox;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.modelwatch.support.config.BusSettings;
import io.modelwatch.support.status.BrokerConnections;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Publishes one event to the bus's topic exchange and waits for the broker's publisher confirm: when
 * {@link #publish} returns, the broker has the message (persistent, on a durable exchange). One AMQP channel in
 * confirm mode, opened on first use; a channel or connection that failed is dropped and the next call opens a new
 * one (declaring the exchange again, as the services' channels do: topic, durable), so a broker restart or a
 * deleted exchange costs one failed call, never a stuck relay.
 */
@ApplicationScoped
public class ConfirmedPublisher {

    private static final Logger LOG = Logger.getLogger(ConfirmedPublisher.class);

    private final BrokerConnections broker;
    private final BusSettings bus;
    private Connection connection;
    private Channel channel;

    public ConfirmedPublisher(BrokerConnections broker, BusSettings bus) {
        this.broker = broker;
        this.bus = bus;
    }

    /**
     * @throws IOException      when the broker refused the message (a nack) or the connection failed
     * @throws TimeoutException when no confirm arrived within {@code confirmTimeout}
     */
    public synchronized void publish(String routingKey, String eventId, Map<String, String> headers, String json,
                                     Duration confirmTimeout) throws IOException, TimeoutException, InterruptedException {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .deliveryMode(2)
                .messageId(eventId)
                .timestamp(new Date())
                .headers(new HashMap<String, Object>(headers))
                .build();
        try {
            Channel ch = channel();
            ch.basicPublish(bus.exchange(), routingKey, props, json.getBytes(StandardCharsets.UTF_8));
            ch.waitForConfirmsOrDie(confirmTimeout.toMillis());
        } catch (IOException | TimeoutException | RuntimeException e) {
            // the channel's state is unknown (closed by the broker, or a confirm still outstanding): start afresh
            reset();
            throw e;
        }
    }

    /**
     * Opens the channel now (at start-up) rather than on the first publication, which then does not wait for the
     * connection, the exchange declaration and confirm mode; a failure is left to that first publication.
     */
    public synchronized void open() {
        try {
            channel();
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.debugf("opening the outbox channel at start-up failed (the first publication tries again): %s",
                    e.getMessage());
            reset();
        }
    }

    private Channel channel() throws IOException, TimeoutException {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        if (connection == null || !connection.isOpen()) {
            connection = broker.open("modelwatch-outbox");
        }
        channel = connection.createChannel();
        channel.exchangeDeclare(bus.exchange(), BuiltinExchangeType.TOPIC, true);
        channel.confirmSelect();
        return channel;
    }

    @PreDestroy
    synchronized void reset() {
        try {
            if (connection != null && connection.isOpen()) {
                connection.close(1000);
            }
        } catch (Exception e) {
            LOG.debugf("closing the outbox connection: %s", e.getMessage());
        }
        connection = null;
        channel = null;
    }
}
