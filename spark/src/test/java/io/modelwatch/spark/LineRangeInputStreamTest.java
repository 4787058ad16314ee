package io.modelwatch.spark;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Ranges cut anywhere in a text deliver each of its lines exactly once, in order. */
class LineRangeInputStreamTest {

    @Test
    void consecutiveRangesDeliverEveryLineOnce() throws IOException {
        StringBuilder text = new StringBuilder("header\n");
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 300; i++) {
            text.append("row").append(i).append(",".repeat(random.nextInt(5))).append(i % 7 == 0 ? "\r\n" : "\n");
            if (i % 50 == 0) {
                text.append('\n'); // a blank line
            }
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        int dataStart = "header\n".length();
        for (int parts : new int[] {1, 2, 3, 7, 64, bytes.length - dataStart}) {
            StringBuilder joined = new StringBuilder();
            for (int p = 0; p < parts; p++) {
                long start = dataStart + (long) (bytes.length - dataStart) * p / parts;
                long end = dataStart + (long) (bytes.length - dataStart) * (p + 1) / parts;
                long from = start > dataStart ? start - 1 : start;
                InputStream in = new ByteArrayInputStream(bytes);
                in.skipNBytes(from);
                try (InputStream range = new LineRangeInputStream(in, from, start, end)) {
                    // both read paths: bulk reads and single bytes
                    joined.append(new String(p % 2 == 0 ? range.readAllBytes() : readOneByOne(range),
                            StandardCharsets.US_ASCII));
                }
            }
            assertThat(joined.toString()).as("%d parts", parts).isEqualTo(text.substring(dataStart));
        }
    }

    private static byte[] readOneByOne(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            out.write(b);
        }
        return out.toByteArray();
    }
}
