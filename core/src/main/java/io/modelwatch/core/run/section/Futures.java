package io.modelwatch.core.run.section;

import io.modelwatch.core.report.SideThread;

import java.util.concurrent.CompletableFuture;

/** Waiting for work done on another thread (a section, a profile) with its own exception. */
public final class Futures {

    private Futures() {
    }

    /** The value of a section computed in parallel, with its own exception (not a CompletionException). */
    public static <T> T join(CompletableFuture<T> future) {
        return SideThread.join(future);
    }
}
