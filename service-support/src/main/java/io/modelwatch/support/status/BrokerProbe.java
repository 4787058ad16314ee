package io.modelwatch.support.status;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Asks the broker how many messages wait in some queues (passive declare: never creates a queue). */
@ApplicationScoped
public class BrokerProbe {

    private final ConnectionFactory factory = new ConnectionFactory();

    public BrokerProbe(@ConfigProperty(name = "rabbitmq-host", defaultValue = "localhost") String host,
                       @ConfigProperty(name = "rabbitmq-port", defaultValue = "5672") int port,
                       @ConfigProperty(name = "rabbitmq-username", defaultValue = "guest") String user,
                       @ConfigProperty(name = "rabbitmq-password", defaultValue = "guest") String password,
                       @ConfigProperty(name = "rabbitmq-virtual-host", defaultValue = "/") String vhost) {
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(user);
        factory.setPassword(password);
        factory.setVirtualHost(vhost);
        factory.setConnectionTimeout(2000);
    }

    /** Depth per queue; -1 for a queue that does not exist or when the broker cannot be reached. */
    public Map<String, Long> depths(List<String> queues) {
        Map<String, Long> depths = new LinkedHashMap<>();
        try (Connection connection = factory.newConnection("modelwatch-status")) {
            for (String q : queues) {
                try (Channel ch = connection.createChannel()) {
                    depths.put(q, (long) ch.queueDeclarePassive(q).getMessageCount());
                } catch (Exception e) {
                    depths.put(q, -1L);
                }
            }
        } catch (Exception e) {
            queues.forEach(q -> depths.put(q, -1L));
        }
        return depths;
    }
}
