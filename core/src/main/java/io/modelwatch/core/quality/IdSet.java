package io.modelwatch.core.quality;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Distinct ids, exactly (no hashing shortcut: two ids are the same only when their texts are equal), each with
 * the row of its first occurrence, for the duplicate-id check over a file read in chunks. {@link SpillingIdSet}
 * holds at most a budget of them in one set, and writes the set to disk as a sorted run when it is full.
 *
 * <p>Storage: each id is appended once to byte pages of 1 MiB ({@link IdPages}) as {@code [varint key
 * length][int first row][key]}, where the key is the id's characters as one byte each when all are ASCII,
 * otherwise a 0xFF marker byte followed by two bytes per UTF-16 char (0xFF never starts an ASCII key, so the
 * encoding is one-to-one). An open-addressing table of {@code long} slots (linear probing, load at most 3/4) points into
 * the pages; a slot holds 24 bits of the key's hash to skip most byte comparisons.
 *
 * <p>Memory: 12 bytes per table slot (the slot and the low 32 bits of its hash), with at most 12 / 0.375 = 32
 * bytes per distinct id after a growth
 * and the old table transiently while growing, plus 5 + key length bytes per distinct id (6 for a short
 * ASCII id) in pages allocated 1 MiB at a time. Ten million distinct 10-character ids: a table of 2^24 slots
 * (192 MiB with the hashes) and 150 MB of pages; {@link SpillingIdSet#DEFAULT_IN_MEMORY} ids (its budget): a
 * table of 2^21 slots (24 MiB) and 24 MB of pages, plus 8 bytes per id while {@link #writeSorted} sorts them.
 *
 * <p>Sorted order ({@link #compare}): by {@link #order}, the 24 bits of the key's hash a slot keeps, then by the
 * key bytes (unsigned, a prefix first). Any total order on keys would do for merging runs; this one sorts the
 * slots as primitive {@code long}s and reads only the keys of equal order (about 9 % of 1.5M keys).
 */
final class IdSet {

    private static final long ADDRESS_MASK = (1L << 40) - 1;
    private static final byte NON_ASCII = (byte) 0xFF;

    private final IdPages pages = new IdPages();
    private long[] slots = new long[1024];
    /** The low 32 bits of each slot's key hash, so that growing never reads the keys back from the pages. */
    private int[] slotHashes = new int[1024];
    private int size;
    private byte[] key = new byte[64];
    private int keyLength;

    /** Empties the set, keeping its table and pages for the ids to come. */
    void clear() {
        Arrays.fill(slots, 0);
        size = 0;
        pages.clear();
    }

    /** Number of distinct ids. */
    int size() {
        return size;
    }

    /** Adds {@code id} first seen at {@code row}; false when it was already present. */
    boolean add(String id, long row) {
        encode(id);
        return insert(row);
    }

    /**
     * Adds the id in a row of a text column, first seen at {@code row}: an ASCII id goes in from its bytes (its
     * key is those bytes), any other through its {@code String}, so both give the same key as {@link #add}.
     */
    boolean add(io.modelwatch.core.data.StringColumn ids, int index, long row) {
        int length = ids.byteLength(index);
        ensureKey(length);
        ids.copyBytes(index, key, 0);
        for (int i = 0; i < length; i++) {
            if (key[i] < 0) {
                return add(ids.get(index), row);
            }
        }
        keyLength = length;
        return insert(row);
    }

    /**
     * Adds the ids of {@code later} (a set over rows after this one's) in their first-seen order, and returns
     * the first {@code limit} of them that were already present here, as (row, id) in row order, plus their
     * total count in {@code repeated[0]}.
     */
    List<Repeat> addAll(IdSet later, int limit, long[] repeated) {
        List<Repeat> first = new ArrayList<>();
        for (int p = 0; p < later.pages.pageCount(); p++) {
            byte[] page = later.pages.page(p);
            int pos = 0;
            while (pos < later.pages.used(p)) {
                long header = IdPages.header(page, pos);
                int length = (int) (header >>> 32);
                pos = (int) header;
                int row = IdPages.readInt(page, pos);
                pos += 4;
                ensureKey(length);
                System.arraycopy(page, pos, key, 0, length);
                keyLength = length;
                pos += length;
                if (!insert(row)) {
                    repeated[0]++;
                    if (first.size() < limit) {
                        first.add(new Repeat(row, decode(key, 0, length)));
                    }
                }
            }
        }
        return first;
    }

    /** A row whose id occurred in an earlier row. */
    record Repeat(long row, String id) {
    }

    /**
     * Writes every entry, as stored ({@code [varint key length][int first row][key]}), in {@linkplain #compare
     * sorted order}.
     */
    void writeSorted(OutputStream out) throws IOException {
        // A slot is the key's order (its 24 hash bits) above the entry's address: sorting the slots (as unsigned
        // numbers, hence the flipped sign bit) sorts by order without reading a key; only keys of equal order
        // are then compared, and the entries are read once, to be written.
        long[] sorted = new long[size];
        int n = 0;
        for (long slot : slots) {
            if (slot != 0) {
                sorted[n++] = slot ^ Long.MIN_VALUE;
            }
        }
        Arrays.sort(sorted);
        for (int i = 0; i < n; i++) {
            sorted[i] ^= Long.MIN_VALUE;
        }
        for (int from = 0, to; from < n; from = to) {
            to = from + 1;
            while (to < n && sorted[to] >>> 40 == sorted[from] >>> 40) {
                to++;
            }
            sortEqualOrders(sorted, from, to);
        }
        byte[] buffer = new byte[1 << 16];
        int used = 0;
        for (int k = 0; k < n; k++) {
            long address = (sorted[k] & ADDRESS_MASK) - 1;
            byte[] page = pages.pageOf(address);
            int start = IdPages.offset(address);
            long header = IdPages.header(page, start);
            int length = (int) header + 4 + (int) (header >>> 32) - start;
            if (used + length > buffer.length) {
                out.write(buffer, 0, used);
                used = 0;
            }
            if (length > buffer.length) {
                out.write(page, start, length);
            } else {
                System.arraycopy(page, start, buffer, used, length);
                used += length;
            }
        }
        out.write(buffer, 0, used);
    }

    /** Orders the slots in [from, to), whose orders are equal, by their key bytes (insertion sort). */
    private void sortEqualOrders(long[] sorted, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            long v = sorted[i];
            int j = i - 1;
            while (j >= from && pages.compareKeys((sorted[j] & ADDRESS_MASK) - 1, (v & ADDRESS_MASK) - 1) > 0) {
                sorted[j + 1] = sorted[j];
                j--;
            }
            sorted[j + 1] = v;
        }
    }

    /** The first sort criterion of a key: the 24 high bits of its hash, which its slot keeps. */
    static long order(byte[] b, int off, int length) {
        return hash(b, off, length) >>> 40;
    }

    /** The sorted order of two keys given with their {@link #order}: by order, then by bytes (unsigned). */
    static int compare(long orderA, byte[] a, int lengthA, long orderB, byte[] b, int lengthB) {
        int c = Long.compare(orderA, orderB);
        return c != 0 ? c : Arrays.compareUnsigned(a, 0, lengthA, b, 0, lengthB);
    }

    private boolean insert(long row) {
        long h = hash(key, 0, keyLength);
        long fragment = h >>> 40;
        int mask = slots.length - 1;
        int i = (int) h & mask;
        for (long s = slots[i]; s != 0; s = slots[i]) {
            if (s >>> 40 == fragment && pages.sameKey((s & ADDRESS_MASK) - 1, key, keyLength)) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = fragment << 40 | (pages.store(key, keyLength, Math.toIntExact(row)) + 1);
        slotHashes[i] = (int) h;
        if (++size > slots.length / 4 * 3) {
            grow();
        }
        return true;
    }

    private void encode(String id) {
        int n = id.length();
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) {
            ascii = id.charAt(i) < 0x80;
        }
        if (ascii) {
            ensureKey(n);
            for (int i = 0; i < n; i++) {
                key[i] = (byte) id.charAt(i);
            }
            keyLength = n;
        } else {
            ensureKey(1 + 2 * n);
            key[0] = NON_ASCII;
            for (int i = 0; i < n; i++) {
                char c = id.charAt(i);
                key[1 + 2 * i] = (byte) (c >>> 8);
                key[2 + 2 * i] = (byte) c;
            }
            keyLength = 1 + 2 * n;
        }
    }

    /** The id of a key. */
    static String decode(byte[] b, int off, int length) {
        if (length > 0 && b[off] == NON_ASCII) {
            char[] chars = new char[(length - 1) / 2];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = (char) ((b[off + 1 + 2 * i] & 0xff) << 8 | (b[off + 2 + 2 * i] & 0xff));
            }
            return new String(chars);
        }
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = (char) b[off + i];
        }
        return new String(chars);
    }

    private void ensureKey(int length) {
        if (key.length < length) {
            key = new byte[Math.max(length, key.length * 2)];
        }
    }

    private void grow() {
        long[] old = slots;
        int[] oldHashes = slotHashes;
        slots = new long[old.length * 2];
        slotHashes = new int[old.length * 2];
        int mask = slots.length - 1;
        for (int k = 0; k < old.length; k++) {
            if (old[k] == 0) {
                continue;
            }
            int i = oldHashes[k] & mask;
            while (slots[i] != 0) {
                i = (i + 1) & mask;
            }
            slots[i] = old[k];
            slotHashes[i] = oldHashes[k];
        }
    }

    /** FNV-1a over the bytes, then MurmurHash3's 64-bit finaliser so that low and high bits are both mixed. */
    private static long hash(byte[] b, int off, int length) {
        long h = 0xcbf29ce484222325L;
        for (int i = off; i < off + length; i++) {
            h = (h ^ (b[i] & 0xff)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
