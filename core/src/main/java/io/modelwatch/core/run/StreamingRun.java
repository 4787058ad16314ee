package io.modelwatch.core.run;

import io.modelwatch.core.result.DriftSection;
import io.modelwatch.core.result.RunInfo;
import io.modelwatch.core.result.RunResult;

import io.modelwatch.core.anomaly.MetricHistory;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.InputException;
import io.modelwatch.core.data.TableReader;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.run.section.DriftAccumulator;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The monitoring run of a current file of any size, read once in chunks: memory does not grow with the row
 * count, and every number is that of the whole file. The file is parsed on its own threads ({@link ChunkPipe})
 * while each chunk updates the exact mergeable counts of every section ({@link RunAccumulator}: value runs and
 * label counts for drift and PSI, outcome counts by distinct score for classification quality and the CBPE
 * estimate, per-segment and per-bin counts for segments and WoE/IV, the data-quality checks with their first
 * examples and the set of ids seen). Nothing is sampled.
 *
 * <p>What memory does grow with: the distinct values of each numeric column and of the score, the categories,
 * but not the ids: the duplicate-id check keeps those of the latest rows in memory and spills the earlier ones
 * to temporary files, about 15 bytes per id ({@link io.modelwatch.core.quality.QualityAccumulator}). A 10M-row
 * churn file runs in well under 1 GB. Compared with {@link MonitoringPipeline#run} on the file read whole, the result
 * is equal except where an accumulator documents otherwise: drift tests that read the observations one by one
 * (t-test, Epps–Singleton, the permutation tests) see them in ascending order, and sums added per distinct
 * value may differ in the last bits (only for such tests: with the automatic tests the result is bit-identical).
 */
public final class StreamingRun {

    /** Rows per chunk read from the file. */
    public static final int DEFAULT_CHUNK_ROWS = 65_536;

    private final MonitoringPipeline pipeline;
    private final int chunkRows;
    private final TableReader reader;
    /** What each chunk becomes before it is counted (the label join), in file order. */
    private final UnaryOperator<ColumnBatch> eachChunk;

    private StreamingRun(MonitoringPipeline pipeline, int chunkRows, TableReader reader,
                         UnaryOperator<ColumnBatch> eachChunk) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        if (chunkRows <= 0) {
            throw new IllegalArgumentException("chunk size must be positive, got " + chunkRows);
        }
        this.chunkRows = chunkRows;
        this.reader = Objects.requireNonNull(reader, "reader");
        this.eachChunk = Objects.requireNonNull(eachChunk, "eachChunk");
    }

    public static StreamingRun of(MonitoringPipeline pipeline) {
        return new StreamingRun(pipeline, DEFAULT_CHUNK_ROWS, CsvReader.withDefaults().withThreads(parserThreads()),
                UnaryOperator.identity());
    }

    /**
     * Threads that parse the streamed file: all cores but one, which the accumulators need (on 2 cores the
     * parser and the accumulators each take one; measured, a second parsing thread there only adds copying and
     * memory: 10M rows 10.2 s either way, 870 instead of 800 MB).
     */
    public static int parserThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    public StreamingRun withChunkRows(int rows) {
        return new StreamingRun(pipeline, rows, reader, eachChunk);
    }

    /**
     * This run reading with {@code tableReader}: a CSV reader that reports progress (see {@link #parserThreads}), or
     * the reader of another format (Parquet).
     */
    public StreamingRun withReader(TableReader tableReader) {
        return new StreamingRun(pipeline, chunkRows, tableReader, eachChunk);
    }

    /**
     * This run with each chunk passed through {@code prepare} before it is counted, one chunk at a time in file order
     * (and the whole file of a header without rows): the labels of a {@link io.modelwatch.core.labels.LabelIndex}
     * joined to it, so that memory grows with the label file, not with the predictions.
     */
    public StreamingRun withEachChunk(UnaryOperator<ColumnBatch> prepare) {
        return new StreamingRun(pipeline, chunkRows, reader, prepare);
    }

    public int chunkRows() {
        return chunkRows;
    }

    /** Only the drift section of {@code current}, streamed once (the drift stage of the benchmark). */
    public DriftSection drift(ReferenceProfile profile, Path current, TableSchema schema) {
        DriftAccumulator[] drift = new DriftAccumulator[1];
        ChunkPipe.run(reader, current, schema, chunkRows, chunk -> {
            if (drift[0] == null) {
                drift[0] = pipeline.driftAccumulator(profile, chunk);
            }
            drift[0].add(chunk);
        });
        if (drift[0] == null) {
            throw noDataRows(current);
        }
        return drift[0].result();
    }

    /** Streams {@code current} once and runs the monitoring on it (no metric history). */
    public RunResult run(RunInfo info, ReferenceProfile profile, Path current, TableSchema schema) {
        return run(info, profile, current, schema, MetricHistory.empty(), false);
    }

    /**
     * Streams {@code current} once and runs the monitoring on it, with the metric history of earlier runs.
     *
     * @param dateFromData when true, the snapshot date of {@code info} is replaced by the UTC date of the earliest
     *                     prediction timestamp of the file (today when there is none)
     */
    public RunResult run(RunInfo info, ReferenceProfile profile, Path current, TableSchema schema,
                         MetricHistory history, boolean dateFromData) {
        long t0 = System.nanoTime();
        RunAccumulator counts = new RunAccumulator(pipeline, profile);
        try {
            TableReader.Summary summary = ChunkPipe.run(reader, current, schema, chunkRows,
                    chunk -> counts.add(eachChunk.apply(chunk)));
            RunInfo dated = info;
            if (dateFromData) {
                dated = info.withSnapshotDate(counts.snapshotDate());
            }
            if (counts.rows() == 0) {
                // a header and no rows: no chunk told the accumulators the columns; the empty file read whole does,
                // and the run completes with the data-quality finding "empty batch" (drift not computable)
                return pipeline.run(dated, profile, eachChunk.apply(reader.read(current, schema)), history);
            }
            return pipeline.assemble(dated, profile.rows(), summary.rowCount(), counts.drift(), counts.performance(),
                    counts.quality(), (System.nanoTime() - t0) / 1_000_000, history);
        } finally {
            // Deletes the spilled ids when the run failed (the quality section deletes them when it is computed).
            counts.discard();
        }
    }

    private static InputException noDataRows(Path file) {
        return new InputException(file + ": no data rows (the header alone)");
    }
}
