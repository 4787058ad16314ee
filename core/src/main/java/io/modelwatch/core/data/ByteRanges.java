package io.modelwatch.core.data;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The data of a plain CSV file as byte ranges that start right after a line feed, for the parallel reads: where
 * to cut ({@link #bounds}, {@link #afterLineFeed}) and how many records a range holds ({@link #countRecords}, a
 * scan of eight bytes at a time that also notes a quote character).
 */
final class ByteRanges {

    private static final int SCAN_BUFFER_BYTES = 1 << 20;

    private ByteRanges() {
    }

    /**
     * Range boundaries: {@code dataStart}, then for each further range the position after the first line feed
     * at or after an equal share of the data, then {@code size}. Empty ranges (a line longer than a share) are
     * dropped.
     */
    static long[] bounds(FileChannel channel, long dataStart, long size, int ranges) throws IOException {
        List<Long> bounds = new ArrayList<>();
        bounds.add(dataStart);
        long share = (size - dataStart) / ranges;
        for (int r = 1; r < ranges && share > 0; r++) {
            long from = Math.max(dataStart + r * share - 1, bounds.get(bounds.size() - 1));
            long found = afterLineFeed(channel, from, size);
            long cut = found < 0 ? size : found;
            if (cut > bounds.get(bounds.size() - 1) && cut < size) {
                bounds.add(cut);
            }
        }
        bounds.add(size);
        long[] out = new long[bounds.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bounds.get(i);
        }
        return out;
    }

    /** The position right after the first line feed in bytes {@code [from, limit)} of the file; -1 when none. */
    static long afterLineFeed(FileChannel channel, long from, long limit) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 12);
        for (long p = from; p < limit; ) {
            buf.clear().limit((int) Math.min(buf.capacity(), limit - p));
            int n = channel.read(buf, p);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (buf.get(i) == '\n') {
                    return p + i + 1;
                }
            }
            p += n;
        }
        return -1;
    }

    /** The records in a range that starts after a line break, and whether it holds a quote character. */
    record RecordCount(long records, boolean quoted) {
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;
    private static final long LFS = ONES * '\n';
    private static final long CRS = ONES * '\r';
    private static final long QUOTES = ONES * '"';

    /**
     * Counts record starts (a byte other than CR or LF right after a CR or LF, or at the range start) eight
     * bytes at a time. {@code ~(((x & 0x7F..) + 0x7F..) | x | 0x7F..)} sets the high bit of exactly the zero
     * bytes of {@code x} (no carry crosses a byte), so {@code x = word ^ pattern} marks the bytes equal to the
     * pattern's byte.
     */
    static RecordCount countRecords(FileChannel channel, long start, long end) throws IOException {
        byte[] b = new byte[SCAN_BUFFER_BYTES];
        ByteBuffer wrapped = ByteBuffer.wrap(b);
        long records = 0;
        long quotes = 0;
        boolean afterBreak = true;
        for (long p = start; p < end; ) {
            wrapped.clear().limit((int) Math.min(b.length, end - p));
            int n = channel.read(wrapped, p);
            if (n <= 0) {
                break;
            }
            p += n;
            int i = 0;
            for (; i + 8 <= n; i += 8) {
                long w = (long) LONGS.get(b, i);
                long breaks = zeroBytes(w ^ LFS) | zeroBytes(w ^ CRS);
                long starts = ~breaks & (breaks << 8 | (afterBreak ? 0x80L : 0L)) & ~LOWS;
                records += Long.bitCount(starts);
                quotes |= zeroBytes(w ^ QUOTES);
                afterBreak = breaks < 0;
            }
            for (; i < n; i++) {
                byte c = b[i];
                boolean isBreak = c == '\n' || c == '\r';
                if (!isBreak && afterBreak) {
                    records++;
                }
                quotes |= c == '"' ? 1 : 0;
                afterBreak = isBreak;
            }
        }
        return new RecordCount(records, quotes != 0);
    }

    private static long zeroBytes(long x) {
        return ~(((x & LOWS) + LOWS) | x | LOWS);
    }
}
