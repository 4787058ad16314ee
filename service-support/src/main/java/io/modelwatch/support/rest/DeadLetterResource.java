package io.modelwatch.support.rest;

import io.modelwatch.support.messaging.DeadLetterReplay;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/**
 * {@code POST /dead-letters/replay[?queue=]} on every service: moves the dead letters of its work queues (or of
 * one) back to them, after the cause was fixed, and answers how many per queue. An operator's endpoint.
 */
@Path("/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    private final DeadLetterReplay replay;

    public DeadLetterResource(DeadLetterReplay replay) {
        this.replay = replay;
    }

    @POST
    @Path("/replay")
    public Replayed replay(@QueryParam("queue") String queue) throws Exception {
        Map<String, Integer> moved = replay.replay(queue == null || queue.isBlank() ? null : queue);
        return new Replayed(moved.values().stream().mapToInt(Integer::intValue).sum(), moved);
    }

    /** What a replay moved: in all, and per work queue. */
    public record Replayed(int replayed, Map<String, Integer> queues) {
    }
}
