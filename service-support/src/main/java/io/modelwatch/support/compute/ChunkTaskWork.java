package io.modelwatch.support.compute;

import io.modelwatch.core.metrics.MetricRow;
import io.modelwatch.support.compute.SectionComputation.Counted;
import io.modelwatch.support.compute.SectionComputation.Reference;
import io.modelwatch.support.compute.SectionComputation.Trigger;
import io.modelwatch.support.compute.SectionParts.SplitSection;
import io.modelwatch.support.messaging.InboundEvents.Outcome;
import io.modelwatch.support.messaging.PoisonMessageException;
import io.modelwatch.support.repository.ChunkTasks;
import io.modelwatch.support.repository.EventLedger;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * What a replica does with a chunk task: count its chunks only, store the counts' bytes in the task's row (the first
 * stored wins; a task already done is not counted again), and then, in a transaction that locks the run's plan, merge
 * the parts in chunk order once every task is done and record the section exactly as a run counted in one pass is
 * recorded ({@link SectionComputation#record}: metric rows, ledger entry, {@code metrics.<kind>} event). The consumer
 * acknowledges the task only when this returns, so a replica killed mid-task leaves it to another.
 */
@ApplicationScoped
public class ChunkTaskWork {

    private static final Logger LOG = Logger.getLogger(ChunkTaskWork.class);

    /** This process, as {@code chunk_task.started_by} and {@code done_by} name it: {@code host:pid}. */
    public static final String REPLICA = ManagementFactory.getRuntimeMXBean().getName().replaceFirst("^(\\d+)@(.*)$", "$2:$1");

    private final SectionComputation computation;
    private final ChunkTasks tasks;
    private final EventLedger ledger;
    private final ComputeSettings settings;

    public ChunkTaskWork(SectionComputation computation, ChunkTasks tasks, EventLedger ledger, ComputeSettings settings) {
        this.computation = computation;
        this.tasks = tasks;
        this.ledger = ledger;
        this.settings = settings;
    }

    /** Counts, stores and (when it is the last) merges one task of a {@code kind} section. */
    public <S> CompletionStage<Outcome> run(ChunkTask task, String kind, SplitSection<S> section,
                                            Function<S, List<MetricRow>> rows) {
        if (!task.kind().equals(kind)) {
            throw new PoisonMessageException("a " + task.kind() + " chunk task on the " + kind + " queue");
        }
        Trigger trigger = Trigger.of(task.batch());
        if (QuarkusTransaction.requiringNew().call(() -> ledger.previous(trigger.runId(), trigger.type()).isPresent())) {
            return CompletableFuture.completedFuture(new Outcome(trigger.runId(), true)); // merged already
        }
        Reference reference = computation.reference(trigger.referenceId());
        ChunkTasks.Task row = QuarkusTransaction.requiringNew().call(() -> tasks.start(task, REPLICA))
                .orElseThrow(() -> new PoisonMessageException("run " + trigger.runId() + " has no planned " + kind
                        + " task " + task.taskNo()));
        if (!row.done()) {
            Counted<S> counted = computation.count(trigger.batchId(), reference.pipeline(), reference.profile(), section,
                    task.firstChunk(), task.lastChunk());
            byte[] partial = SectionParts.toBytes(counted.counts());
            pauseForFaultTests();
            boolean stored = QuarkusTransaction.requiringNew().call(() -> tasks.complete(task, counted.rows(), partial,
                    REPLICA));
            LOG.debugf("%s task %d of %d of run %s (chunks %d..%d, %d rows): %s", kind, task.taskNo() + 1,
                    task.tasks(), trigger.runId(), task.firstChunk(), task.lastChunk(), counted.rows(),
                    stored ? "stored" : "stored by another replica first");
        }
        boolean recorded = computation.record(trigger, kind, null, reference.stored().rowCount(),
                trigger.currentRows(), () -> merged(trigger, kind, section, reference), rows);
        return CompletableFuture.completedFuture(new Outcome(trigger.runId(), row.done() && !recorded));
    }

    /** The section of all tasks merged in chunk order, or null while a task is not done (the plan stays locked). */
    private <S> S merged(Trigger trigger, String kind, SplitSection<S> section, Reference reference) {
        List<ChunkTasks.Task> plan = tasks.lockPlan(trigger.runId(), kind);
        if (plan.isEmpty() || plan.stream().anyMatch(t -> !t.done())) {
            return null;
        }
        long rows = plan.stream().mapToLong(ChunkTasks.Task::rows).sum();
        // each part's counts read when it is merged (all parts at once would not fit a 512 MB heap at 10M rows)
        return SectionParts.merge(section, reference.pipeline(), reference.profile(), plan.size(),
                i -> tasks.partial(trigger.runId(), kind, plan.get(i).taskNo()), rows);
    }

    private void pauseForFaultTests() {
        if (settings.taskPauseMs() > 0) {
            try {
                Thread.sleep(settings.taskPauseMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pausing for a fault test", e);
            }
        }
    }
}
