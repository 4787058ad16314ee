package io.modelwatch.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Splits UTF-8 bytes into RFC-4180 records without creating objects per field. A field is a slice of
 * the read buffer, or of a scratch array when it had to be unescaped (a doubled quote, or text after a
 * closing quote, which is kept leniently). Records end at LF, CRLF or a lone CR outside quotes; quoted
 * fields may hold separators and line breaks. Blank lines are skipped. A leading UTF-8 byte order
 * mark is dropped. A record never straddles a buffer refill: the partial record is moved to the front
 * and parsed again, and the buffer doubles when one record does not fit.
 */
final class CsvRecordScanner {

    private static final byte SEP = ',';
    private static final byte QUOTE = '"';
    private static final int RECORD = 0;
    private static final int BLANK = 1;
    private static final int NEED_MORE = 2;

    private final InputStream in;
    private final String source;
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private boolean started;
    private boolean quotedField;
    private long records;
    private long bytesRead;

    private byte[] scratch = new byte[256];
    private int scratchLen;

    private int fieldCount;
    private int[] fieldOff = new int[64];
    private int[] fieldLen = new int[64];
    private boolean[] fieldInScratch = new boolean[64];

    CsvRecordScanner(InputStream in, int bufferSize, String source) {
        this(in, bufferSize, source, true);
    }

    /**
     * @param atFileStart whether {@code in} starts at the beginning of the file, where a byte order mark is
     *                    dropped; false for a byte range in the middle of a file
     */
    CsvRecordScanner(InputStream in, int bufferSize, String source, boolean atFileStart) {
        this(in, bufferSize, source, atFileStart, 0);
    }

    /**
     * @param recordsBefore records of the file before {@code in} starts, header included (an error names the
     *                      row in the file)
     */
    CsvRecordScanner(InputStream in, int bufferSize, String source, boolean atFileStart, long recordsBefore) {
        this.in = in;
        this.source = source;
        this.buf = new byte[Math.max(bufferSize, 64)];
        this.started = !atFileStart;
        this.records = recordsBefore;
    }

    /** Moves to the next record; false at the end of the input. */
    boolean next() throws IOException {
        if (!started) {
            started = true;
            while (limit < 3 && !eof) {
                fill();
            }
            if (limit >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF) {
                pos = 3;
            }
        }
        while (true) {
            if (pos >= limit) {
                if (eof) {
                    return false;
                }
                fill();
                continue;
            }
            int outcome = parseRecord();
            if (outcome == NEED_MORE) {
                fill();
            } else if (outcome == RECORD) {
                records++;
                return true;
            }
        }
    }

    /** Bytes of input consumed by the records returned so far (header and blank lines included). */
    long position() {
        return bytesRead - (limit - pos);
    }

    /**
     * Whether a field read so far opened with a quote. Until one does, every line feed read ended a record
     * (a quote inside an unquoted field is kept as text), so the input after any of them starts a record.
     */
    boolean sawQuotedField() {
        return quotedField;
    }

    int fieldCount() {
        return fieldCount;
    }

    /** The array holding field {@code i}: read it at {@link #offset(int)} for {@link #length(int)} bytes. */
    byte[] bytes(int i) {
        return fieldInScratch[i] ? scratch : buf;
    }

    int offset(int i) {
        return fieldOff[i];
    }

    int length(int i) {
        return fieldLen[i];
    }

