package io.modelwatch.support.store;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkHandoffTest {

    @Test
    void theConsumerGetsEveryChunkInOrderOnItsOwnThread() {
        List<Integer> seen = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        ChunkHandoff<Integer> handoff = new ChunkHandoff<>("test-consumer", chunk -> {
            seen.add(chunk);
            threads.add(Thread.currentThread().getName());
        });
        for (int i = 0; i < 100; i++) {
            handoff.put(i);
        }
        handoff.finish();
        assertThat(seen).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(seen.get(i)).isEqualTo(i);
        }
        assertThat(threads).containsOnly("test-consumer");
    }

    @Test
    void aConsumerFailureReachesTheCallerAndStopsTheConsumer() {
        AtomicInteger consumed = new AtomicInteger();
        ChunkHandoff<Integer> handoff = new ChunkHandoff<>("test-consumer", chunk -> {
            if (chunk == 3) {
                throw new IllegalArgumentException("chunk 3 is bad");
            }
            consumed.incrementAndGet();
        });
        assertThatThrownBy(() -> {
            for (int i = 0; i < 1_000; i++) {
                handoff.put(i);
            }
            handoff.finish();
        }).isInstanceOf(IllegalArgumentException.class).hasMessage("chunk 3 is bad");
        assertThat(consumed.get()).isEqualTo(3);
    }

    @Test
    void closeStopsTheConsumerWithoutTheRemainingChunks() throws InterruptedException {
        AtomicInteger consumed = new AtomicInteger();
        ChunkHandoff<Integer> handoff = new ChunkHandoff<>("test-consumer", chunk -> consumed.incrementAndGet());
        handoff.put(1);
        handoff.close();
        int after = consumed.get();
        Thread.sleep(50);
        assertThat(consumed.get()).isEqualTo(after).isLessThanOrEqualTo(1);
    }
}
