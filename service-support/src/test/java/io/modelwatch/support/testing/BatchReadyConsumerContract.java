package io.modelwatch.support.testing;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.events.BatchReady;
import io.modelwatch.core.events.Channels;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.core.metrics.MetricRow;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.support.messaging.EventCodec;
import io.modelwatch.support.repository.ChunkTasks;
import io.modelwatch.support.repository.EventLedger;
import io.modelwatch.support.repository.MetricsLog;
import io.modelwatch.support.store.BatchStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

/**
 * What every consumer of {@code batch.ready} must show, against the real local RabbitMQ and PostgreSQL (test
 * exchange and queue names): the same event twice stores one set of metrics and re-announces the stored
 * event; malformed events go to the dead-letter queue with their reason while the consumer keeps going.
 * A service's {@code @QuarkusTest} extends it and names the event it publishes.
 */
public abstract class BatchReadyConsumerContract extends BusTest {

    /** The churn configuration the fixtures' files follow; the stored reference carries it. */
    protected final MonitoringPipeline pipeline = MonitoringPipeline.of(ConfigLoader.defaults());
    @Inject
    protected BatchStore store;
    @Inject
    protected MetricsLog metricsLog;
    @Inject
    protected EventLedger ledger;
    @Inject
    protected EventCodec codec;
    @Inject
    protected ChunkTasks chunkTasks;
    @Inject
    protected io.modelwatch.support.compute.BatchStreamer streamer;
    @ConfigProperty(name = "mp.messaging.incoming." + Channels.BATCH_READY_IN + ".queue.name")
    protected String queue;

    /** The routing key of the metrics event the service publishes ({@code metrics.drift} ...). */
    protected abstract String metricsRoutingKey();

    /** The {@link MetricsComputed#kind()} of that event. */
    protected abstract String metricsKind();

    @Test
    void sameBatchReadyTwiceStoresOneSetOfMetrics() throws Exception {
        StoredRun run = StoredRun.create(pipeline, store);
        String metricsQueue = bus.listen(exchange, metricsRoutingKey());
        String json = codec.encode(run.event());

        bus.publish(exchange, Channels.BATCH_READY, json);
        bus.publish(exchange, Channels.BATCH_READY, json);

        MetricsComputed first = codec.read(bus.take(metricsQueue, Duration.ofSeconds(60)).orElseThrow(
                () -> new AssertionError("no " + metricsRoutingKey() + " published")).body(), MetricsComputed.class);
        // the redelivery re-announces the stored event (same event id) and computes nothing
        MetricsComputed second = codec.read(bus.take(metricsQueue, Duration.ofSeconds(30)).orElseThrow(
                () -> new AssertionError("the duplicate was not re-announced")).body(), MetricsComputed.class);
        assertThat(second.eventId()).isEqualTo(first.eventId());
        assertThat(first.kind()).isEqualTo(metricsKind());
        assertThat(first.runId()).isEqualTo(run.event().runId());
        assertThat(first.metricRows()).isPositive();

        String runId = run.event().runId();
        long rows = QuarkusTransaction.requiringNew().call(() -> metricsLog.countForRun(runId));
        assertThat(rows).isEqualTo(first.metricRows());
        assertThat(QuarkusTransaction.requiringNew().call(() -> ledger.count("runId", runId))).isEqualTo(1L);
    }

