package io.modelwatch.support.compute;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the drift and performance services split a large run into chunk tasks that several replicas share. */
@ConfigMapping(prefix = "modelwatch.compute")
public interface ComputeSettings {

    /**
     * The chunks of one task: a run whose stored batch has more chunks than this is planned into tasks of this many
     * contiguous chunks, counted by whichever replica takes them from the work queue, and merged; a run of at most
     * this many chunks is counted in one pass as before. 0 (the default) never splits: with one replica, splitting
     * only adds work (10M rows: 66 s split against 42 s in one pass). Replicas that share a run set it, e.g. 16
     * (16 chunks of the ingest default of 65,536 rows is about 1M rows).
     */
    @WithDefault("0")
    int chunksPerTask();

    /**
     * For fault tests only: a pause after a task's part is counted and before it is stored, so that a replica can be
     * killed while it holds a task. 0 (no pause) everywhere else.
     */
    @WithDefault("0")
    long taskPauseMs();

    /**
     * The batches this process counts while they are stored ({@link BatchStreamer}, started by the ingest service's
     * {@code batch.started} hint), at most: each holds one section's counts in memory until its {@code batch.ready}
     * takes them; a hint beyond this is ignored and its run is counted from the store after {@code batch.ready}, as
     * without a hint. 0 turns streaming off.
     */
    @WithDefault("2")
    int streamedBatches();

    /**
     * How long, in milliseconds, a streamed batch may go without a new chunk before it is given up (an ingest that
     * died mid-batch), and how long a finished one waits for its {@code batch.ready} (one another replica took).
     */
    @WithDefault("120000")
    long streamIdleMs();
}
