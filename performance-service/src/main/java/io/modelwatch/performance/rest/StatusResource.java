package io.modelwatch.performance.rest;

import io.modelwatch.core.events.Channels;
import io.modelwatch.support.status.BrokerProbe;
import io.modelwatch.support.status.ServiceStatus;
import io.modelwatch.support.status.ServiceStatus.StatusView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/** {@code GET /status}: what this service processed, its failures and its queue depths. */
@Path("/status")
public class StatusResource {

    private final ServiceStatus status;
    private final BrokerProbe broker;
    private final String queue;
    private final String labelsQueue;

    public StatusResource(ServiceStatus status, BrokerProbe broker,
                          @ConfigProperty(name = "mp.messaging.incoming." + Channels.BATCH_READY_IN + ".queue.name") String queue,
                          @ConfigProperty(name = "mp.messaging.incoming." + Channels.LABELS_READY_IN + ".queue.name") String labelsQueue) {
        this.status = status;
        this.broker = broker;
        this.queue = queue;
        this.labelsQueue = labelsQueue;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public StatusView status() {
        return status.view("performance-service", broker.depths(List.of(queue, Channels.deadLetterQueue(queue),
                labelsQueue, Channels.deadLetterQueue(labelsQueue))));
    }
}
