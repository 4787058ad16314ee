package io.modelwatch.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Bytes {@code [start, end)} of a file, by positional reads (several streams share one channel). */
final class RangeInputStream extends InputStream {
    private final FileChannel channel;
    private long position;
    private final long end;

    RangeInputStream(FileChannel channel, long start, long end) {
        this.channel = channel;
        this.position = start;
        this.end = end;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (position >= end) {
            return -1;
        }
        int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }
}
