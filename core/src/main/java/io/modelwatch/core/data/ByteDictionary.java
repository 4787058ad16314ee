package io.modelwatch.core.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Codes for categorical cells looked up by their UTF-8 bytes, so a repeated value costs a hash and a
 * byte comparison, and a {@code String} is created only the first time a value is seen. Open addressing
 * with linear probing; the table doubles when it is half full. Codes are dense, in first-seen order.
 *
 * <p>The hash is {@link ByteHash}'s, which reads the key eight bytes at a time.
 */
final class ByteDictionary {

    private byte[][] keys = new byte[16][];
    private int[] hashes = new int[16];
    private int[] table = new int[32]; // code + 1, 0 = empty slot
    private final List<String> values = new ArrayList<>();

    /** The code of {@code b[off, off + len)}, adding it when new. */
    int codeOf(byte[] b, int off, int len) {
        int h = hash(b, off, len);
        int mask = table.length - 1;
        int slot = h & mask;
        while (true) {
            int entry = table[slot];
            if (entry == 0) {
                return add(b, off, len, h, slot);
            }
            int code = entry - 1;
            byte[] key = keys[code];
            if (hashes[code] == h && key.length == len && sameBytes(key, 0, b, off, len)) {
                return code;
            }
            slot = (slot + 1) & mask;
        }
    }

    int size() {
        return values.size();
    }

    /** The UTF-8 bytes of the value with this code (the dictionary's own array: do not change it). */
    byte[] key(int code) {
        return keys[code];
    }

    /** The values, index = code (a snapshot). */
    List<String> values() {
        return List.copyOf(values);
    }

    /**
     * Looks up this dictionary's values with codes {@code [from, to)} in {@code merged}, in code order (adding
     * the ones it lacks), and writes their codes there to {@code map[from, to)}. Mapping a later part of a file's
     * dictionary in this way extends {@code merged} in the first-seen order of the whole file.
     *
     * @return whether every code maps to itself
     */
    boolean mapInto(ByteDictionary merged, int[] map, int from, int to) {
        boolean identity = true;
        for (int code = from; code < to; code++) {
            byte[] key = keys[code];
            map[code] = merged.codeOf(key, 0, key.length);
            identity &= map[code] == code;
        }
        return identity;
    }

    private int add(byte[] b, int off, int len, int h, int slot) {
        int code = values.size();
        if (code == keys.length) {
            keys = Arrays.copyOf(keys, code * 2);
            hashes = Arrays.copyOf(hashes, code * 2);
        }
        keys[code] = Arrays.copyOfRange(b, off, off + len);
        hashes[code] = h;
        values.add(new String(b, off, len, StandardCharsets.UTF_8));
        table[slot] = code + 1;
        if ((code + 1) * 2 > table.length) {
            rehash();
        }
        return code;
    }

    private void rehash() {
        int[] bigger = new int[table.length * 2];
        int mask = bigger.length - 1;
        for (int code = 0; code < values.size(); code++) {
            int slot = hashes[code] & mask;
            while (bigger[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            bigger[slot] = code + 1;
        }
        table = bigger;
    }

    /**
     * Whether {@code a[aOff, aOff + len)} equals {@code b[off, off + len)}, compared as the hash
     * reads them: eight bytes at a time with the last word overlapping, or two overlapping ints below eight
     * bytes. For the short keys of categorical columns this avoids the per-call setup of the vectorised
     * {@code Arrays.equals} (a few per cent of a whole parse).
     */
    static boolean sameBytes(byte[] a, int aOff, byte[] b, int off, int len) {
        if (len >= 8) {
            int last = len - 8;
            for (int i = 0; i < last; i += 8) {
                if ((long) LONGS.get(a, aOff + i) != (long) LONGS.get(b, off + i)) {
                    return false;
                }
            }
            return (long) LONGS.get(a, aOff + last) == (long) LONGS.get(b, off + last);
        }
        if (len >= 4) {
            return (int) INTS.get(a, aOff) == (int) INTS.get(b, off)
                    && (int) INTS.get(a, aOff + len - 4) == (int) INTS.get(b, off + len - 4);
        }
        for (int i = 0; i < len; i++) {
            if (a[aOff + i] != b[off + i]) {
                return false;
            }
        }
        return true;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** The low 32 bits of {@link ByteHash#of}. */
    static int hash(byte[] b, int off, int len) {
        return (int) ByteHash.of(b, off, len);
    }
}
