package io.modelwatch.core.synth;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;

/** The file layout, random draws and number formatting the synthetic generators share. */
final class Draws {

    /** Appends row {@code i} (with its line feed) of a day starting at {@code dayStart} (epoch seconds). */
    interface Row {
        void append(StringBuilder sb, SplittableRandom r, int i, long dayStart, String labelDate);
    }

    private Draws() {
    }

    /** Writes a header and {@code rows} rows to {@code file} (parent folders are created). */
    static void write(Path file, int rows, long seed, List<String> header, LocalDate date, int labelLagDays, Row row)
            throws IOException {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be >= 1, got " + rows);
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            write(w, rows, seed, header, date, labelLagDays, row);
        }
    }

    /** Writes a header and {@code rows} rows drawn from one generator seeded with {@code seed}. */
    static void write(Writer out, int rows, long seed, List<String> header, LocalDate date, int labelLagDays, Row row)
            throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(512);
        out.write(String.join(",", header));
        out.write('\n');
        long dayStart = date.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        String labelDate = date.plusDays(labelLagDays).toString();
        for (int i = 0; i < rows; i++) {
            sb.setLength(0);
            row.append(sb, rnd, i, dayStart, labelDate);
            out.append(sb);
        }
    }

    /** An index drawn with the probabilities {@code p} (the last one takes the rest). */
    static int pick(SplittableRandom r, double[] p) {
        double u = r.nextDouble();
        double acc = 0;
        for (int i = 0; i < p.length - 1; i++) {
            acc += p[i];
            if (u < acc) {
                return i;
            }
        }
        return p.length - 1;
    }

    static double exponential(SplittableRandom r, double mean) {
        return -mean * Math.log(1 - r.nextDouble());
    }

    /** Knuth's method; fine for the small means used here. */
    static int poisson(SplittableRandom r, double mean) {
        double l = Math.exp(-mean);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static double clip(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Rounds to {@code digits} decimals and prints without exponent or trailing noise. */
    static String round(double v, int digits) {
        return BigDecimal.valueOf(v).setScale(digits, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
