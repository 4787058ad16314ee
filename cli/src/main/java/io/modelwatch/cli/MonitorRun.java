package io.modelwatch.cli;

import io.modelwatch.core.anomaly.MetricHistory;
import io.modelwatch.core.report.MetricHistoryFile;
import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.SchemaRule;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.InputException;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.labels.LabelIndex;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.report.ReportFolder;
import io.modelwatch.core.run.ModelReference;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.core.result.RunInfo;
import io.modelwatch.core.result.RunResult;
import io.modelwatch.core.run.SnapshotDate;
import io.modelwatch.core.run.StreamingRun;
import io.modelwatch.core.run.section.Futures;

import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/** One monitoring run on files: read, profile, compute, write the report folder, print the summary. */
final class MonitorRun {

    private static final long PROGRESS_EVERY_ROWS = 250_000;

    private MonitorRun() {
    }

    static int execute(RunOptions options, Progress progress, PrintStream out) {
        try {
            return run(options, progress, out);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            // InputException, ConfigException and every "bad value" error name the file, row or column
            System.err.println("error: " + e.getMessage());
            return MonitorCommand.EXIT_BAD_INPUT;
        }
    }

    private static int run(RunOptions o, Progress progress, PrintStream out) {
        Instant started = Instant.now();
        MonitoringConfig explicit = o.config() != null ? ConfigLoader.load(o.config())
                : o.useBuiltInConfig() ? ConfigLoader.defaults() : null;
        if (ReferenceProfile.isProfile(o.reference())) {
            // a stored profile (monitor profile) carries the configuration it was computed with; --config may
            // replace it only where the profile does not depend on it (SchemaRule.forStoredProfile)
            progress.stage("reading reference profile " + o.reference());
            ReferenceProfile stored = ReferenceProfile.read(o.reference());
            MonitoringConfig config = named(SchemaRule.forStoredProfile(stored.config(), explicit,
                    o.config() != null ? o.config().toString() : "the built-in configuration"), o.modelId());
            MonitoringPipeline pipeline = MonitoringPipeline.of(config);
            CompletableFuture<ReferenceProfile> done = CompletableFuture.completedFuture(stored);
            if (!o.inMemory()) {
                return streamed(o, config, pipeline, done, started, progress, out);
            }
            return inMemory(o, config, pipeline, done, started, progress, out);
        }

        // explicit configuration wins, otherwise the schema is inferred from the reference (SchemaRule)
        MonitoringConfig base = ConfigLoader.defaults();
        progress.stage("reading reference " + o.reference());
        ModelReference model = ModelReference.read(schema -> InputFiles.reader(o.reference(),
                reader(progress, "reference")).read(o.reference(), schema), explicit, base).named(o.modelId());
        ColumnBatch reference = model.batch();
        MonitoringConfig config = model.config();

        // the reference is profiled on another thread while the current file is read (the parse is serial)
        MonitoringPipeline pipeline = MonitoringPipeline.of(config);
        progress.stage(String.format(Locale.ROOT, "profiling reference (%,d rows)", reference.rowCount()));
        CompletableFuture<ReferenceProfile> profiling = CompletableFuture.supplyAsync(() -> pipeline.profile(reference));

        // the current file is streamed in chunks (exact, memory bounded by distinct values; labels are joined to
        // each chunk) unless the user asks for the in-memory path
        if (!o.inMemory()) {
            return streamed(o, config, pipeline, profiling, started, progress, out);
        }

        return inMemory(o, config, pipeline, profiling, started, progress, out);
    }

    /** The configuration under the model id given on the command line, if any. */
    static MonitoringConfig named(MonitoringConfig config, String modelId) {
        return modelId == null ? config : config.withModelId(modelId);
    }

    /** The current batch read whole ({@code --in-memory}), labelled whole, then the pipeline on it. */
    private static int inMemory(RunOptions o, MonitoringConfig config, MonitoringPipeline pipeline,
                                CompletableFuture<ReferenceProfile> profiling, Instant started, Progress progress,
                                PrintStream out) {
        progress.stage("reading current " + o.current());
        ColumnBatch current = InputFiles.reader(o.current(), reader(progress, "current"))
                .read(o.current(), TableSchema.forConfig(config));
        pipeline.requireRoleColumns(current);
        if (o.labels() != null) {
            progress.stage("joining labels " + o.labels());
            LabelIndex labels = labelIndex(o, config, progress);
            current = labels.labelled(current);
            labelCounts(labels, progress);
        }

        ReferenceProfile profile = Futures.join(profiling);
        progress.stage(String.format(Locale.ROOT, "computing drift, performance, quality (%,d rows)", current.rowCount()));
        RunInfo info = runInfo(o, config, started,
                o.date() != null ? o.date() : SnapshotDate.of(current, config.roles().timestamp()));
        ColumnBatch batch = current;
        RunResult result = withHistory(o, history -> pipeline.run(info, profile, batch, history));

        return finish(o, result, progress, out);
    }