    /**
     * The metrics log keeps a section's rows as given, in their order (one multi-row insert), a value that is not
     * finite as null.
     */
    @Test
    void theMetricsLogKeepsTheRowsInOrder() {
        String runId = "metrics-log-" + java.util.UUID.randomUUID();
        io.modelwatch.core.result.RunInfo run = new io.modelwatch.core.result.RunInfo(runId, "m-" + runId,
                java.time.LocalDate.of(2026, 3, 1), "ref.csv", "cur.csv", null, java.time.Instant.now(), "r", 1);
        List<MetricRow> rows = new java.util.ArrayList<>();
        rows.add(new MetricRow("psi", "psi", "account_age", null, 0.31, 0.2, "breach", "feature", 0.01, 0.002));
        rows.add(new MetricRow("drift", "wasserstein", "tenure", "tenure_band=[0, 12)", Double.NaN, null, "ok",
                "feature"));
        for (int i = 0; i < 1203; i++) { // more than one statement's worth
            rows.add(new MetricRow("segment", "recall", null, "s" + i, i / 7.0, null, "ok"));
        }
        QuarkusTransaction.requiringNew().run(() -> metricsLog.append(run, rows));

        // read back as a projection (the entity's fields are not reachable from this unenhanced test class)
        List<Object[]> back = QuarkusTransaction.requiringNew().call(() -> metricsLog.getEntityManager().createQuery(
                "select e.metricCategory, e.metricName, e.column, e.segment, e.metricValue, e.threshold, e.status,"
                        + " e.role, e.bandExpected, e.bandError, e.modelId, e.snapshotDate, e.createdAt"
                        + " from MetricLogEntry e where e.runId = ?1 order by e.id", Object[].class)
                .setParameter(1, runId).getResultList());
        assertThat(back).hasSize(1205);
        assertThat(back.get(0)).containsExactly("psi", "psi", "account_age", null, 0.31, 0.2, "breach", "feature",
                0.01, 0.002, "m-" + runId, java.time.LocalDate.of(2026, 3, 1), back.get(0)[12]);
        assertThat(back.get(1)[3]).isEqualTo("tenure_band=[0, 12)");
        assertThat(back.get(1)[4]).isNull();
        assertThat(back.get(1)[5]).isNull();
        assertThat(back.get(1204)[3]).isEqualTo("s1202");
        assertThat(back.get(1204)[4]).isEqualTo(1202 / 7.0);
        assertThat(back.stream().map(r -> r[12]).distinct()).hasSize(1);
    }

    /** The section the core computes from the run's reference profile and its whole current batch in memory. */
    protected abstract Object wholeBatchSection(StoredRun run);

    /**
     * A batch stored in chunks of 7 rows (286 chunks, the last one of 5 rows), read back and counted chunk by chunk,
     * gives the section of the whole batch in memory, to the last bit of every number.
     */
    @Test
    void aBatchStoredInSmallChunksGivesTheSectionOfTheWholeBatch() throws Exception {
        StoredRun run = StoredRun.createChunked(pipeline, store, 7);
        MetricsComputed computed = metricsOf(run, Duration.ofSeconds(120));
        assertThat(computed.runId()).isEqualTo(run.event().runId());
        assertThat(computed.currentRows()).isEqualTo(run.current().rowCount()).isEqualTo(2000);
        assertWholeBatchSection(computed, run);
    }

    /**
     * A batch counted while it is stored, on the ingest service's hint (chunks of 100 rows, 20 ms apart), gives the
     * section of the whole batch in memory, to the last bit; its {@code batch.ready} takes the streamed counts.
     */
    @Test
    void aBatchCountedWhileItIsStoredGivesTheSectionOfTheWholeBatch() throws Exception {
        StoredRun run = StoredRun.createHinted(pipeline, store, 100);
        String batchId = run.event().batchId();
        awaitHeld(batchId, true);
        MetricsComputed computed = metricsOf(run, Duration.ofSeconds(120));
        assertThat(computed.currentRows()).isEqualTo(2000);
        assertThat(streamer.holds(batchId)).as("batch.ready took the streamed counts").isFalse();
        assertWholeBatchSection(computed, run);
    }

    /**
     * A batch deleted while it is stored (the ingest failed, or a concurrent request stored its batch first) stops
     * its stream and drops its counts.
     */
    @Test
    void aDeletedBatchStopsItsStream() throws Exception {
        StoredRun reference = StoredRun.createChunked(pipeline, store, 1000);
        String batchId = "batch-" + java.util.UUID.randomUUID();
        BatchStore.ChunkedBatch chunks = store.startBatch(batchId, StoredRun.MODEL, reference.event().date(),
                "deleted.csv", 1000);
        store.announceStarted(batchId, reference.event().referenceId());
        chunks.add(reference.current());
        awaitHeld(batchId, true);
        chunks.close();
        store.deleteBatch(batchId);
        awaitHeld(batchId, false);
    }

