package io.modelwatch.support.testing;

import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.events.BatchReady;
import io.modelwatch.core.events.TraceContext;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.support.store.BatchStore;
import io.quarkus.narayana.jta.QuarkusTransaction;

import io.quarkus.arc.Arc;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A reference and a drifted day written by the generator, read by the core reader, and put in the batch
 * store as the ingest service would: what a {@code batch.ready} points to. Unique ids per call.
 */
public record StoredRun(ReferenceProfile profile, ColumnBatch reference, ColumnBatch current, BatchReady event) {

    private static final List<String> STORE_MIGRATIONS = List.of("db/store/V4__batch_store.sql",
            "db/store/V31__reference_versions.sql", "db/store/V83__batch_chunks.sql");

    /** The model the stored runs belong to. */
    public static final String MODEL = "churn";

    /** A stored run whose batch is stored whole, column by column (as before batches were stored in chunks). */
    public static StoredRun create(MonitoringPipeline pipeline, BatchStore store) {
        return create(pipeline, store, false, 0);
    }

    /** A stored run whose current batch is the drifted day's header alone (no rows): an empty batch. */
    public static StoredRun createEmpty(MonitoringPipeline pipeline, BatchStore store) {
        return create(pipeline, store, true, 0);
    }

    /**
     * A stored run whose batch is stored in chunks of {@code chunkRows} rows, as the ingest service stores it: the
     * drifted day streamed by the core reader, each chunk stored as it is read.
     */
    public static StoredRun createChunked(MonitoringPipeline pipeline, BatchStore store, int chunkRows) {
        return create(pipeline, store, false, chunkRows, false);
    }

    /**
     * A stored run whose batch is stored in chunks as {@link #createChunked} stores it, with the ingest service's
     * {@code batch.started} hint sent once the batch is started, and a pause of 20 ms after each chunk (a source
     * read slowly), so that a service counts the chunks while they are stored.
     */
    public static StoredRun createHinted(MonitoringPipeline pipeline, BatchStore store, int chunkRows) {
        return create(pipeline, store, false, chunkRows, true);
    }

    private static StoredRun create(MonitoringPipeline pipeline, BatchStore store, boolean empty, int chunkRows) {
        return create(pipeline, store, empty, chunkRows, false);
    }

    private static StoredRun create(MonitoringPipeline pipeline, BatchStore store, boolean empty, int chunkRows,
                                    boolean hinted) {
        ensureStoreSchema();
        try {
            Path dir = Files.createTempDirectory("modelwatch-test");
            TableSchema schema = TableSchema.forConfig(pipeline.config());
            ColumnBatch reference = CsvReader.withDefaults().read(ChurnFixtures.reference(dir), schema);
            Path day = ChurnFixtures.drifted(dir);
            if (empty) {
                day = Files.write(dir.resolve("empty.csv"), List.of(Files.readAllLines(day).get(0)));
            }
            ColumnBatch current = CsvReader.withDefaults().read(day, schema);
            ReferenceProfile profile = pipeline.profile(reference);
            String referenceId = "ref-" + UUID.randomUUID();
            String batchId = "batch-" + UUID.randomUUID();
            int version = QuarkusTransaction.requiringNew().call(() -> {
                int next = store.nextVersion(MODEL);
                store.saveProfile(referenceId, MODEL, next, reference.source(), reference.rowCount(), "test",
                        profile.toBytes());
                if (chunkRows == 0) {
                    store.saveBatch(batchId, MODEL, ChurnFixtures.DRIFTED_DATE, current);
                }
                return next;
            });
            if (chunkRows > 0) {
                BatchStore.ChunkedBatch chunks = store.startBatch(batchId, MODEL, ChurnFixtures.DRIFTED_DATE,
                        current.source(), chunkRows);
                if (hinted) {
                    store.announceStarted(batchId, referenceId);
                }
                CsvReader.withDefaults().stream(day, schema, chunkRows, chunk -> {
                    chunks.add(chunk);
                    if (hinted) {
                        pause(20);
                    }
                });
                chunks.finish();
            }
            BatchReady event = BatchReady.of("run-" + UUID.randomUUID(), batchId, MODEL, ChurnFixtures.DRIFTED_DATE,
                    current.rowCount(), true, current.source(), referenceId, version, reference.source(), Instant.now(),
                    TraceContext.newTraceparent());
            return new StoredRun(profile, reference, current, event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Registers a reference profile (it carries its configuration) as the model's next version, as
     * {@code POST /references} would; returns its reference id.
     */
    public static String register(BatchStore store, String model, ReferenceProfile profile) {
        ensureStoreSchema();
        String referenceId = "ref-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> store.saveProfile(referenceId, model, store.nextVersion(model),
                profile.source(), (int) profile.rows(), "test", profile.toBytes()));
        return referenceId;
    }

    /** Stores a reference profile under a given id (as the model's next version). */
    public static void registerAs(BatchStore store, String referenceId, ReferenceProfile profile) {
        ensureStoreSchema();
        QuarkusTransaction.requiringNew().run(() -> store.saveProfile(referenceId, MODEL, store.nextVersion(MODEL),
                profile.source(), (int) profile.rows(), "test", profile.toBytes()));
    }

    /**
     * The batch store belongs to ingest-service's migrations; a consumer's test creates it with the same
     * (idempotent) script when it runs on a database where ingest never ran.
     */
    private static void ensureStoreSchema() {
        DataSource ds = Arc.container().instance(DataSource.class).get();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String migration : STORE_MIGRATIONS) {
                try (InputStream in = StoredRun.class.getClassLoader().getResourceAsStream(migration)) {
                    s.execute(new String(java.util.Objects.requireNonNull(in, migration).readAllBytes(),
                            StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the batch store: " + e.getMessage(), e);
        }
    }
}
