package io.modelwatch.parquet;

import com.github.luben.zstd.Zstd;
import io.airlift.compress.lz4.Lz4Decompressor;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;

/**
 * Page decompression for reading without Hadoop: parquet-java's own codec factory builds a Hadoop
 * {@code Configuration} for every compressed codec, which would bring the whole Hadoop runtime (30 MB more) onto
 * the CLI's class path. The codecs that Parquet writers use in practice are decoded here with the libraries
 * parquet-hadoop already depends on: SNAPPY (snappy-java), ZSTD (zstd-jni), GZIP (the JDK), LZ4_RAW (aircompressor),
 * and UNCOMPRESSED. LZO, BROTLI and the Hadoop-framed LZ4 are refused with a message naming the codec.
 * Reading only: {@link #getCompressor} is not supported.
 */
final class ParquetCodecs implements CompressionCodecFactory {

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codecName) {
        throw new UnsupportedOperationException("ModelWatch reads Parquet files; it does not write them");
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new Decompressor((in, size) -> in);
            case SNAPPY -> new Decompressor((in, size) -> {
                byte[] out = new byte[size];
                int n = Snappy.uncompress(in, 0, in.length, out, 0);
                return checked(n, size, codec, out);
            });
            case ZSTD -> new Decompressor((in, size) -> {
                byte[] out = new byte[size];
                long n = Zstd.decompressByteArray(out, 0, size, in, 0, in.length);
                if (Zstd.isError(n)) {
                    throw new IOException("corrupt ZSTD page: " + Zstd.getErrorName(n));
                }
                return checked((int) n, size, codec, out);
            });
            case GZIP -> new Decompressor((in, size) -> {
                try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(in))) {
                    byte[] out = gz.readNBytes(size);
                    return checked(out.length, size, codec, out);
                }
            });
            case LZ4_RAW -> new Decompressor((in, size) -> {
                byte[] out = new byte[size];
                int n = new Lz4Decompressor().decompress(in, 0, in.length, out, 0, size);
                return checked(n, size, codec, out);
            });
            default -> throw new UnsupportedCodecException(codec);
        };
    }

    @Override
    public void release() {
    }

    private static byte[] checked(int produced, int expected, CompressionCodecName codec, byte[] out)
            throws IOException {
        if (produced != expected) {
            throw new IOException("corrupt " + codec + " page: " + produced + " bytes decompressed, the page header says "
                    + expected);
        }
        return out;
    }

    /** A codec the reader cannot decompress; the reader names the file. */
    static final class UnsupportedCodecException extends RuntimeException {
        UnsupportedCodecException(CompressionCodecName codec) {
            super("pages compressed with " + codec + ", which ModelWatch does not read; expected SNAPPY, ZSTD, GZIP, "
                    + "LZ4_RAW or UNCOMPRESSED");
        }
    }

    @FunctionalInterface
    private interface Inflate {
        byte[] apply(byte[] compressed, int uncompressedSize) throws IOException;
    }

    private record Decompressor(Inflate inflate) implements BytesInputDecompressor {
        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            return BytesInput.from(inflate.apply(bytes.toByteArray(), uncompressedSize));
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            byte[] in = new byte[compressedSize];
            input.get(in);
            output.put(inflate.apply(in, uncompressedSize));
        }

        @Override
        public void release() {
        }
    }
}
