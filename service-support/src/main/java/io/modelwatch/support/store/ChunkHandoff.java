package io.modelwatch.support.store;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hands chunks from the calling thread to a consumer on a thread of its own, in order, so that producing the next
 * chunk (parsing it, or reading it from the store) overlaps with consuming this one (storing it, or counting it), as
 * the CLI's {@code ChunkPipe} overlaps parsing and counting. At most {@value #QUEUED_CHUNKS} chunks wait between the
 * two, so memory stays bounded. A failure of the consumer stops it and is rethrown to the caller by the next
 * {@link #put} or by {@link #finish}; {@link #close} stops the consumer when the caller gives up.
 */
final class ChunkHandoff<T> implements AutoCloseable {

    /** Chunks produced ahead of the consumer. */
    static final int QUEUED_CHUNKS = 2;

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
    private final Thread thread;
    private volatile Throwable failure;
    private volatile boolean stopped;

    ChunkHandoff(String threadName, Consumer<T> consumer) {
        thread = new Thread(() -> consume(consumer), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    @SuppressWarnings("unchecked")
    private void consume(Consumer<T> consumer) {
        try {
            while (!stopped) {
                Object next = queue.poll(100, TimeUnit.MILLISECONDS);
                if (next == END) {
                    return;
                }
                if (next != null) {
                    consumer.accept((T) next);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure = e;
            stopped = true;
        }
    }

    /** Queues the next chunk, waiting while {@value #QUEUED_CHUNKS} are queued; rethrows the consumer's failure. */
    void put(T chunk) {
        offer(chunk);
    }

    /** Waits until the consumer has taken every chunk; rethrows its failure. */
    void finish() {
        offer(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while waiting for " + thread.getName(), e);
        }
        rethrowFailure();
    }

    /** Stops the consumer (queued chunks are dropped) and waits for the chunk it is on; the caller gave up. */
    @Override
    public void close() {
        stopped = true;
        queue.clear();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void offer(Object item) {
        try {
            while (!stopped) {
                if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while handing a chunk to " + thread.getName(), e);
        }
        rethrowFailure();
        throw new IllegalStateException(thread.getName() + " was stopped");
    }

    private void rethrowFailure() {
        Throwable f = failure;
        if (f instanceof RuntimeException e) {
            throw e;
        } else if (f instanceof Error e) {
            throw e;
        }
    }
}
