package io.modelwatch.performance.rest;

import io.modelwatch.support.status.BrokerProbe;
import io.modelwatch.support.status.ServiceStatus;
import io.modelwatch.support.status.ServiceStatus.StatusView;
import io.modelwatch.support.status.WorkQueues;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /status}: what this service processed, its failures and the depth of its queues and their DLQs. */
@Path("/status")
public class StatusResource {

    private final ServiceStatus status;
    private final BrokerProbe broker;
    private final WorkQueues queues;

    public StatusResource(ServiceStatus status, BrokerProbe broker, WorkQueues queues) {
        this.status = status;
        this.broker = broker;
        this.queues = queues;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public StatusView status() {
        return status.view(queues.service(), broker.depths(queues.withDeadLetters()));
    }
}
