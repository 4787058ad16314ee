package io.modelwatch.support.repository;

import io.modelwatch.support.compute.ChunkTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/**
 * The service's {@code chunk_task} table: the plan of each large run (one row per task) and each task's counts once
 * a replica stored them. Every method runs in the caller's transaction.
 */
@ApplicationScoped
public class ChunkTasks {

    private final EntityManager em;

    public ChunkTasks(EntityManager em) {
        this.em = em;
    }

    /**
     * A task as stored: its chunk range and, once done, its rows. Its counts are read one task at a time
     * ({@link #partial}): the parts of a 10M-row run are about 30 MB each for drift, too much to hold all at once.
     */
    public record Task(int taskNo, int firstChunk, int lastChunk, boolean done, Long rows) {
    }

    /** Stores the plan of a run's section unless it was planned already; returns whether this call planned it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean plan(List<ChunkTask> tasks) {
        int inserted = 0;
        for (ChunkTask t : tasks) {
            inserted += em.createNativeQuery("""
                            insert into {h-schema}chunk_task (run_id, kind, task_no, tasks, first_chunk, last_chunk, planned_at)
                            values (?1, ?2, ?3, ?4, ?5, ?6, now()) on conflict do nothing
                            """)
                    .setParameter(1, t.batch().runId()).setParameter(2, t.kind()).setParameter(3, t.taskNo())
                    .setParameter(4, t.tasks()).setParameter(5, t.firstChunk()).setParameter(6, t.lastChunk())
                    .executeUpdate();
        }
        return inserted > 0;
    }

    /** Notes that {@code replica} starts the task; returns the task as it was, or empty when it was never planned. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Task> start(ChunkTask task, String replica) {
        em.createNativeQuery("""
                        update {h-schema}chunk_task set attempts = attempts + 1, started_by = ?4, started_at = now()
                        where run_id = ?1 and kind = ?2 and task_no = ?3 and done_at is null
                        """)
                .setParameter(1, task.batch().runId()).setParameter(2, task.kind()).setParameter(3, task.taskNo())
                .setParameter(4, replica).executeUpdate();
        return rows(task.batch().runId(), task.kind(), " and task_no = " + task.taskNo(), false).stream().findFirst();
    }

    /** Stores a task's counts unless another replica stored them first (they are the same counts). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean complete(ChunkTask task, long rows, byte[] partial, String replica) {
        return em.createNativeQuery("""
                        update {h-schema}chunk_task set row_count = ?4, partial = ?5, done_at = now(), done_by = ?6
                        where run_id = ?1 and kind = ?2 and task_no = ?3 and done_at is null
                        """)
                .setParameter(1, task.batch().runId()).setParameter(2, task.kind()).setParameter(3, task.taskNo())
                .setParameter(4, rows).setParameter(5, partial).setParameter(6, replica)
                .executeUpdate() == 1;
    }

    /**
     * Every task of a run's section in chunk order, locked until the transaction ends: the replicas that finish the
     * last tasks at the same moment take turns, and the one that sees them all done merges.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Task> lockPlan(String runId, String kind) {
        return rows(runId, kind, "", true);
    }

    private List<Task> rows(String runId, String kind, String andWhere, boolean lock) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select task_no, first_chunk, last_chunk, done_at is not null,"
                        + " row_count from {h-schema}chunk_task where run_id = ?1 and kind = ?2" + andWhere
                        + " order by task_no" + (lock ? " for update" : ""))
                .setParameter(1, runId).setParameter(2, kind).getResultList();
        return rows.stream().map(r -> new Task(((Number) r[0]).intValue(), ((Number) r[1]).intValue(),
                ((Number) r[2]).intValue(), (Boolean) r[3], r[4] == null ? null : ((Number) r[4]).longValue()))
                .toList();
    }

    /** The counts a done task stored ({@code SectionParts} bytes). */
    @Transactional(Transactional.TxType.MANDATORY)
    public byte[] partial(String runId, String kind, int taskNo) {
        Object partial = em.createNativeQuery("select partial from {h-schema}chunk_task"
                        + " where run_id = ?1 and kind = ?2 and task_no = ?3")
                .setParameter(1, runId).setParameter(2, kind).setParameter(3, taskNo).getSingleResult();
        if (partial == null) {
            throw new IllegalStateException("chunk task " + taskNo + " of run " + runId + " (" + kind + ") has no counts");
        }
        return (byte[]) partial;
    }
}
