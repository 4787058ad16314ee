package io.modelwatch.core.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The 64-bit hash of a byte slice that the dictionaries of categorical cells, the text columns and the
 * duplicate-id check share. It reads the slice eight bytes at a time (the first and the last eight, and every
 * word in between for longer slices; two overlapping ints for 4 to 7 bytes; the bytes themselves below 4) and
 * mixes them with multiply-xorshift rounds, instead of one multiplication per byte.
 *
 * <p>A slice of 1 to 8 bytes is read whole into one word and every later step is a bijection of that word, so two
 * different slices of the same length up to 8 bytes never collide. All 64 bits are mixed: a table may index by
 * the high bits and keep the high 24 as a fingerprint ({@code IdSet}), or use the low 32 ({@link ByteDictionary}).
 */
public final class ByteHash {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private ByteHash() {
    }

    /** The hash of {@code b[off, off + len)}; reads no byte outside it. */
    public static long of(byte[] b, int off, int len) {
        long x;
        if (len >= 8) {
            x = (long) LONGS.get(b, off);
            for (int i = off + 8, last = off + len - 8; i < last; i += 8) {
                x = Long.rotateLeft(x * 0x9E3779B97F4A7C15L, 31) ^ (long) LONGS.get(b, i);
            }
            x = Long.rotateLeft(x * 0x9E3779B97F4A7C15L, 31) ^ (long) LONGS.get(b, off + len - 8);
        } else if (len >= 4) {
            x = ((int) INTS.get(b, off) & 0xffffffffL) | ((long) (int) INTS.get(b, off + len - 4) << 32);
        } else {
            x = 0;
            for (int i = off, end = off + len; i < end; i++) {
                x = (x << 8) | (b[i] & 0xff);
            }
        }
        x ^= len * 0xC2B2AE3D27D4EB4FL;
        x *= 0x9E3779B97F4A7C15L;
        x ^= x >>> 32;
        x *= 0xD6E8FEB86659FD93L;
        x ^= x >>> 32;
        return x;
    }
}
