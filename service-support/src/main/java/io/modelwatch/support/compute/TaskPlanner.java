package io.modelwatch.support.compute;

import io.modelwatch.core.events.BatchReady;
import io.modelwatch.core.events.Channels;
import io.modelwatch.support.domain.PublishedEvent;
import io.modelwatch.support.messaging.EventCodec;
import io.modelwatch.support.outbox.EventOutbox;
import io.modelwatch.support.outbox.EventRelay;
import io.modelwatch.support.repository.ChunkTasks;
import io.modelwatch.support.store.BatchStore;
import io.modelwatch.support.telemetry.TraceHeaders;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a large run into chunk tasks: when the stored batch of a {@code batch.ready} has more chunks than
 * {@code modelwatch.compute.chunks-per-task}, the section is planned as tasks of that many contiguous chunks, stored
 * in {@code chunk_task} and announced on {@code <kind>.chunk.task} (through the outbox) in one transaction. Every
 * replica of the service consumes that work queue ({@link ChunkTaskWork}). A redelivered {@code batch.ready} finds
 * the plan and announces nothing again.
 */
@ApplicationScoped
public class TaskPlanner {

    private final ComputeSettings settings;
    private final BatchStore store;
    private final ChunkTasks tasks;
    private final EventOutbox outbox;
    private final EventRelay relay;
    private final EventCodec codec;

    public TaskPlanner(ComputeSettings settings, BatchStore store, ChunkTasks tasks, EventOutbox outbox,
                       EventRelay relay, EventCodec codec) {
        if (settings.chunksPerTask() < 0) {
            throw new IllegalArgumentException("modelwatch.compute.chunks-per-task must be 0 (never split) or more, got "
                    + settings.chunksPerTask());
        }
        this.settings = settings;
        this.store = store;
        this.tasks = tasks;
        this.outbox = outbox;
        this.relay = relay;
        this.codec = codec;
    }

    /** The tasks of a run's section, or none when its batch is small enough (or not stored in chunks). */
    public List<ChunkTask> tasksOf(BatchReady event, String kind) {
        int perTask = settings.chunksPerTask();
        if (perTask == 0) {
            return List.of();
        }
        BatchStore.Stored stored = store.describe(event.batchId());
        if (!stored.chunked() || stored.chunks() <= perTask) {
            return List.of();
        }
        return split(event, kind, stored.chunks(), perTask);
    }

    /** Contiguous ranges of {@code perTask} chunks (the last one shorter) covering {@code chunks} chunks. */
    static List<ChunkTask> split(BatchReady event, String kind, int chunks, int perTask) {
        int count = (chunks + perTask - 1) / perTask;
        List<ChunkTask> split = new ArrayList<>(count);
        for (int t = 0; t < count; t++) {
            int first = t * perTask;
            split.add(new ChunkTask(event, kind, t, count, first, Math.min(chunks, first + perTask) - 1));
        }
        return split;
    }

    /** Stores the plan and announces its tasks, once; returns whether this call planned the run. */
    public boolean plan(List<ChunkTask> planned) {
        String traceparent = TraceHeaders.traceparent(planned.get(0).batch().traceparent());
        boolean first = QuarkusTransaction.requiringNew().call(() -> {
            if (!tasks.plan(planned)) {
                return false;
            }
            outbox.enqueue(planned.stream().map(t -> new PublishedEvent(Channels.chunkTask(t.kind()), t.eventId(),
                    traceparent, codec.encode(t))).toList());
            return true;
        });
        if (first) {
            relay.nudge();
        }
        return first;
    }
}
