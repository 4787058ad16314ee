package io.modelwatch.support.compute;

import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.support.compute.SectionComputation.Reference;
import io.modelwatch.support.compute.SectionComputation.Section;
import io.modelwatch.support.compute.SectionComputation.SectionCounts;
import io.modelwatch.support.compute.SectionComputation.Streamed;
import io.modelwatch.support.store.BatchStore;
import io.modelwatch.support.store.ColumnDecoder;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Counts a run's section while the ingest service is still storing its batch: on the hint
 * ({@link BatchStore#announceStarted}, a PostgreSQL notification) a worker thread reads each chunk as soon as it is
 * complete ({@link BatchStore#progress}, polled every {@value #POLL_MS} ms) into the same counts the one-pass path
 * uses ({@link SectionComputation#stream}: started at the first chunk, every chunk added in order), so the section
 * equals the one-pass section to the last bit. {@code batch.ready} stays the trigger: its consumer {@link #take takes}
 * the streamed section (waiting for it to finish) instead of reading the batch again, and when there is none (no hint,
 * hint lost, service restarted, too many batches at once, stream given up) it reads the batch as it always did.
 * A deleted batch (ingest failed) stops its stream and drops its counts.
 */
@ApplicationScoped
public class BatchStreamer {

    private static final Logger LOG = Logger.getLogger(BatchStreamer.class);

    /** How often a stream looks for a newly complete chunk while the batch is stored. */
    static final long POLL_MS = 20;

    private final DataSource dataSource;
    private final BatchStore store;
    private final SectionComputation computation;
    private final ComputeSettings settings;
    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    private volatile boolean running;
    private String kind;
    private Section<?> section;
    private ExecutorService workers;

    public BatchStreamer(DataSource dataSource, BatchStore store, SectionComputation computation,
                         ComputeSettings settings) {
        this.dataSource = dataSource;
        this.store = store;
        this.computation = computation;
        this.settings = settings;
    }

    /** One batch being counted: its section when done, null when given up. */
    private record Stream(String referenceId, CompletableFuture<Streamed<?>> result, long startedAt,
                          boolean[] cancelled) {
    }

    /** Starts listening for hints, counting the {@code kind} section of each hinted batch (once per process). */
    public synchronized void listen(String kind, Section<?> section) {
        if (running || settings.streamedBatches() <= 0) {
            return;
        }
        this.kind = kind;
        this.section = section;
        this.running = true;
        this.workers = Executors.newFixedThreadPool(settings.streamedBatches(), r -> daemon(r, "batch-streamer"));
        daemon(this::listenForHints, "batch-started-listener").start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    /**
     * The streamed {@code kind} section of a batch against {@code referenceId}, when a hint started one: waits until
     * it is counted. Empty when there is none, it was given up, or the hint named another reference; the caller then
     * reads the batch itself.
     */
    @SuppressWarnings("unchecked")
    public <S> Optional<Streamed<S>> take(String batchId, String referenceId, String kind) {
        Stream stream = streams.remove(batchId);
        if (stream == null || !kind.equals(this.kind) || !stream.referenceId().equals(referenceId)) {
            return Optional.empty();
        }
        try {
            Streamed<S> streamed = (Streamed<S>) stream.result().join();
            if (streamed != null) {
                LOG.infof("batch %s: the %s section was counted while the batch was stored (%d rows)", batchId,
                        kind, streamed.rows());
            }
            return Optional.ofNullable(streamed);
        } catch (CompletionException e) {
            LOG.warnf("streaming batch %s failed (%s): reading it from the store", batchId, e.getCause());
            return Optional.empty();
        }
    }

    /** Stops and forgets a batch's stream (its run is split into chunk tasks instead). */
    public void drop(String batchId) {
        Stream stream = streams.remove(batchId);
        if (stream != null) {
            stream.cancelled()[0] = true;
        }
    }

    /** Whether a stream of this batch is held (running or waiting for its {@code batch.ready}). */
    public boolean holds(String batchId) {
        return streams.containsKey(batchId);
    }

    private void listenForHints() {
        while (running) {
            try (Connection c = dataSource.getConnection(); Statement listen = c.createStatement()) {
                listen.execute("listen " + BatchStore.STARTED_CHANNEL);
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] hints = pg.getNotifications(1000);
                    for (PGNotification hint : hints == null ? new PGNotification[0] : hints) {
                        String[] ids = hint.getParameter().split("\t", 2);
                        if (ids.length == 2) {
                            hint(ids[0], ids[1]);
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                // hints sent meanwhile are lost: those runs are read from the store after batch.ready
                LOG.debugf("listening for %s: %s; again in 1 s", BatchStore.STARTED_CHANNEL, e);
                pause(1000);
            }
        }
    }

    private void hint(String batchId, String referenceId) {
        long now = System.currentTimeMillis();
        // a finished stream whose batch.ready went elsewhere (another replica, a duplicate) is not kept for ever
        streams.entrySet().removeIf(e -> e.getValue().result().isDone()
                && now - e.getValue().startedAt() > settings.streamIdleMs());
        if (streams.size() >= settings.streamedBatches() || streams.containsKey(batchId)) {
            LOG.debugf("batch %s not streamed (%d streams held): read after its batch.ready", batchId, streams.size());
            return;
        }
        Stream stream = new Stream(referenceId, new CompletableFuture<>(), now, new boolean[1]);
        streams.put(batchId, stream);
        workers.execute(() -> {
            try {
                Streamed<?> counted = count(batchId, referenceId, section, stream.cancelled());
                if (counted == null) {
                    streams.remove(batchId, stream);
                }
                stream.result().complete(counted);
            } catch (RuntimeException | Error e) {
                streams.remove(batchId, stream);
                stream.result().completeExceptionally(e);
            }
        });
    }

    /**
     * Counts a batch's chunks as they are stored, exactly as {@link SectionComputation#stream} counts a stored one;
     * null when the batch is deleted, not stored in chunks, idle too long, or the stream is cancelled.
     */
    <S> Streamed<S> count(String batchId, String referenceId, Section<S> section, boolean[] cancelled) {
        Reference reference = computation.reference(referenceId);
        Set<String> columns = SectionComputation.neededColumns(reference.pipeline().config(), section);
        List<SectionCounts<S>> counts = new ArrayList<>(1);
        long[] rows = new long[1];
        Consumer<ColumnBatch> counting = SectionComputation.counting(counts, rows,
                chunk -> section.start(reference.pipeline(), reference.profile(), chunk));
        int next = 0;
        long lastChunkAt = System.currentTimeMillis();
        // one decoder for the whole stream: its inflater and buffer are reused for every chunk
        try (ColumnDecoder decoder = new ColumnDecoder()) {
            while (running && !cancelled[0]) {
                Optional<BatchStore.Progress> progress = store.progress(batchId);
                if (progress.isEmpty() || !progress.get().chunked()) {
                    LOG.debugf("batch %s deleted or not stored in chunks: its stream is dropped", batchId);
                    return null;
                }
                BatchStore.Progress p = progress.get();
                if (next < p.complete()) {
                    for (; next < p.complete() && !cancelled[0]; next++) {
                        counting.accept(store.chunk(batchId, p.source(), next, columns, decoder));
                    }
                    lastChunkAt = System.currentTimeMillis();
                } else if (p.sealed()) {
                    // a chunk read while the batch was being deleted is caught here: a deleted batch is not sealed
                    return counts.isEmpty() ? null : new Streamed<>(counts.get(0).result(rows[0]), rows[0]);
                } else if (System.currentTimeMillis() - lastChunkAt > settings.streamIdleMs()) {
                    LOG.debugf("batch %s: no new chunk for %d ms, its stream is given up", batchId,
                            settings.streamIdleMs());
                    return null;
                } else {
                    pause(POLL_MS);
                }
            }
        }
        return null;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
