/**
 * The sections of a monitoring run, each owning its computation and its accumulator: the reference profile
 * ({@link io.modelwatch.core.run.section.ReferenceProfiler}), drift ({@link io.modelwatch.core.run.section.DriftTests},
 * {@link io.modelwatch.core.run.section.DriftAccumulator},
 * {@link io.modelwatch.core.run.section.SegmentDriftAccumulator}), performance with segments and importance
 * ({@link io.modelwatch.core.run.section.PerformanceAccumulator}, {@link io.modelwatch.core.run.section.SegmentRows},
 * {@link io.modelwatch.core.run.section.ImportanceRows}) and root cause
 * ({@link io.modelwatch.core.run.section.RootCause}); data quality is {@code quality.QualityAccumulator}. The package
 * {@code run} composes them ({@code MonitoringPipeline}, {@code DriftPart}, {@code PerformancePart},
 * {@code RunAccumulator}, {@code StreamingRun}); nothing here uses it.
 */
package io.modelwatch.core.run.section;
