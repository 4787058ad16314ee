package io.modelwatch.core.run.section;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for work done on another thread (a section, a profile) with its own exception. */
public final class Futures {

    private Futures() {
    }

    /** The value of a section computed in parallel, with its own exception (not a CompletionException). */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
