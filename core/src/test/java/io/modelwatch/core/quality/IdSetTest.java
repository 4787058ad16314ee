package io.modelwatch.core.quality;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link IdSet#writeSorted}: every id once, with its first row, in the order {@link IdSet#compare} defines. */
class IdSetTest {

    @Test
    void writesEveryIdOnceInSortedOrder() throws IOException {
        // Tens of thousands of ids: some pairs share their 24 order bits and are sorted by their bytes.
        IdSet set = new IdSet();
        Map<String, Long> first = new HashMap<>();
        for (int i = 0; i < 60_000; i++) {
            String id = i % 3 == 0 ? "é-" + i % 40_000 : "C" + i % 40_000 + (i % 997 == 0 ? "x".repeat(200) : "");
            boolean added = set.add(id, i + 1);
            assertThat(added).isEqualTo(first.putIfAbsent(id, i + 1L) == null);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        set.writeSorted(out);
        byte[] b = out.toByteArray();

        Map<String, Long> read = new HashMap<>();
        byte[] previous = null;
        long previousOrder = -1;
        int ties = 0;
        for (int pos = 0; pos < b.length; ) {
            int length = 0;
            for (int shift = 0; ; shift += 7) {
                int v = b[pos++] & 0xff;
                length |= (v & 0x7f) << shift;
                if (v < 0x80) {
                    break;
                }
            }
            long row = (b[pos] & 0xffL) << 24 | (b[pos + 1] & 0xff) << 16 | (b[pos + 2] & 0xff) << 8
                    | b[pos + 3] & 0xff;
            byte[] key = Arrays.copyOfRange(b, pos + 4, pos + 4 + length);
            pos += 4 + length;
            long order = IdSet.order(key, 0, length);
            if (previous != null) {
                assertThat(IdSet.compare(previousOrder, previous, previous.length, order, key, length)).isNegative();
                ties += previousOrder == order ? 1 : 0;
            }
            assertThat(read.put(IdSet.decode(key, 0, length), row)).isNull();
            previous = key;
            previousOrder = order;
        }
        assertThat(read).isEqualTo(first);
        assertThat(ties).as("keys of equal order").isPositive();
    }
}
