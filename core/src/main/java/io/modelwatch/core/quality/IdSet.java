package io.modelwatch.core.quality;

import io.modelwatch.core.data.ByteHash;
import io.modelwatch.core.data.StringColumn;

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
 * the pages; a key's home slot is the top bits of its hash ({@link ByteHash}), and its slot keeps the top 24 bits
 * to skip most byte comparisons and to find the key's home slot again when the table grows.
 *
 * <p>Memory: 8 bytes per table slot, with at most 8 / 0.375 = 21.3 bytes per distinct id after a growth
 * and the old table transiently while growing, plus 5 + key length bytes per distinct id (6 for a short
 * ASCII id) in pages allocated 1 MiB at a time. Ten million distinct 10-character ids: a table of 2^24 slots
 * (128 MiB) and 150 MB of pages; {@link SpillingIdSet#DEFAULT_IN_MEMORY} ids (its budget): a
 * table of 2^21 slots (16 MiB) and 24 MB of pages, plus 8 bytes per id while {@link #writeSorted} sorts them.
 *
 * <p>Sorted order ({@link #compare}): by {@link #order}, the 24 bits of the key's hash a slot keeps, then by the
 * key bytes (unsigned, a prefix first). Any total order on keys would do for merging runs; this one sorts the
 * slots as primitive {@code long}s and reads only the keys of equal order (about 9 % of 1.5M keys).
 */
final class IdSet {

    private static final long ADDRESS_MASK = (1L << 40) - 1;
    private static final int INITIAL_BITS = 10;
    private static final int BLOCK_ROWS = 256;
    /** The hash bits a slot keeps (above the entry's address): a table of up to 2^24 slots grows from them. */
    private static final int SLOT_HASH_BITS = 24;
    private static final byte NON_ASCII = (byte) 0xFF;

    private final IdPages pages = new IdPages();
    private long[] slots = new long[1 << INITIAL_BITS];
    /** 64 minus the table's index bits: a key's home slot is {@code hash >>> shift}. */
    private int shift = 64 - INITIAL_BITS;
    private int size;
    /** The most index bits a table may have and still grow from its slots' hash bits alone. */
    private final int growsFromSlotsUpTo;
    /** The key of an id given as a {@code String}. */
    private byte[] key = new byte[64];
    private int keyLength;
    /** The keys of a block of rows of {@link #addRows}, their positions there, lengths (-1: null) and hashes. */
    private byte[] blockKeys = new byte[BLOCK_ROWS * 16];
    private final int[] blockOffsets = new int[BLOCK_ROWS];
    private final int[] blockLengths = new int[BLOCK_ROWS];
    private final long[] blockHashes = new long[BLOCK_ROWS];

    IdSet() {
        this(SLOT_HASH_BITS);
    }

    /**
     * A set whose table, beyond {@code 2^growsFromSlotsUpTo} slots, grows by hashing the keys again (as it must
     * beyond 2^{@value #SLOT_HASH_BITS}); tests use a small value to reach that path without millions of ids.
     */
    IdSet(int growsFromSlotsUpTo) {
        this.growsFromSlotsUpTo = Math.min(growsFromSlotsUpTo, SLOT_HASH_BITS);
    }

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
        return insert(hash(key, 0, keyLength), key, 0, keyLength, row);
    }

    /**
     * Adds the ids of the non-null rows {@code [from, to)} of a text column, row {@code r} first seen at file row
     * {@code firstRow + r - from}, as {@link #add(String, long)} of each row's value in row order would: an ASCII
     * id goes in from its bytes (its key is those bytes), any other through its {@code String}. Writes the rows
     * whose id was already present to {@code repeated} from index {@code at}, in row order, and returns how many
     * there are.
     *
     * <p>Rows go in blocks of {@value #BLOCK_ROWS}: the block's keys are gathered and hashed first, then inserted.
     * The inserts' first reads of the table, cache misses once it outgrows the caches, then depend on nothing
     * computed in the same loop, and the processor starts the next ones while a probe waits.
     */
    int addRows(StringColumn ids, int from, int to, long firstRow, int[] repeated, int at) {
        int repeats = at;
        for (int start = from; start < to; start += BLOCK_ROWS) {
            int end = Math.min(to, start + BLOCK_ROWS);
            int used = 0;
            for (int r = start; r < end; r++) {
                int k = r - start;
                if (ids.isNull(r)) {
                    blockLengths[k] = -1;
                    continue;
                }
                int length = ids.byteLength(r);
                ensureBlockKeys(used + length);
                ids.copyBytes(r, blockKeys, used);
                if (!isAscii(blockKeys, used, length)) {
                    encode(ids.get(r));
                    length = keyLength;
                    ensureBlockKeys(used + length);
                    System.arraycopy(key, 0, blockKeys, used, length);
                }
                blockOffsets[k] = used;
                blockLengths[k] = length;
                blockHashes[k] = hash(blockKeys, used, length);
                used += length;
            }
            for (int r = start; r < end; r++) {
                int k = r - start;
                if (blockLengths[k] >= 0 && !insert(blockHashes[k], blockKeys, blockOffsets[k], blockLengths[k],
                        firstRow + (r - from))) {
                    repeated[repeats++] = r;
                }
            }
        }
        return repeats - at;
    }

    private void ensureBlockKeys(int length) {
        if (blockKeys.length < length) {
            blockKeys = Arrays.copyOf(blockKeys, Math.max(length, blockKeys.length * 2));
        }
    }

    private static boolean isAscii(byte[] b, int off, int length) {
        for (int i = off, end = off + length; i < end; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
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
                if (!insert(hash(page, pos, length), page, pos, length, row)) {
                    repeated[0]++;
                    if (first.size() < limit) {
                        first.add(new Repeat(row, decode(page, pos, length)));
                    }
                }
                pos += length;
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

    /** Inserts the key {@code k[off, off + length)} of hash {@code h} first seen at {@code row}; false when present. */
    private boolean insert(long h, byte[] k, int off, int length, long row) {
        long fragment = h >>> (64 - SLOT_HASH_BITS);
        int mask = slots.length - 1;
        int i = (int) (h >>> shift);
        for (long s = slots[i]; s != 0; s = slots[i]) {
            if (s >>> 40 == fragment && pages.sameKey((s & ADDRESS_MASK) - 1, k, off, length)) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = fragment << 40 | (pages.store(k, off, length, Math.toIntExact(row)) + 1);
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

    /**
     * Doubles the table. A key's home slot is the top bits of its hash, which its slot keeps while the table has
     * at most 2^{@value #SLOT_HASH_BITS} slots: the entries move without reading their keys, in the order of
     * their home slots, so the new table is written front to back. A larger table reads each key back from the
     * pages to hash it.
     */
    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        shift--;
        int mask = slots.length - 1;
        boolean fromSlot = 64 - shift <= growsFromSlotsUpTo;
        for (long s : old) {
            if (s == 0) {
                continue;
            }
            int i = fromSlot ? (int) (s >>> shift) : (int) (storedHash((s & ADDRESS_MASK) - 1) >>> shift);
            while (slots[i] != 0) {
                i = (i + 1) & mask;
            }
            slots[i] = s;
        }
    }

    /** The hash of the key of the entry at {@code address}. */
    private long storedHash(long address) {
        byte[] page = pages.pageOf(address);
        long header = IdPages.header(page, IdPages.offset(address));
        return hash(page, (int) header + 4, (int) (header >>> 32));
    }

    /** The keys' hash ({@link ByteHash}: the same in the table, its sorted runs and their merge). */
    private static long hash(byte[] b, int off, int length) {
        return ByteHash.of(b, off, length);
    }
}