    /**
     * The current file streamed once in chunks: memory bounded by the distinct values, not by the row count, and
     * the same numbers as a run on the file read whole. With {@code --labels}, the label file is read whole and
     * indexed by id ({@link LabelIndex}), and each chunk is labelled as it streams: memory grows with the label
     * file, not with the predictions, and the labels and counts are those of the whole-batch join. Without
     * {@code --date}, the snapshot date is that of the earliest prediction timestamp.
     */
    private static int streamed(RunOptions o, MonitoringConfig config, MonitoringPipeline pipeline,
                                CompletableFuture<ReferenceProfile> profiling, Instant started, Progress progress,
                                PrintStream out) {
        LabelIndex labels = null;
        if (o.labels() != null) {
            progress.stage("indexing labels " + o.labels());
            labels = labelIndex(o, config, progress);
        }
        ReferenceProfile profile = Futures.join(profiling);
        StreamingRun plain = StreamingRun.of(pipeline).withReader(InputFiles.reader(o.current(),
                reader(progress, "current").withThreads(StreamingRun.parserThreads())));
        StreamingRun streaming = labels == null ? plain : plain.withEachChunk(labels::labelled);
        progress.stage(String.format(Locale.ROOT, "streaming current %s in chunks of %,d rows%s", o.current(),
                streaming.chunkRows(), labels == null ? "" : ", each joined to its labels"));
        RunInfo info = runInfo(o, config, started, o.date());
        RunResult result = withHistory(o, history -> streaming.run(info, profile, o.current(),
                TableSchema.forConfig(config), history, o.date() == null));
        if (labels != null) {
            labelCounts(labels, progress);
        }
        return finish(o, result, progress, out);
    }

    /** The label file of {@code --labels} read whole and indexed by id. */
    private static LabelIndex labelIndex(RunOptions o, MonitoringConfig config, Progress progress) {
        ColumnBatch labels = InputFiles.reader(o.labels(), reader(progress, "labels"))
                .read(o.labels(), TableSchema.forRoles(config.roles()));
        return LabelIndex.of(labels, config.roles());
    }

    private static void labelCounts(LabelIndex labels, Progress progress) {
        progress.stage(String.format(Locale.ROOT, "labels: %,d matched, %,d without a prediction, %,d repeated ids",
                labels.matched(), labels.unmatchedLabels(), labels.duplicateLabelIds()));
    }

    /** The run with the metric history of {@code --history} (none without it), its rows then appended to it. */
    private static RunResult withHistory(RunOptions o, java.util.function.Function<MetricHistory, RunResult> run) {
        if (o.history() == null) {
            return run.apply(MetricHistory.empty());
        }
        RunResult result = run.apply(MetricHistoryFile.read(o.history()));
        MetricHistoryFile.append(o.history(), result);
        return result;
    }

    private static int finish(RunOptions o, RunResult result, Progress progress, PrintStream out) {
        progress.stage("writing report to " + o.out());
        ReportFolder.write(o.out(), result);
        Summary.print(result, o.out(), out);
        if (o.failOn() != null && result.alerts().stream().anyMatch(a -> a.severity().atLeast(o.failOn()))) {
            return MonitorCommand.EXIT_ALERT;
        }
        return MonitorCommand.EXIT_OK;
    }

    /**
     * What the run is given: its id from the start time, the model, the files, and the snapshot date (null: the
     * streamed run takes it from the data, {@link SnapshotDate}).
     */
    private static RunInfo runInfo(RunOptions o, MonitoringConfig config, Instant started, LocalDate date) {
        return new RunInfo("run-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC)
                .format(started), config.modelId(), date, o.reference().toString(), o.current().toString(),
                o.labels() == null ? null : o.labels().toString(), started);
    }

    private static CsvReader reader(Progress progress, String what) {
        CsvReader reader = CsvReader.withDefaults();
        return progress.quiet() ? reader : reader.withProgress(PROGRESS_EVERY_ROWS,
                rows -> progress.stage(String.format(Locale.ROOT, "  %s: %,d rows read", what, rows)));
    }

}
