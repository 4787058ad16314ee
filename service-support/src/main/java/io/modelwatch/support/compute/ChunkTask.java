package io.modelwatch.support.compute;

import io.modelwatch.core.events.BatchReady;

/**
 * One part of a large run's batch to count: chunks {@code firstChunk} to {@code lastChunk} (both included), task
 * {@code taskNo} of {@code tasks}, of the {@code kind} section of the run {@code batch} started. Published on
 * {@code <kind>.chunk.task} when the run is planned ({@link TaskPlanner}); any replica of the service takes it.
 */
public record ChunkTask(BatchReady batch, String kind, int taskNo, int tasks, int firstChunk, int lastChunk) {

    /** The task's event id: one per (run, kind, task), so a task announced twice is the same message. */
    public String eventId() {
        return batch.runId() + "/" + kind + "/task-" + taskNo;
    }

    /** Checks the fields a consumer relies on. */
    public ChunkTask validate() {
        if (batch == null || kind == null) {
            throw new IllegalArgumentException("a chunk task needs its batch.ready and its kind");
        }
        batch.validate();
        if (taskNo < 0 || taskNo >= tasks || firstChunk < 0 || lastChunk < firstChunk) {
            throw new IllegalArgumentException("chunk task " + taskNo + " of " + tasks + " over chunks " + firstChunk
                    + ".." + lastChunk + " of run " + batch.runId() + " is not a task");
        }
        return this;
    }
}