    /**
     * Hints naming batches that are never stored (an ingest that failed before its first chunk, or a stray
     * notification) are dropped at once and take no place: after more of them than the process streams at most
     * (the default, 2), a stored batch's hint is still streamed.
     */
    @Test
    void hintsForBatchesNeverStoredAreDropped() throws Exception {
        StoredRun reference = StoredRun.createChunked(pipeline, store, 1000);
        String[] missing = new String[3];
        for (int i = 0; i < missing.length; i++) {
            missing[i] = "never-stored-" + java.util.UUID.randomUUID();
            store.announceStarted(missing[i], reference.event().referenceId());
        }
        String batchId = "batch-" + java.util.UUID.randomUUID();
        BatchStore.ChunkedBatch chunks = store.startBatch(batchId, StoredRun.MODEL, reference.event().date(),
                "after-missing.csv", 1000);
        try {
            chunks.add(reference.current());
            // the hints are handled in order on one listener; a hint that finds every place taken is ignored, so
            // the stored batch is hinted again until it is held: it never is if the missing batches kept theirs
            for (int i = 0; i < 40 && !streamer.holds(batchId); i++) {
                store.announceStarted(batchId, reference.event().referenceId());
                Thread.sleep(250);
            }
            assertThat(streamer.holds(batchId)).as("the stored batch streamed after the missing ones").isTrue();
            for (String id : missing) {
                awaitHeld(id, false);
            }
        } finally {
            chunks.close();
            store.deleteBatch(batchId);
        }
        awaitHeld(batchId, false);
    }

    /** Publishes the run's {@code batch.ready} and waits for the section it computes. */
    private MetricsComputed metricsOf(StoredRun run, Duration timeout) throws Exception {
        String metricsQueue = bus.listen(exchange, metricsRoutingKey());
        bus.publish(exchange, Channels.BATCH_READY, codec.encode(run.event()));
        return codec.read(bus.take(metricsQueue, timeout).orElseThrow(
                () -> new AssertionError("no " + metricsRoutingKey() + " published")).body(), MetricsComputed.class);
    }

    /** The computed section equals the section of the run's whole batch in memory, to the last bit (as JSON text). */
    private void assertWholeBatchSection(MetricsComputed computed, StoredRun run) {
        Object whole = wholeBatchSection(run);
        // both through the same serialisation (the event's tree is read back from JSON text: its number nodes differ)
        assertThat(codec.tree(codec.fromTree(computed.section(), whole.getClass()))).isEqualTo(codec.tree(whole));
    }

    private void awaitHeld(String batchId, boolean held) throws InterruptedException {
        for (int i = 0; i < 200 && streamer.holds(batchId) != held; i++) {
            Thread.sleep(50);
        }
        assertThat(streamer.holds(batchId)).as("a stream of batch " + batchId + " held").isEqualTo(held);
    }

    /**
     * A batch of more stored chunks than {@code modelwatch.compute.chunks-per-task} (the test profile's 300) is split
     * into chunk tasks: 1,000 chunks of 2 rows make 4 tasks, counted from the work queue, stored in {@code chunk_task}
     * and merged; the section is still that of the whole batch in memory, to the last bit.
     */
    @Test
    void aRunSplitIntoChunkTasksGivesTheSectionOfTheWholeBatch() throws Exception {
        StoredRun run = StoredRun.createChunked(pipeline, store, 2);
        MetricsComputed computed = metricsOf(run, Duration.ofSeconds(180));
        assertThat(computed.currentRows()).isEqualTo(2000);
        assertWholeBatchSection(computed, run);
        var plan = QuarkusTransaction.requiringNew().call(() -> chunkTasks.lockPlan(run.event().runId(), metricsKind()));
        assertThat(plan).extracting(t -> t.firstChunk() + ".." + t.lastChunk())
                .containsExactly("0..299", "300..599", "600..899", "900..999");
        assertThat(plan).allMatch(ChunkTasks.Task::done);
        long rows = QuarkusTransaction.requiringNew().call(() -> metricsLog.countForRun(run.event().runId()));
        assertThat(rows).isEqualTo(computed.metricRows()).isPositive();
    }

