package io.modelwatch.core.quality;

import java.util.Arrays;

/**
 * The entries of an {@link IdSet}: each distinct id appended once to byte pages of 1 MiB as {@code [varint key
 * length][int first row][key]}, addressed by page and offset ({@code page << 20 | offset}). An entry larger than a
 * page gets a page of its own. {@link #clear} keeps the pages for the entries to come.
 */
final class IdPages {

    static final int PAGE_BITS = 20;
    static final int PAGE_BYTES = 1 << PAGE_BITS;

    private byte[][] pages = new byte[4][];
    private int[] pageUsed = new int[4];
    private int pageCount;

    void clear() {
        pageCount = 0;
    }

    int pageCount() {
        return pageCount;
    }

    byte[] page(int p) {
        return pages[p];
    }

    /** Bytes of page {@code p} holding entries. */
    int used(int p) {
        return pageUsed[p];
    }

    /** The page holding the entry at {@code address}. */
    byte[] pageOf(long address) {
        return pages[(int) (address >>> PAGE_BITS)];
    }

    /** The position of the entry at {@code address} in its page. */
    static int offset(long address) {
        return (int) (address & (PAGE_BYTES - 1));
    }

    /** Appends the entry of {@code key[off, off + keyLength)} with its first row; returns its address. */
    long store(byte[] key, int off, int keyLength, int row) {
        int entry = varintLength(keyLength) + 4 + keyLength;
        if (pageCount == 0 || pageUsed[pageCount - 1] + entry > pages[pageCount - 1].length) {
            if (pageCount == pages.length) {
                pages = Arrays.copyOf(pages, pageCount * 2);
                pageUsed = Arrays.copyOf(pageUsed, pageCount * 2);
            }
            // A page left by clear() is reused when it is a standard page and the entry fits.
            if (pages[pageCount] == null || pages[pageCount].length != PAGE_BYTES || entry > PAGE_BYTES) {
                pages[pageCount] = new byte[Math.max(PAGE_BYTES, entry)];
            }
            pageUsed[pageCount++] = 0;
        }
        int p = pageCount - 1;
        byte[] page = pages[p];
        int pos = pageUsed[p];
        long address = (long) p << PAGE_BITS | pos;
        for (int v = keyLength; ; v >>>= 7) {
            if (v < 0x80) {
                page[pos++] = (byte) v;
                break;
            }
            page[pos++] = (byte) (v & 0x7f | 0x80);
        }
        page[pos++] = (byte) (row >>> 24);
        page[pos++] = (byte) (row >>> 16);
        page[pos++] = (byte) (row >>> 8);
        page[pos++] = (byte) row;
        System.arraycopy(key, off, page, pos, keyLength);
        pageUsed[p] = pos + keyLength;
        return address;
    }

    /** True when the entry at {@code address} has the key {@code key[off, off + keyLength)}. */
    boolean sameKey(long address, byte[] key, int off, int keyLength) {
        byte[] page = pageOf(address);
        long header = header(page, offset(address));
        int pos = (int) header + 4;
        return header >>> 32 == keyLength && Arrays.equals(page, pos, pos + keyLength, key, off, off + keyLength);
    }

    /** Compares the keys of the entries at two addresses by their bytes (unsigned). */
    int compareKeys(long addressA, long addressB) {
        byte[] pageA = pageOf(addressA);
        byte[] pageB = pageOf(addressB);
        long headerA = header(pageA, offset(addressA));
        long headerB = header(pageB, offset(addressB));
        int keyA = (int) headerA + 4;
        int keyB = (int) headerB + 4;
        return Arrays.compareUnsigned(pageA, keyA, keyA + (int) (headerA >>> 32),
                pageB, keyB, keyB + (int) (headerB >>> 32));
    }

    /** The key length of the entry at {@code pos} (high 32 bits) and the position after it (low 32 bits). */
    static long header(byte[] page, int pos) {
        long length = 0;
        int shift = 0;
        byte b;
        do {
            b = page[pos++];
            length |= (long) (b & 0x7f) << shift;
            shift += 7;
        } while (b < 0);
        return length << 32 | pos;
    }

    static int readInt(byte[] b, int pos) {
        return (b[pos] & 0xff) << 24 | (b[pos + 1] & 0xff) << 16 | (b[pos + 2] & 0xff) << 8 | (b[pos + 3] & 0xff);
    }

    private static int varintLength(int v) {
        int n = 1;
        while (v >= 0x80) {
            v >>>= 7;
            n++;
        }
        return n;
    }
}
