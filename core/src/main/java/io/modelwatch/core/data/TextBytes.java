package io.modelwatch.core.data;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Text in the byte forms of the accumulators that travel between partitions (quality checks, segment counts): a
 * length in bytes, then UTF-8 (unlike {@link DataOutput#writeUTF}, not limited to 64 KiB).
 */
public final class TextBytes {

    private TextBytes() {
    }

    public static void write(DataOutput out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    public static String read(DataInput in) throws IOException {
        byte[] utf8 = new byte[in.readInt()];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
