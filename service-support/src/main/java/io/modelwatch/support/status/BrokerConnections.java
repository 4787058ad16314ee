package io.modelwatch.support.status;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Plain AMQP connections to the service's broker (the messaging connector's {@code rabbitmq-*} settings), for what
 * the connector's channels do not do: queue depths, publishing with explicit publisher confirms, moving dead letters.
 */
@ApplicationScoped
public class BrokerConnections {

    private final ConnectionFactory factory = new ConnectionFactory();

    public BrokerConnections(@ConfigProperty(name = "rabbitmq-host", defaultValue = "localhost") String host,
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
        // a connection that breaks is replaced by its user, not recovered behind its back
        factory.setAutomaticRecoveryEnabled(false);
    }

    /** A new connection named {@code name} in the broker's management view; the caller closes it. */
    public Connection open(String name) throws IOException, TimeoutException {
        return factory.newConnection(name);
    }
}
