package io.modelwatch.core.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ByteHash}: a slice hashes the same wherever it lies, reads nothing outside itself, and slices of the
 * same length up to 8 bytes never share a hash (the class comment's claim, which the duplicate-id check's
 * growth and the dictionaries rely on only for speed, not for correctness).
 */
class ByteHashTest {

    @Test
    void aSliceHashesTheSameAtAnyOffsetAndAtTheEndsOfItsArray() {
        SplittableRandom random = new SplittableRandom(3);
        for (int len = 0; len <= 40; len++) {
            byte[] value = new byte[len];
            random.nextBytes(value);
            long expected = ByteHash.of(value, 0, len); // the slice is the whole array: nothing around it to read
            for (int before = 0; before < 9; before++) {
                byte[] around = new byte[before + len + 3];
                random.nextBytes(around);
                System.arraycopy(value, 0, around, before, len);
                assertThat(ByteHash.of(around, before, len)).as("length %d at %d", len, before).isEqualTo(expected);
            }
            assertThat(ByteDictionary.hash(value, 0, len)).isEqualTo((int) expected);
        }
    }

    @Test
    void differentSlicesOfOneLengthUpToEightBytesNeverCollide() {
        SplittableRandom random = new SplittableRandom(5);
        for (int len = 1; len <= 8; len++) {
            Map<Long, byte[]> seen = new HashMap<>();
            for (int i = 0; i < 50_000; i++) {
                byte[] value = new byte[len];
                random.nextBytes(value);
                if (len <= 2) {
                    value[0] = (byte) i;
                    if (len == 2) {
                        value[1] = (byte) (i >>> 8);
                    }
                }
                byte[] other = seen.put(ByteHash.of(value, 0, len), value);
                assertThat(other == null || Arrays.equals(other, value)).as("length %d", len).isTrue();
            }
        }
    }
}
