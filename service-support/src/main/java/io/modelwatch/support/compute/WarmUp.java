package io.modelwatch.support.compute;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.quality.QualityReport;
import io.modelwatch.core.report.CsvExport;
import io.modelwatch.core.report.HtmlReport;
import io.modelwatch.core.report.Json;
import io.modelwatch.core.result.DriftSection;
import io.modelwatch.core.result.PerformanceSection;
import io.modelwatch.core.result.RunInfo;
import io.modelwatch.core.result.RunResult;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.core.synth.ChurnDataGenerator;
import io.modelwatch.core.synth.Scenario;
import io.modelwatch.support.messaging.EventCodec;
import io.modelwatch.support.repository.RunHistory;
import io.modelwatch.support.repository.RunSections;
import io.modelwatch.support.store.ColumnBytes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A rehearsal of a run at start-up, so that the first real run does not pay for the JVM's first use of its code:
 * a small generated churn day ({@code modelwatch.warm-up.rows} rows of reference and of drifted current data, the
 * built-in configuration) goes through what the services do with a batch (CSV read, the columns' stored byte form
 * and back, the profile and its byte form, the drift and performance sections counted chunk by chunk as
 * {@link SectionComputation} counts them, the quality report) and with the sections (their events as JSON and back,
 * the core's assembly, {@code snapshot.json}, {@code report.html}, {@code metrics.csv}). Nothing is stored and
 * nothing is sent: the rehearsal only loads and compiles the code (class loading, Jackson's and Qute's
 * introspection, the interpreter's first passes), which in a fresh service took seconds of the first run's time
 * between the last section and the report.
 *
 * <p>It runs on a thread of its own after start-up; the service reports itself not ready ({@code warm-up}
 * readiness check) until it has finished, or failed (a failure is logged and changes nothing else). With
 * {@code modelwatch.warm-up.rows=0} there is no rehearsal.
 */
@Readiness
@ApplicationScoped
public class WarmUp implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(WarmUp.class);

    private final EventCodec codec;
    private final RunSections sections;
    private final RunHistory history;
    private final int rows;
    private final boolean queries;
    private volatile boolean done;

    public WarmUp(EventCodec codec, RunSections sections, RunHistory history,
                  @ConfigProperty(name = "modelwatch.warm-up.rows", defaultValue = "2000") int rows,
                  @ConfigProperty(name = "modelwatch.warm-up.assembly-queries", defaultValue = "false") boolean queries) {
        this.codec = codec;
        this.sections = sections;
        this.history = history;
        this.rows = rows;
        this.queries = queries;
        this.done = rows <= 0;
    }

    void onStart(@Observes StartupEvent start) {
        if (done) {
            return;
        }
        Thread t = new Thread(() -> {
            long t0 = System.nanoTime();
            try {
                RunResult result = rehearse(codec, rows);
                if (queries) {
                    rehearseQueries(result);
                }
                LOG.infof("warm-up: a rehearsal run of %d rows (%d metric rows, %d alerts) in %d ms", rows,
                        result.metrics().size(), result.alerts().size(), (System.nanoTime() - t0) / 1_000_000);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("warm-up rehearsal failed (the service works, its first run may be slower)", e);
            } finally {
                done = true;
            }
        }, "warm-up");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("warm-up").status(done).build();
    }

    /**
     * The queries of assembling a run (its sections, the model's history, the history rows written) for the
     * rehearsal's run, in a transaction rolled back: Hibernate parses and plans them once here. Only in the
     * services that keep sections and history ({@code modelwatch.warm-up.assembly-queries=true}).
     */
    void rehearseQueries(RunResult result) {
        RunInfo run = new RunInfo("warm-up-" + java.util.UUID.randomUUID(), "warm-up-" + java.util.UUID.randomUUID(),
                result.run().snapshotDate(), null, null, null, Instant.now(), "warm-up", 1);
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                sections.complete(run.runId());
                history.before(run, 10);
                history.record(run, result.metrics());
                throw new RolledBack(); // the way to roll back what record wrote
            });
        } catch (RuntimeException e) {
            if (!(e instanceof RolledBack) && !(e.getCause() instanceof RolledBack)) {
                throw e;
            }
            // done: the queries ran, nothing was kept
        }
    }

    /** Thrown at the end of the rehearsed queries so that their transaction rolls back. */
    private static final class RolledBack extends RuntimeException {
        RolledBack() {
            super("warm-up queries rolled back", null, false, false);
        }
    }

    /** Whether the rehearsal has finished (or was not asked for). */
    public boolean done() {
        return done;
    }

    /**
     * One rehearsal run of {@code rows} generated rows through the services' steps, in memory; returns the
     * assembled run (the report's content).
     */
    public static RunResult rehearse(EventCodec codec, int rows) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("modelwatch-warm-up");
            Day day = writeDay(dir, rows);
            return rehearse(codec, day);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) {
                delete(dir);
            }
        }
    }

    /** The rehearsal's files: a stable reference and a drifted current day of the generated churn data. */
    record Day(Path reference, Path current, LocalDate date) {
    }

    static Day writeDay(Path dir, int rows) throws IOException {
        LocalDate date = LocalDate.of(2026, 1, 1);
        Day day = new Day(dir.resolve("reference.csv"), dir.resolve("current.csv"), date);
        ChurnDataGenerator.of(Scenario.STABLE, date.minusDays(30), "r").write(day.reference(), rows, 1);
        ChurnDataGenerator.of(Scenario.DRIFT, date, "c").write(day.current(), rows, 2);
        return day;
    }

    /** The rehearsal on the day's files with the built-in configuration. */
    static RunResult rehearse(EventCodec codec, Day day) {
        MonitoringConfig config = ConfigLoader.defaults();
        MonitoringPipeline pipeline = MonitoringPipeline.of(config);
        TableSchema schema = TableSchema.forConfig(config);
        CsvReader reader = CsvReader.withDefaults();
        ReferenceProfile profile = ReferenceProfile.fromBytes(
                pipeline.profile(reader.read(day.reference(), schema)).toBytes());
        ColumnBatch whole = reader.read(day.current(), schema);
        List<ColumnBatch> chunks = new ArrayList<>();
        reader.stream(day.current(), schema, Math.max(1, whole.rowCount() / 4), chunk -> chunks.add(stored(chunk)));
        long currentRows = whole.rowCount();
        DriftSection drift = counted(SectionComputation.DRIFT, pipeline, profile, chunks, currentRows);
        PerformanceSection performance = counted(SectionComputation.PERFORMANCE, pipeline, profile, chunks,
                currentRows);
        QualityReport quality = pipeline.quality(whole);
        RunInfo run = new RunInfo("warm-up", "warm-up", day.date(), day.reference().toString(),
                day.current().toString(), null, Instant.now(), "warm-up", 1);
        // the sections as their events carry them, and back
        DriftSection driftBack = section(codec, MetricsComputed.DRIFT, run, profile.rows(), currentRows, drift,
                DriftSection.class);
        PerformanceSection performanceBack = section(codec, MetricsComputed.PERFORMANCE, run, profile.rows(),
                currentRows, performance, PerformanceSection.class);
        QualityReport qualityBack = section(codec, MetricsComputed.QUALITY, run, profile.rows(), currentRows,
                quality, QualityReport.class);
        RunResult result = pipeline.assemble(run, profile.rows(), currentRows, driftBack, performanceBack,
                qualityBack, 0);
        Json.pretty(result);
        HtmlReport.render(result);
        CsvExport.metrics(result.metrics());
        CsvExport.alerts(result.alerts());
        return result;
    }

    /** The chunk as the batch store hands it back: every column through its stored byte form. */
    private static ColumnBatch stored(ColumnBatch chunk) {
        List<Column> back = new ArrayList<>();
        for (Column c : chunk.columns().values()) {
            back.add(ColumnBytes.decode(c.name(), ColumnBytes.encode(c)));
        }
        return ColumnBatch.of(chunk.source(), back);
    }

    private static <S> S counted(SectionComputation.Section<S> section, MonitoringPipeline pipeline,
                                 ReferenceProfile profile, List<ColumnBatch> chunks, long rows) {
        SectionComputation.SectionCounts<S> counts = section.start(pipeline, profile, chunks.get(0));
        chunks.forEach(counts::add);
        return counts.result(rows);
    }

    private static <S> S section(EventCodec codec, String kind, RunInfo run, long referenceRows, long currentRows,
                                 S section, Class<S> type) {
        MetricsComputed event = MetricsComputed.of(kind, run, referenceRows, currentRows, codec.tree(section), 0, null);
        MetricsComputed back = codec.read(codec.encode(event), MetricsComputed.class);
        return codec.fromTree(back.section(), type);
    }

    private static void delete(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.debugf("warm-up: could not delete %s: %s", dir, e.getMessage());
        }
    }
}
