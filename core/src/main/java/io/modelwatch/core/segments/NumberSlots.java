package io.modelwatch.core.segments;

import io.modelwatch.core.binning.KeyHash;

import java.util.Arrays;

/**
 * The segment slot of each distinct number of a categorical dimension whose values are numbers, keyed by the
 * number's bits (NaN never enters): open addressing with linear probing over primitive arrays, so the lookup of
 * a row's number boxes nothing. Also the codes of a numeric column read as categories
 * ({@code ColumnCoercion.categorical}).
 */
public final class NumberSlots {

    /** What {@link #get} answers for a number without a slot. */
    public static final int NONE = -1;

    private long[] keys = new long[16];
    private int[] slots = filledWithNone(16);
    private int size;

    /** The slot of {@code v}, or {@link #NONE}. */
    public int get(double v) {
        long bits = Double.doubleToRawLongBits(v);
        int mask = keys.length - 1;
        for (int i = KeyHash.of(bits) & mask; ; i = (i + 1) & mask) {
            if (slots[i] == NONE || keys[i] == bits) {
                return slots[i];
            }
        }
    }

    public void put(double v, int slot) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        insert(Double.doubleToRawLongBits(v), slot);
        size++;
    }

    private void insert(long bits, int slot) {
        int mask = keys.length - 1;
        int i = KeyHash.of(bits) & mask;
        while (slots[i] != NONE && keys[i] != bits) {
            i = (i + 1) & mask;
        }
        keys[i] = bits;
        slots[i] = slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldSlots = slots;
        keys = new long[2 * oldKeys.length];
        slots = filledWithNone(keys.length);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldSlots[i] != NONE) {
                insert(oldKeys[i], oldSlots[i]);
            }
        }
    }

    private static int[] filledWithNone(int length) {
        int[] a = new int[length];
        Arrays.fill(a, NONE);
        return a;
    }
}
