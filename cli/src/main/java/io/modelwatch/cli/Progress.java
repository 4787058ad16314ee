package io.modelwatch.cli;

import java.io.PrintStream;

/** Progress lines on stderr (rows read, stage), silent when quiet. */
final class Progress {

    private final PrintStream err;
    private final boolean quiet;
    private final long t0 = System.nanoTime();

    Progress(PrintStream err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    void stage(String message) {
        if (!quiet) {
            err.printf("[%6.2fs] %s%n", (System.nanoTime() - t0) / 1e9, message);
        }
    }

    boolean quiet() {
        return quiet;
    }
}
