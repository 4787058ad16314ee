package io.modelwatch.support.compute;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the drift and performance services split a large run into chunk tasks that several replicas share. */
@ConfigMapping(prefix = "modelwatch.compute")
public interface ComputeSettings {

    /**
     * The chunks of one task: a run whose stored batch has more chunks than this is planned into tasks of this many
     * contiguous chunks, counted by whichever replica takes them from the work queue, and merged; a run of at most
     * this many chunks is counted in one pass as before. 16 chunks of the ingest default of 65,536 rows is about 1M
     * rows. 0 never splits.
     */
    @WithDefault("16")
    int chunksPerTask();

    /**
     * For fault tests only: a pause after a task's part is counted and before it is stored, so that a replica can be
     * killed while it holds a task. 0 (no pause) everywhere else.
     */
    @WithDefault("0")
    long taskPauseMs();
}