    private int parseRecord() {
        int p = pos;
        fieldCount = 0;
        scratchLen = 0;
        byte first = buf[p];
        if (first == '\n' || first == '\r') {
            int end = lineEnd(p);
            if (end < 0) {
                return NEED_MORE;
            }
            pos = end;
            return BLANK;
        }
        while (true) {
            if (p < limit && buf[p] == QUOTE) {
                quotedField = true;
                int q = p + 1;
                int segStart = q;
                int scratchStart = scratchLen;
                boolean escaped = false;
                while (true) {
                    if (q >= limit) {
                        if (!eof) {
                            return NEED_MORE;
                        }
                        throw new InputException(source + ": unterminated quoted field in row " + records
                                + " (the header is row 0): a '\"' opens a field that never closes");
                    }
                    if (buf[q] == QUOTE) {
                        if (q + 1 < limit) {
                            if (buf[q + 1] == QUOTE) {
                                appendScratch(segStart, q + 1 - segStart);
                                escaped = true;
                                q += 2;
                                segStart = q;
                                continue;
                            }
                        } else if (!eof) {
                            return NEED_MORE;
                        }
                        break;
                    }
                    q++;
                }
                int contentEnd = q++;
                int tailStart = q;
                q = scanUnquoted(q);
                if (q >= limit && !eof) {
                    return NEED_MORE;
                }
                if (escaped || q > tailStart) {
                    appendScratch(segStart, contentEnd - segStart);
                    appendScratch(tailStart, q - tailStart);
                    addField(scratchStart, scratchLen - scratchStart, true);
                } else {
                    addField(p + 1, contentEnd - p - 1, false);
                }
                p = q;
            } else {
                int q = scanUnquoted(p);
                if (q >= limit && !eof) {
                    return NEED_MORE;
                }
                addField(p, q - p, false);
                p = q;
            }
            if (p >= limit) {
                pos = p;
                return RECORD;
            }
            if (buf[p] == SEP) {
                p++;
                continue;
            }
            int end = lineEnd(p);
            if (end < 0) {
                return NEED_MORE;
            }
            pos = end;
            return RECORD;
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long COMMAS = ONES * SEP;
    private static final long LFS = ONES * '\n';
    private static final long CRS = ONES * '\r';

    /**
     * Position of the first separator or line break at or after {@code p}, or {@code limit}. Eight bytes at a
     * time: {@code (x - 0x01..) & ~x & 0x80..} marks the zero bytes of {@code x = word ^ pattern}; the lowest
     * mark is always exact (a borrow only disturbs the bytes above it).
     */
    private int scanUnquoted(int p) {
        byte[] b = buf;
        int lim = limit;
        while (p + 8 <= lim) {
            long w = (long) LONGS.get(b, p);
            long c = w ^ COMMAS;
            long n = w ^ LFS;
            long r = w ^ CRS;
            long m = ((c - ONES) & ~c | (n - ONES) & ~n | (r - ONES) & ~r) & HIGHS;
            if (m != 0) {
                return p + (Long.numberOfTrailingZeros(m) >>> 3);
            }
            p += 8;
        }
        while (p < lim) {
            byte c = b[p];
            if (c == SEP || c == '\n' || c == '\r') {
                return p;
            }
            p++;
        }
        return p;
    }

    /** Position after the line break at {@code p} (LF, CRLF or CR), or -1 when more input is needed. */
    private int lineEnd(int p) {
        if (buf[p] == '\n') {
            return p + 1;
        }
        if (p + 1 < limit) {
            return buf[p + 1] == '\n' ? p + 2 : p + 1;
        }
        return eof ? p + 1 : -1;
    }

    private void addField(int off, int len, boolean inScratch) {
        if (fieldCount == fieldOff.length) {
            int n = fieldCount * 2;
            fieldOff = Arrays.copyOf(fieldOff, n);
            fieldLen = Arrays.copyOf(fieldLen, n);
            fieldInScratch = Arrays.copyOf(fieldInScratch, n);
        }
        fieldOff[fieldCount] = off;
        fieldLen[fieldCount] = len;
        fieldInScratch[fieldCount] = inScratch;
        fieldCount++;
    }

    private void appendScratch(int from, int len) {
        if (scratchLen + len > scratch.length) {
            scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, scratchLen + len));
        }
        System.arraycopy(buf, from, scratch, scratchLen, len);
        scratchLen += len;
    }

    /** Keeps the unparsed tail, moved to the front (doubling the buffer when it is full), and reads more. */
    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
            bytesRead += n;
        }
    }
}
