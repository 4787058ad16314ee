package io.modelwatch.spark;

import java.io.IOException;
import java.io.InputStream;

/**
 * The records of a byte range of a text file, cut at line feeds as Hadoop's line reader cuts them: the range owns
 * every line that starts inside it. Reading starts at {@code start} when the byte before it is a line feed (or the
 * range starts the data), else after the next line feed; it ends after the line feed that ends the line holding
 * byte {@code end - 1} (or at the end of the file). So consecutive ranges deliver every line once.
 */
final class LineRangeInputStream extends InputStream {

    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private final long end;
    private final byte[] buffer = new byte[BUFFER];
    private int pos;
    private int limit;
    private long position;
    private boolean done;

    /**
     * @param in        the file, positioned at {@code position}
     * @param position  where {@code in} is now: {@code start}, or {@code start - 1} when the range does not start the
     *                  data (the byte before the range tells whether a line starts at {@code start})
     * @param start     first byte of the range
     * @param end       end of the range (exclusive)
     */
    LineRangeInputStream(InputStream in, long position, long start, long end) throws IOException {
        this.in = in;
        this.position = position;
        this.end = end;
        if (position < start) {
            int before = readRaw();
            if (before != '\n') {
                skipLine(); // the line holding start belongs to the range before
            }
        }
        if (this.position >= end) {
            done = true; // the range holds no line start
        }
    }

    private int readRaw() throws IOException {
        if (pos == limit) {
            limit = in.read(buffer, 0, BUFFER);
            pos = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        position++;
        return buffer[pos++] & 0xff;
    }

    private void skipLine() throws IOException {
        int b;
        do {
            b = readRaw();
        } while (b != -1 && b != '\n');
    }

    @Override
    public int read() throws IOException {
        if (done) {
            return -1;
        }
        int b = readRaw();
        if (b == -1 || (b == '\n' && position >= end)) {
            done = true; // the line holding end - 1 is complete
        }
        return b;
    }

    @Override
    public int read(byte[] out, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (done) {
            return -1;
        }
        int n = 0;
        while (n < len && !done) {
            if (pos == limit) {
                if (n > 0) {
                    break;
                }
                limit = in.read(buffer, 0, BUFFER);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    done = true;
                    return -1;
                }
            }
            // copy up to the end of the range, then byte by byte to the line's end
            int available = limit - pos;
            long untilEnd = end - position;
            if (untilEnd > 0) {
                int take = (int) Math.min(Math.min(available, len - n), untilEnd);
                System.arraycopy(buffer, pos, out, off + n, take);
                pos += take;
                position += take;
                n += take;
                if (position >= end && out[off + n - 1] == '\n') {
                    done = true;
                }
            } else {
                byte b = buffer[pos++];
                position++;
                out[off + n++] = b;
                if (b == '\n') {
                    done = true;
                }
            }
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
