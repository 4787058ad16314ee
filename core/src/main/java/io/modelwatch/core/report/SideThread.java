package io.modelwatch.core.report;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * One piece of a run's cold start-up or closing work (binding a stored profile's configuration, the snapshot's JSON)
 * done on a daemon thread of its own while the caller does another: each is mostly a library's first use in the JVM,
 * independent of the other. Not a pool: the pieces are few and run once per run.
 */
public final class SideThread {

    private SideThread() {
    }

    /** Starts {@code work} on a new daemon thread named {@code name}. */
    public static <T> CompletableFuture<T> start(String name, Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** The result, or the work's own exception (not a {@link CompletionException}). */
    public static <T> T join(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
