package io.modelwatch.core.run;

import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.profile.ReferenceProfile;

/**
 * The whole monitoring computation of one run, shared by the CLI and the services so that both give
 * identical numbers. The services call the parts ({@link #drift}, {@link #performance},
 * {@link #quality}) in separate processes and {@link #assemble} the result; the CLI calls {@link #run}.
 */
public final class MonitoringPipeline {

    private final MonitoringConfig config;

    private MonitoringPipeline(MonitoringConfig config) {
        this.config = config;
    }

    public static MonitoringPipeline of(MonitoringConfig config) {
        return new MonitoringPipeline(config);
    }

    public MonitoringConfig config() {
        return config;
    }

    /** Computes the reference profile once; store it with {@link ReferenceProfile#toBytes()}. */
    public ReferenceProfile profile(ColumnBatch reference) {
        throw new UnsupportedOperationException("being written");
    }

    /** Data and prediction drift: per-column drift tests, dataset drift, and the alerting PSI. */
    public DriftSection drift(ReferenceProfile profile, ColumnBatch current) {
        throw new UnsupportedOperationException("being written");
    }

    /** Classification quality (when labels are present), concept drift, segments, importance. */
    public PerformanceSection performance(ReferenceProfile profile, ColumnBatch current) {
        throw new UnsupportedOperationException("being written");
    }

    /** Data-quality findings of the current batch. */
    public QualitySection quality(ColumnBatch current) {
        throw new UnsupportedOperationException("being written");
    }

    /** Puts the parts together, derives the flat metric rows and evaluates the alert rules. */
    public RunResult assemble(RunInfo info, DriftSection drift, PerformanceSection performance,
                              QualitySection quality, long durationMs) {
        throw new UnsupportedOperationException("being written");
    }

    /** All parts in one process (the CLI). */
    public RunResult run(RunInfo info, ReferenceProfile profile, ColumnBatch current) {
        long t0 = System.nanoTime();
        DriftSection d = drift(profile, current);
        PerformanceSection p = performance(profile, current);
        QualitySection q = quality(current);
        return assemble(info, d, p, q, (System.nanoTime() - t0) / 1_000_000);
    }
}
