package io.modelwatch.core.quality;

import io.modelwatch.core.data.StringColumn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link IdSet}: the repeats it reports equal those of a {@code HashMap} of the same ids, across every growth of its
 * table; {@link IdSet#writeSorted} writes every id once, with its first row, in the order {@link IdSet#compare}
 * defines.
 */
class IdSetTest {

    /**
     * Ids of a text column added in row ranges (nulls, non-ASCII ids, long ids, ids repeated just before and just
     * after each growth of the table at 768, 1536, 3072, ... ids): the rows reported as repeats and the first
     * rows written are those a {@code HashMap} gives. With 8, every growth beyond 2^8 slots hashes the stored keys
     * again instead of reading the slots' hash bits.
     */
    @ParameterizedTest
    @ValueSource(ints = {24, 8})
    void rowsRepeatingAnIdAreThoseOfAHashMapAcrossGrowths(int growsFromSlotsUpTo) throws IOException {
        SplittableRandom random = new SplittableRandom(17);
        List<String> values = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < 30_000; i++) {
            String id = switch (random.nextInt(12)) {
                case 0 -> null;
                case 1 -> "é" + random.nextInt(2_000);
                case 2 -> "C" + random.nextInt(i + 1) + "-".repeat(300);
                case 3, 4 -> values.isEmpty() ? "C0" : values.get(random.nextInt(values.size()));
                default -> "C" + i;
            };
            if (id != null && distinct.add(id) && Integer.bitCount(distinct.size() / 3) == 1
                    && distinct.size() % 3 == 0 && distinct.size() >= 768) {
                // this id made the table grow (past 3/4 of 1024, 2048, ... slots): it and an early one again
                values.add(id);
                values.add(values.get(0));
            }
            values.add(id);
        }
        StringColumn column = new StringColumn("id", values.toArray(String[]::new));

        Map<String, Long> first = new HashMap<>();
        List<Integer> expectedRepeats = new ArrayList<>();
        long firstRow = 1_000;
        for (int r = 0; r < values.size(); r++) {
            if (values.get(r) != null && first.putIfAbsent(values.get(r), firstRow + r) != null) {
                expectedRepeats.add(r);
            }
        }

        IdSet set = new IdSet(growsFromSlotsUpTo);
        int[] repeated = new int[values.size()];
        int repeats = 0;
        for (int from = 0; from < values.size(); ) {
            int to = Math.min(values.size(), from + 1 + random.nextInt(700));
            repeats += set.addRows(column, from, to, firstRow + from, repeated, repeats);
            from = to;
        }
        assertThat(Arrays.stream(repeated, 0, repeats).boxed().toList()).isEqualTo(expectedRepeats);
        assertThat(set.size()).isEqualTo(first.size());
        Map<String, Long> read = new HashMap<>();
        for (Entry entry : written(set)) {
            assertThat(read.put(IdSet.decode(entry.key(), 0, entry.key().length), entry.row())).isNull();
        }
        assertThat(read).isEqualTo(first);
        for (String id : first.keySet()) {
            assertThat(set.add(id, 1)).as(id).isFalse();
        }
    }

    /** An entry as {@link IdSet#writeSorted} writes it. */
    private record Entry(byte[] key, long row) {
    }

    /** The entries {@link IdSet#writeSorted} writes, in its order. */
    private static List<Entry> written(IdSet set) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        set.writeSorted(out);
        byte[] b = out.toByteArray();
        List<Entry> entries = new ArrayList<>();
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
            entries.add(new Entry(Arrays.copyOfRange(b, pos + 4, pos + 4 + length), row));
            pos += 4 + length;
        }
        return entries;
    }
}
