package io.modelwatch.core.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * ISO-8601 timestamps and dates to epoch milliseconds, straight from UTF-8 bytes.
 *
 * <p>Accepted: {@code 2026-11-28} (00:00 UTC), {@code 2026-11-28T04:00:00Z}, with a fraction of a second
 * ({@code .123}, up to nine digits, truncated to milliseconds), with an offset ({@code +02:00},
 * {@code +0200}, {@code +02}), and without any zone ({@code 2026-11-28T04:00:00}, taken as UTC).
 * A space may stand for the {@code T}. The common shapes are parsed by hand without allocation;
 * anything else goes through {@link java.time}'s ISO parsers.
 */
final class IsoTimestamps {

    /** Returned for text that is not a timestamp. Same value as {@link TimestampColumn#NULL_VALUE}. */
    static final long INVALID = TimestampColumn.NULL_VALUE;

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private IsoTimestamps() {
    }

    /** Epoch milliseconds of {@code b[off, off + len)}, or {@link #INVALID}. */
    static long parse(byte[] b, int off, int len) {
        return parse(b, off, len, null);
    }

    /**
     * As {@link #parse(byte[], int, int)}, remembering in {@code lastDay} (when not null) the last valid
     * {@code yyyy-mm-dd} and its epoch milliseconds: a column of one day's events repeats its date on every row,
     * and ten equal bytes are the same day.
     */
    static long parse(byte[] b, int off, int len, LastDay lastDay) {
        long fast = parseFast(b, off, len, lastDay);
        return fast != INVALID ? fast : parseSlow(new String(b, off, len, StandardCharsets.UTF_8));
    }

    /** The last date a column parsed: its first eight bytes, its last two, and its epoch milliseconds. */
    static final class LastDay {
        private long head;
        private int tail = -1;
        private long millis;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static long parseFast(byte[] b, int off, int len, LastDay lastDay) {
        if (len < 10 || b[off + 4] != '-' || b[off + 7] != '-') {
            return INVALID;
        }
        long head = (long) LONGS.get(b, off);
        int tail = (b[off + 8] & 0xff) | (b[off + 9] & 0xff) << 8;
        long millis;
        if (lastDay != null && lastDay.tail == tail && lastDay.head == head) {
            millis = lastDay.millis;
        } else {
            int year = digits(b, off, 4);
            int month = digits(b, off + 5, 2);
            int day = digits(b, off + 8, 2);
            if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
                return INVALID;
            }
            millis = daysFromCivil(year, month, day) * MILLIS_PER_DAY;
            if (lastDay != null) {
                lastDay.head = head;
                lastDay.tail = tail;
                lastDay.millis = millis;
            }
        }
        if (len == 10) {
            return millis;
        }
        byte sep = b[off + 10];
        if (len < 19 || (sep != 'T' && sep != 't' && sep != ' ') || b[off + 13] != ':' || b[off + 16] != ':') {
            return INVALID;
        }
        int hour = digits(b, off + 11, 2);
        int minute = digits(b, off + 14, 2);
        int second = digits(b, off + 17, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return INVALID;
        }
        millis += hour * 3_600_000L + minute * 60_000L + second * 1_000L;
        int p = off + 19;
        int end = off + len;
        if (p < end && b[p] == '.') {
            int start = ++p;
            int fraction = 0;
            while (p < end && b[p] >= '0' && b[p] <= '9') {
                if (p - start < 3) {
                    fraction = fraction * 10 + (b[p] - '0');
                }
                p++;
            }
            int digitCount = p - start;
            if (digitCount == 0 || digitCount > 9) {
                return INVALID;
            }
            for (int i = digitCount; i < 3; i++) {
                fraction *= 10;
            }
            millis += fraction;
        }
        if (p == end) {
            return millis; // no zone: UTC
        }
        byte z = b[p];
        if ((z == 'Z' || z == 'z') && p + 1 == end) {
            return millis;
        }
        if (z != '+' && z != '-') {
            return INVALID;
        }
        int rest = end - p - 1;
        int offHours;
        int offMinutes = 0;
        if (rest == 2) {
            offHours = digits(b, p + 1, 2);
        } else if (rest == 4) {
            offHours = digits(b, p + 1, 2);
            offMinutes = digits(b, p + 3, 2);
        } else if (rest == 5 && b[p + 3] == ':') {
            offHours = digits(b, p + 1, 2);
            offMinutes = digits(b, p + 4, 2);
        } else {
            return INVALID;
        }
        if (offHours < 0 || offHours > 18 || offMinutes < 0 || offMinutes > 59) {
            return INVALID;
        }
        long offsetMillis = offHours * 3_600_000L + offMinutes * 60_000L;
        return z == '+' ? millis - offsetMillis : millis + offsetMillis;
    }

    private static long parseSlow(String text) {
        String t = text.trim().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeException notOffset) {
            // try the zone-less forms below
        }
        try {
            return LocalDateTime.parse(t, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeException notLocal) {
            // try a date below
        }
        try {
            return LocalDate.parse(t, DateTimeFormatter.ISO_LOCAL_DATE).toEpochDay() * MILLIS_PER_DAY;
        } catch (DateTimeException notDate) {
            return INVALID;
        }
    }

    /** The non-negative value of {@code count} ASCII digits, or -1 when one is not a digit. */
    private static int digits(byte[] b, int off, int count) {
        int v = 0;
        for (int i = 0; i < count; i++) {
            int d = b[off + i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static boolean isLeap(int year) {
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    }

    /**
     * Days since 1970-01-01 of a proleptic Gregorian date: shift the year to start in March so the leap
     * day is last, count whole 400-year eras (146097 days), then days within the era.
     */
    static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int monthFromMarch = month > 2 ? month - 3 : month + 9;
        int dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }
}
