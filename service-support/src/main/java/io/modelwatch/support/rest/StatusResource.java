package io.modelwatch.support.rest;

import io.modelwatch.support.status.BrokerProbe;
import io.modelwatch.support.status.ServiceStatus;
import io.modelwatch.support.status.ServiceStatus.StatusView;
import io.modelwatch.support.status.WorkQueues;
import io.quarkus.arc.properties.UnlessBuildProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /status} of every service: what it processed, its failures and the depth of its work queues and their
 * dead-letter queues (none for ingest-service, which consumes no queue). A service whose status says more serves
 * its own resource instead and sets the build property {@value #OWN_RESOURCE} to {@code true} (alert-service, with
 * its delivery channels).
 */
@Path("/status")
@UnlessBuildProperty(name = StatusResource.OWN_RESOURCE, stringValue = "true", enableIfMissing = true)
public class StatusResource {

    /** Set to {@code true} by a service that serves its own {@code /status}. */
    public static final String OWN_RESOURCE = "modelwatch.status.own-resource";

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
