package io.modelwatch.core.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Builds a text column (ids and such), as the UTF-8 bytes of every cell in one array with row offsets (see
 * {@link StringColumn}). A cell with a byte outside ASCII is stored as the encoding of its decoded {@code
 * String}, so malformed UTF-8 reads as the replacement character, as {@code new String(bytes, UTF_8)} would.
 */
final class TextBuilder extends ColumnBuilder {
    private byte[] bytes = new byte[0];
    private int byteSize;
    private int[] offsets = new int[1];
    private BitSet nulls = new BitSet();
    private int size;
    private double bytesPerCell;

    @Override
    boolean append(byte[] b, int off, int len) {
        if (len == 0) {
            appendNull();
            return true;
        }
        if (!isAscii(b, off, len)) {
            byte[] canonical = new String(b, off, len, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
            b = canonical;
            off = 0;
            len = canonical.length;
        }
        if (byteSize + len > bytes.length) {
            long needed = (long) byteSize + len;
            if (needed > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("a text column holds more than 2 GiB of UTF-8 bytes");
            }
            long grown = Math.min(Integer.MAX_VALUE - 8L, bytes.length + (long) (bytes.length >> 1) + 1024);
            bytes = Arrays.copyOf(bytes, (int) Math.max(needed, grown));
        }
        System.arraycopy(b, off, bytes, byteSize, len);
        byteSize += len;
        endRow();
        return true;
    }

    private static boolean isAscii(byte[] b, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private void endRow() {
        if (size + 1 == offsets.length) {
            offsets = Arrays.copyOf(offsets, grow(offsets.length) + 1);
        }
        offsets[++size] = byteSize;
    }

    /** Reserves the offsets, and the bytes at the bytes per cell so far (or of the last chunk) plus 10 %. */
    @Override
    void reserve(int capacity) {
        if (capacity + 1 > offsets.length) {
            offsets = Arrays.copyOf(offsets, capacity + 1);
        }
        double perCell = size > 0 ? (double) byteSize / size : bytesPerCell;
        long expected = (long) Math.ceil(perCell * capacity * 1.1);
        if (expected > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(expected, Integer.MAX_VALUE - 8L));
        }
    }

    @Override
    void appendNull() {
        nulls.set(size);
        endRow();
    }

    @Override
    Column take(String name) {
        Column c = new StringColumn(name, byteSize == bytes.length ? bytes : Arrays.copyOf(bytes, byteSize),
                size + 1 == offsets.length ? offsets : Arrays.copyOf(offsets, size + 1), nulls);
        bytesPerCell = size > 0 ? (double) byteSize / size : bytesPerCell;
        bytes = new byte[0];
        byteSize = 0;
        offsets = new int[1];
        nulls = new BitSet();
        size = 0;
        return c;
    }

    @Override
    ColumnType type() {
        return ColumnType.STRING;
    }
}