    /**
     * An empty batch (a header, no rows) is computed, not dead-lettered: its section says why no test ran, and the
     * run goes on to its alerts and report.
     */
    @Test
    void anEmptyBatchIsComputedNotDeadLettered() throws Exception {
        StoredRun run = StoredRun.createEmpty(pipeline, store);
        assertThat(run.current().rowCount()).isZero();
        String dlq = Channels.deadLetterQueue(queue);
        String metricsQueue = bus.listen(exchange, metricsRoutingKey());
        bus.purge(dlq);

        bus.publish(exchange, Channels.BATCH_READY, codec.encode(run.event()));

        MetricsComputed computed = codec.read(bus.take(metricsQueue, Duration.ofSeconds(60)).orElseThrow(
                () -> new AssertionError("no " + metricsRoutingKey() + " for the empty batch")).body(), MetricsComputed.class);
        assertThat(computed.runId()).isEqualTo(run.event().runId());
        assertThat(computed.currentRows()).isZero();
        assertThat(bus.depth(dlq)).isZero();
    }

    /**
     * A {@code batch.ready} naming a reference this service cannot find is dead-lettered at once (no retry can
     * help); once the reference is stored (the fix), {@code POST /dead-letters/replay} moves it back to the work
     * queue and the run is computed.
     */
    @Test
    void aDeadLetterReplayedAfterTheFixIsProcessed() throws Exception {
        StoredRun run = StoredRun.create(pipeline, store);
        String missingReference = "ref-" + java.util.UUID.randomUUID();
        BatchReady e = run.event();
        BatchReady orphan = BatchReady.of(e.runId(), e.batchId(), e.modelId(), e.date(), e.rowCount(), e.hasLabels(),
                e.source(), missingReference, e.referenceVersion(), e.referenceSource(), e.startedAt(), e.traceparent());
        String dlq = Channels.deadLetterQueue(queue);
        String metricsQueue = bus.listen(exchange, metricsRoutingKey());
        bus.purge(dlq);

        bus.publish(exchange, Channels.BATCH_READY, codec.encode(orphan));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (bus.depth(dlq) < 1 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(bus.depth(dlq)).as("dead-lettered").isEqualTo(1);
        assertThat(bus.take(metricsQueue, Duration.ofSeconds(1))).as("nothing computed").isEmpty();

        StoredRun.registerAs(store, missingReference, run.profile());
        given().post("/dead-letters/replay").then().statusCode(200)
                .body("replayed", org.hamcrest.Matchers.equalTo(1))
                .body("queues.'" + queue + "'", org.hamcrest.Matchers.equalTo(1));

        MetricsComputed computed = codec.read(bus.take(metricsQueue, Duration.ofSeconds(60)).orElseThrow(
                () -> new AssertionError("the replayed event was not processed")).body(), MetricsComputed.class);
        assertThat(computed.runId()).isEqualTo(orphan.runId());
        assertThat(bus.depth(dlq)).isZero();
        given().post("/dead-letters/replay").then().statusCode(200).body("replayed", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void malformedEventsAreDeadLetteredWithTheirReasonAndTheConsumerKeepsGoing() throws Exception {
        DeadLetterChecks.poisonMessagesAreDeadLettered(bus, exchange, Channels.BATCH_READY, queue,
                BatchReady.class.getSimpleName());
        given().get("/status").then().statusCode(200)
                .body("counts.'BatchReady.dead_lettered'", greaterThanOrEqualTo(2));
    }
}
