package io.modelwatch.core.binning;

/**
 * The slot hash of a 64-bit key (a double's bit pattern) for the open-addressing count tables of the
 * accumulators: MurmurHash3's 64-bit finaliser, so every bit of the key reaches the low bits used as the slot.
 * A single multiply leaves decimals such as 43.2 or 0.1234, whose patterns differ in few bits, clustered in a
 * few slots (measured: 137 ns per value instead of 7 on a 4,000-value usage column).
 */
public final class KeyHash {

    private KeyHash() {
    }

    public static int of(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h;
    }
}
