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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/**
 * A reference and a drifted day written by the generator, read by the core reader, and put in the batch
 * store as the ingest service would: what a {@code batch.ready} points to. Unique ids per call.
 */
public record StoredRun(ReferenceProfile profile, ColumnBatch reference, ColumnBatch current, BatchReady event) {

    public static StoredRun create(MonitoringPipeline pipeline, BatchStore store) {
        try {
            Path dir = Files.createTempDirectory("modelwatch-test");
            TableSchema schema = TableSchema.forConfig(pipeline.config());
            ColumnBatch reference = CsvReader.withDefaults().read(ChurnFixtures.reference(dir), schema);
            ColumnBatch current = CsvReader.withDefaults().read(ChurnFixtures.drifted(dir), schema);
            ReferenceProfile profile = pipeline.profile(reference);
            String referenceId = "ref-" + UUID.randomUUID();
            String batchId = "batch-" + UUID.randomUUID();
            QuarkusTransaction.requiringNew().run(() -> {
                store.saveProfile(referenceId, "churn", reference.source(), reference.rowCount(), profile.toBytes());
                store.saveBatch(batchId, "churn", ChurnFixtures.DRIFTED_DATE, current);
            });
            BatchReady event = BatchReady.of("run-" + UUID.randomUUID(), batchId, "churn", ChurnFixtures.DRIFTED_DATE,
                    current.rowCount(), true, current.source(), referenceId, reference.source(), Instant.now(),
                    TraceContext.newTraceparent());
            return new StoredRun(profile, reference, current, event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
