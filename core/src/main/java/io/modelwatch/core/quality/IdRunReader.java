package io.modelwatch.core.quality;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A sorted run of ids spilled by {@link SpillingIdSet} ({@link IdSet#writeSorted}), read entry by entry with
 * a buffer of its own; readers order by their current key, then by run (earlier first), as {@link IdRunMerge}
 * needs.
 */
final class IdRunReader implements Comparable<IdRunReader> {
    final int run;
    final InputStream in;
    final byte[] buffer = new byte[SpillingIdSet.BUFFER_BYTES];
    int position;
    int limit;
    byte[] key = new byte[64];
    int length;
    int row;
    long order;

    IdRunReader(int run, Path file) throws IOException {
        this.run = run;
        this.in = Files.newInputStream(file);
    }

    /** Reads the next entry ({@code [varint key length][int row][key]}); false at the end of the run. */
    boolean next() throws IOException {
        if (position == limit && !fill()) {
            return false;
        }
        int n = 0;
        for (int shift = 0; ; shift += 7) {
            int b = readByte();
            n |= (b & 0x7f) << shift;
            if (b < 0x80) {
                break;
            }
        }
        row = readByte() << 24 | readByte() << 16 | readByte() << 8 | readByte();
        if (key.length < n) {
            key = new byte[Math.max(n, key.length * 2)];
        }
        for (int k = 0; k < n; ) {
            if (position == limit && !fill()) {
                throw new EOFException("a spilled run ends inside an entry");
            }
            int copy = Math.min(n - k, limit - position);
            System.arraycopy(buffer, position, key, k, copy);
            position += copy;
            k += copy;
        }
        length = n;
        order = IdSet.order(key, 0, n);
        return true;
    }

    private int readByte() throws IOException {
        if (position == limit && !fill()) {
            throw new EOFException("a spilled run ends inside an entry");
        }
        return buffer[position++] & 0xff;
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer, 0, buffer.length);
        position = 0;
        limit = Math.max(read, 0);
        return read > 0;
    }

    boolean sameKey(IdRunReader other) {
        return order == other.order && IdSet.compare(order, key, length, other.order, other.key,
                other.length) == 0;
    }

    /** Writes the current entry as {@link IdSet#writeSorted} does. */
    void writeEntry(OutputStream out) throws IOException {
        for (int v = length; ; v >>>= 7) {
            if (v < 0x80) {
                out.write(v);
                break;
            }
            out.write(v & 0x7f | 0x80);
        }
        out.write(row >>> 24);
        out.write(row >>> 16);
        out.write(row >>> 8);
        out.write(row);
        out.write(key, 0, length);
    }

    @Override
    public int compareTo(IdRunReader o) {
        int c = IdSet.compare(order, key, length, o.order, o.key, o.length);
        return c != 0 ? c : Integer.compare(run, o.run);
    }
}
