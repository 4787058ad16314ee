package io.modelwatch.support.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.modelwatch.core.events.Channels;
import io.modelwatch.support.status.BrokerConnections;
import io.modelwatch.support.status.WorkQueues;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Moves dead letters back to the queues they came from, after the cause was fixed: for each work queue of this
 * service (or the one asked for), the messages waiting in its {@code .dlq} when the replay starts are published
 * to the work queue (default exchange, routed by queue name) with publisher confirms, each removed from the DLQ
 * only once the broker confirmed its copy. Body and headers are kept (the reason stays for the record); the
 * {@link Channels#REPLAYED_HEADER} header counts the replays. Consumers are idempotent, so replaying a message
 * that was processed meanwhile changes nothing; one that still fails comes back to the DLQ, and is not replayed
 * again in the same call.
 */
@ApplicationScoped
public class DeadLetterReplay {

    private static final Logger LOG = Logger.getLogger(DeadLetterReplay.class);
    private static final long CONFIRM_MILLIS = 10_000;

    private final BrokerConnections broker;
    private final WorkQueues queues;

    public DeadLetterReplay(BrokerConnections broker, WorkQueues queues) {
        this.broker = broker;
        this.queues = queues;
    }

    /**
     * @param onlyQueue a work queue of this service, or {@code null} for all of them
     * @return messages moved back, per work queue
     * @throws IllegalArgumentException when {@code onlyQueue} is not a work queue of this service
     */
    public Map<String, Integer> replay(String onlyQueue) throws IOException, TimeoutException, InterruptedException {
        List<String> targets = queues.queues();
        if (onlyQueue != null) {
            if (!targets.contains(onlyQueue)) {
                throw new IllegalArgumentException("'queue': " + onlyQueue + " is not a queue of " + queues.service()
                        + "; its queues are " + targets);
            }
            targets = List.of(onlyQueue);
        }
        Map<String, Integer> moved = new LinkedHashMap<>();
        try (Connection connection = broker.open("modelwatch-dead-letter-replay")) {
            for (String queue : targets) {
                moved.put(queue, replayQueue(connection, queue));
            }
        }
        return moved;
    }

    private static int replayQueue(Connection connection, String queue)
            throws IOException, TimeoutException, InterruptedException {
        String dlq = Channels.deadLetterQueue(queue);
        int moved = 0;
        // a passive declare of a missing queue closes its channel: ask on a channel of its own
        long waiting;
        try (Channel probe = connection.createChannel()) {
            waiting = probe.queueDeclarePassive(dlq).getMessageCount();
        } catch (IOException e) {
            return 0; // no such DLQ (the queue never dead-lettered anything): nothing to replay
        }
        try (Channel ch = connection.createChannel()) {
            ch.confirmSelect();
            for (long i = 0; i < waiting; i++) {
                GetResponse r = ch.basicGet(dlq, false);
                if (r == null) {
                    break;
                }
                Map<String, Object> headers = new HashMap<>(r.getProps().getHeaders() == null ? Map.of()
                        : r.getProps().getHeaders());
                Object replayed = headers.get(Channels.REPLAYED_HEADER);
                headers.put(Channels.REPLAYED_HEADER, replayed instanceof Number n ? n.intValue() + 1 : 1);
                AMQP.BasicProperties props = r.getProps().builder().headers(headers).deliveryMode(2).build();
                ch.basicPublish("", queue, props, r.getBody());
                ch.waitForConfirmsOrDie(CONFIRM_MILLIS);
                ch.basicAck(r.getEnvelope().getDeliveryTag(), false);
                moved++;
            }
        }
        if (moved > 0) {
            LOG.infof("replayed %d dead letter(s) from %s to %s", moved, dlq, queue);
        }
        return moved;
    }
}
