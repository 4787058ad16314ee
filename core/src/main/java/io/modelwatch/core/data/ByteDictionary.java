package io.modelwatch.core.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Codes for categorical cells looked up by their UTF-8 bytes, so a repeated value costs a hash and a
 * byte comparison, and a {@code String} is created only the first time a value is seen. Open addressing
 * with linear probing; the table doubles when it is half full. Codes are dense, in first-seen order.
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
            if (hashes[code] == h && key.length == len && Arrays.equals(key, 0, len, b, off, off + len)) {
                return code;
            }
            slot = (slot + 1) & mask;
        }
    }

    int size() {
        return values.size();
    }

    /** The values, index = code (a snapshot). */
    List<String> values() {
        return List.copyOf(values);
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

    private static int hash(byte[] b, int off, int len) {
        int h = 0x811c9dc5;
        for (int i = off, end = off + len; i < end; i++) {
            h = (h ^ b[i]) * 0x01000193; // FNV-1a
        }
        return h ^ (h >>> 16);
    }
}
