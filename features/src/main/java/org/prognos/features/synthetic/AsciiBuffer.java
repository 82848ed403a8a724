package org.prognos.features.synthetic;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;

/**
 * A growable byte buffer that formats CSV cells straight into ASCII bytes: integers, fixed-point decimals
 * and {@code yyyy-MM-dd HH:mm:ss} timestamps, without {@code String.format}, boxing or charset encoding.
 * Writing tens of millions of rows is dominated by formatting, so this is the hot path of file output.
 * One buffer belongs to one thread.
 */
final class AsciiBuffer {
    private static final long[] POW10 = {1, 10, 100, 1000, 10000, 100000, 1000000};
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long SECONDS_PER_DAY = 86_400L;
    private byte[] bytes;
    private int size;
    private long cachedDay = Long.MIN_VALUE;
    private final byte[] date = new byte[11];

    AsciiBuffer(int capacity) {
        this.bytes = new byte[Math.max(64, capacity)];
    }

    int size() {
        return size;
    }

    int capacity() {
        return bytes.length;
    }

    void clear() {
        size = 0;
    }

    /** Writes the content to {@code out} and empties the buffer. */
    void drainTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
        size = 0;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            byte[] grown = new byte[Math.max(bytes.length * 2, size + more)];
            System.arraycopy(bytes, 0, grown, 0, size);
            bytes = grown;
        }
    }

    /** Appends an ASCII string (ids, codes, headers). */
    AsciiBuffer text(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[size++] = (byte) s.charAt(i);
        }
        return this;
    }

    /** Appends ASCII bytes. */
    AsciiBuffer text(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
        return this;
    }

    AsciiBuffer ch(char c) {
        ensure(1);
        bytes[size++] = (byte) c;
        return this;
    }

    /** Appends a whole number. */
    AsciiBuffer integer(long v) {
        if (v == Long.MIN_VALUE) {
            return text(Long.toString(v));
        }
        ensure(20);
        if (v < 0) {
            bytes[size++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int pos = size + digits;
        do {
            bytes[--pos] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        size += digits;
        return this;
    }

    /**
     * Appends {@code v} with exactly {@code decimals} places (half-up rounding of the scaled value, no
     * exponent); nothing for {@code NaN}, so a missing value is an empty cell.
     */
    AsciiBuffer fixed(double v, int decimals) {
        if (Double.isNaN(v)) {
            return this;
        }
        long scale = POW10[decimals];
        double scaled = v * scale;
        if (!(Math.abs(scaled) < 1e17)) {
            return text(Double.toString(v));
        }
        long k = Math.round(scaled);
        if (k < 0) {
            ch('-');
            k = -k;
        }
        integer(k / scale);
        if (decimals > 0) {
            ensure(decimals + 1);
            bytes[size++] = '.';
            long frac = k % scale;
            for (int i = size + decimals - 1; i >= size; i--) {
                bytes[i] = (byte) ('0' + frac % 10);
                frac /= 10;
            }
            size += decimals;
        }
        return this;
    }

    /** Appends epoch microseconds as {@code yyyy-MM-dd HH:mm:ss} UTC (sub-second part dropped; years 1000-9999). */
    AsciiBuffer timestamp(long micros) {
        long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
        long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        if (day != cachedDay) {
            LocalDate d = LocalDate.ofEpochDay(day);
            int y = d.getYear();
            date[0] = (byte) ('0' + y / 1000 % 10);
            date[1] = (byte) ('0' + y / 100 % 10);
            date[2] = (byte) ('0' + y / 10 % 10);
            date[3] = (byte) ('0' + y % 10);
            date[4] = '-';
            twoDigits(date, 5, d.getMonthValue());
            date[7] = '-';
            twoDigits(date, 8, d.getDayOfMonth());
            date[10] = ' ';
            cachedDay = day;
        }
        ensure(19);
        System.arraycopy(date, 0, bytes, size, 11);
        size += 11;
        twoDigits(bytes, size, secondOfDay / 3600);
        bytes[size + 2] = ':';
        twoDigits(bytes, size + 3, secondOfDay / 60 % 60);
        bytes[size + 5] = ':';
        twoDigits(bytes, size + 6, secondOfDay % 60);
        size += 8;
        return this;
    }

    private static void twoDigits(byte[] b, int at, int v) {
        b[at] = (byte) ('0' + v / 10);
        b[at + 1] = (byte) ('0' + v % 10);
    }
}
