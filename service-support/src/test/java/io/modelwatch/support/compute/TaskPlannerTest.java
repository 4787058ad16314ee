package io.modelwatch.support.compute;

import io.modelwatch.core.events.BatchReady;
import io.modelwatch.core.events.TraceContext;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The chunk ranges of a split run: contiguous, in order, every chunk once, the last task shorter. */
class TaskPlannerTest {

    private static final BatchReady EVENT = BatchReady.of("run-1", "batch-1", "churn", LocalDate.of(2024, 3, 1), 1000,
            true, "day.csv", "ref-1", 1, "reference.csv", Instant.EPOCH, TraceContext.newTraceparent());

    @Test
    void twentyChunksInTasksOfThree() {
        List<ChunkTask> tasks = TaskPlanner.split(EVENT, "drift", 20, 3);
        assertThat(tasks).extracting(t -> t.firstChunk() + ".." + t.lastChunk()).containsExactly(
                "0..2", "3..5", "6..8", "9..11", "12..14", "15..17", "18..19");
        assertThat(tasks).allMatch(t -> t.tasks() == 7 && t.kind().equals("drift"));
        assertThat(tasks).extracting(ChunkTask::taskNo).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(tasks).extracting(ChunkTask::eventId).doesNotHaveDuplicates();
    }

    @Test
    void aWholeMultipleGivesEqualTasks() {
        assertThat(TaskPlanner.split(EVENT, "performance", 32, 16)).extracting(t -> t.firstChunk() + ".." + t.lastChunk())
                .containsExactly("0..15", "16..31");
    }

    @Test
    void aTaskOutsideItsPlanIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ChunkTask(EVENT, "drift", 3, 3, 0, 1).validate())
                .withMessageContaining("task 3 of 3");
        assertThatIllegalArgumentException().isThrownBy(() -> new ChunkTask(EVENT, "drift", 0, 1, 5, 4).validate());
    }
}
