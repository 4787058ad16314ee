package io.modelwatch.core.run;

import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.TableReader;
import io.modelwatch.core.data.TableSchema;

import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Reads a table file (CSV, or any {@link TableReader}) in chunks on its own thread while the calling thread consumes them, so parsing and
 * computing overlap (a large plain file is parsed in blocks on further threads, see {@link CsvReader#stream}, and
 * still arrives here in file order). At most
 * {@value #QUEUED_CHUNKS} chunks wait between the two, so memory stays bounded. A failure on either side stops
 * both: a reader error is rethrown to the caller, a consumer error stops the reader.
 */
final class ChunkPipe {

    /** Chunks read ahead of the consumer. */
    static final int QUEUED_CHUNKS = 2;

    private static final Object END = new Object();

    private ChunkPipe() {
    }

    static TableReader.Summary run(TableReader reader, Path file, TableSchema schema, int chunkRows,
                                   Consumer<ColumnBatch> consumer) {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
        TableReader.Summary[] summary = new TableReader.Summary[1];
        RuntimeException[] readFailure = new RuntimeException[1];
        Error[] readError = new Error[1];
        AtomicBoolean stopped = new AtomicBoolean();
        Thread readerThread = new Thread(() -> {
            try {
                summary[0] = reader.stream(file, schema, chunkRows, chunk -> {
                    if (!put(queue, chunk, stopped)) {
                        throw new CancelledRead();
                    }
                });
            } catch (CancelledRead cancelled) {
                return; // the consumer gave up; nobody waits for the end marker
            } catch (RuntimeException e) {
                readFailure[0] = e;
            } catch (Error e) {
                readError[0] = e;
            }
            put(queue, END, stopped);
        }, "table-reader");
        readerThread.setDaemon(true);
        readerThread.start();
        try {
            while (true) {
                Object next = queue.take();
                if (next == END) {
                    break;
                }
                consumer.accept((ColumnBatch) next);
            }
            readerThread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.set(true);
            throw new IllegalStateException("interrupted while reading " + file, e);
        } catch (RuntimeException | Error e) {
            stopped.set(true);
            readerThread.interrupt();
            throw e;
        }
        if (readError[0] != null) {
            throw readError[0];
        }
        if (readFailure[0] != null) {
            throw readFailure[0];
        }
        return summary[0];
    }

    /** Queues an item unless the consumer stopped; false when it did. */
    private static boolean put(BlockingQueue<Object> queue, Object item, AtomicBoolean stopped) {
        try {
            while (!stopped.get()) {
                if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Thrown on the reader thread when the consumer stopped; ends the read quietly. */
    private static final class CancelledRead extends RuntimeException {
        CancelledRead() {
            super("read cancelled", null, false, false);
        }
    }
}
