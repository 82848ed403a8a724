package org.prognos.features.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Objects;
import org.prognos.features.InvalidSpecException;

/**
 * How time is measured on an asset's history. Every time in Prognos is a {@code long} "tick" on this axis:
 * for {@link Cycles} a tick is one cycle (or sample); for {@link Timestamps} a tick is one microsecond since
 * the Unix epoch, fine enough for 20 kHz waveforms and wide enough for any date (±292,000 years).
 */
public sealed interface TimeAxis permits TimeAxis.Cycles, TimeAxis.Timestamps {

    /** Parses a time cell of a file. Throws {@link IllegalArgumentException} with a readable reason. */
    long parse(CharSequence text);

    /** As {@link #parse(CharSequence)}, from {@code length} characters of {@code chars} at {@code offset}. */
    default long parse(char[] chars, int offset, int length) {
        return parse(new String(chars, offset, length));
    }

    /** Formats a tick for output files. */
    String format(long tick);

    /** Parses a span such as {@code 3h}, {@code 24h}, {@code 10m}, {@code 1d}, {@code PT3H} or {@code 30} (cycles). */
    long parseSpan(String text);

    /** Ticks in one of the axis' natural units: one cycle, or one hour. */
    long naturalUnit();

    /**
     * A span for people, the inverse of {@link #parseSpan}: {@code 30 cycles}, or on a clock the largest unit that
     * divides it ({@code 48 h}, {@code 90 min}, {@code 5 s}, {@code 250 ms}, else microseconds).
     */
    String formatSpan(long ticks);

    /** Integer cycles (C-MAPSS style): ticks are cycle numbers. */
    record Cycles() implements TimeAxis {
        /** 2^63: the first double a {@code long} cannot hold. */
        private static final double TWO_TO_63 = 0x1p63;

        @Override
        public long parse(CharSequence text) {
            String s = text.toString().trim();
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                // Files often write cycles as 1.0
                double d;
                try {
                    d = Double.parseDouble(s);
                } catch (NumberFormatException notANumber) {
                    throw new IllegalArgumentException("expected a whole cycle number, found '" + s + "'");
                }
                if (d != Math.rint(d) || Double.isInfinite(d)) {
                    throw new IllegalArgumentException("expected a whole cycle number, found '" + s + "'");
                }
                if (!(d >= -TWO_TO_63 && d < TWO_TO_63)) {   // a cast would saturate to Long.MIN_VALUE or MAX_VALUE
                    throw new IllegalArgumentException("cycle number '" + s + "' is out of range");
                }
                return (long) d;
            }
        }

        @Override
        public String format(long tick) {
            return Long.toString(tick);
        }

        @Override
        public long parseSpan(String text) {
            String s = text.trim();
            String digits = s.endsWith("cycles") ? s.substring(0, s.length() - 6).trim() : s;
            try {
                long n = Long.parseLong(digits);
                if (n < 0) {
                    throw new InvalidSpecException("span '" + text + "' must not be negative");
                }
                return n;
            } catch (NumberFormatException e) {
                throw new InvalidSpecException("on a cycle axis a span is a whole number of cycles, found '" + text + "'");
            }
        }

        @Override
        public long naturalUnit() {
            return 1;
        }

        @Override
        public String formatSpan(long ticks) {
            return ticks + (ticks == 1 ? " cycle" : " cycles");
        }
    }

    /**
     * Wall-clock timestamps, ISO-8601 ({@code 2015-10-01T06:00:00Z}, offsets allowed) or
     * {@code yyyy-MM-dd HH:mm:ss[.SSS]}; times without an offset are read in {@code zone}.
     */
    record Timestamps(ZoneId zone) implements TimeAxis {
        public static final long MICROS_PER_SECOND = 1_000_000L;
        public static final long MICROS_PER_HOUR = 3_600L * MICROS_PER_SECOND;
        private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .append(DateTimeFormatter.ISO_LOCAL_DATE)
                .optionalStart().appendLiteral('T').optionalEnd()
                .optionalStart().appendLiteral(' ').optionalEnd()
                .append(DateTimeFormatter.ISO_LOCAL_TIME)
                .optionalStart().appendOffsetId().optionalEnd()
                .optionalStart().appendLiteral('[').parseCaseSensitive().appendZoneRegionId().appendLiteral(']').optionalEnd()
                .toFormatter(Locale.ROOT);
        private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

        public Timestamps {
            Objects.requireNonNull(zone, "zone");
        }

        /** Timestamps read in UTC. */
        public static Timestamps utc() {
            return new Timestamps(ZoneOffset.UTC);
        }

        @Override
        public long parse(CharSequence text) {
            String s = text.toString().trim();
            if (s.length() == 19 && s.charAt(4) == '-' && s.charAt(10) == ' ' && isUtc()) {
                return fastUtc(s);
            }
            try {
                TemporalAccessor t = LOCAL.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
                Instant instant = t instanceof OffsetDateTime odt ? odt.toInstant()
                        : ((LocalDateTime) t).atZone(zone).toInstant();
                return micros(instant, s);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "expected a timestamp like 2015-10-01 06:00:00 or 2015-10-01T06:00:00Z, found '" + s + "'");
            }
        }

        /**
         * An instant as ticks; one that microseconds since the epoch in a {@code long} cannot hold (beyond about
         * ±292,000 years, as ISO-8601 allows up to year ±999,999,999) is refused rather than wrapped around.
         */
        private static long micros(Instant instant, String text) {
            try {
                return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), MICROS_PER_SECOND), instant.getNano() / 1_000);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("timestamp '" + text + "' is out of range: times are kept to the"
                        + " microsecond within about 292,000 years of 1970");
            }
        }

        /**
         * As {@link #parse(CharSequence)}; the common {@code yyyy-MM-dd HH:mm:ss} in UTC is read from the characters
         * without making a String (a parser's buffer, on the scoring route). Anything else, valid or not, is parsed
         * from its String, so results and messages are the same.
         */
        @Override
        public long parse(char[] chars, int offset, int length) {
            int a = offset;
            int b = offset + length;
            while (a < b && chars[a] <= ' ') {   // as String.trim
                a++;
            }
            while (b > a && chars[b - 1] <= ' ') {
                b--;
            }
            if (b - a == 19 && chars[a + 4] == '-' && chars[a + 7] == '-' && chars[a + 10] == ' ' && chars[a + 13] == ':'
                    && chars[a + 16] == ':' && isUtc()) {
                int y = digits(chars, a, 4);
                int mo = digits(chars, a + 5, 2);
                int d = digits(chars, a + 8, 2);
                int h = digits(chars, a + 11, 2);
                int mi = digits(chars, a + 14, 2);
                int se = digits(chars, a + 17, 2);
                if ((y | mo | d | h | mi | se) >= 0 && mo >= 1 && mo <= 12 && h <= 23 && mi <= 59 && se <= 59 && d >= 1
                        && d <= monthLength(y, mo)) {
                    return ((epochDay(y, mo, d) * 24 + h) * 3600 + mi * 60L + se) * MICROS_PER_SECOND;
                }
            }
            return parse(new String(chars, offset, length));
        }

        /** The value of {@code n} ASCII digits, or -1 when one is not a digit. */
        private static int digits(char[] chars, int at, int n) {
            int v = 0;
            for (int i = at; i < at + n; i++) {
                int digit = chars[i] - '0';
                if (digit < 0 || digit > 9) {
                    return -1;
                }
                v = 10 * v + digit;
            }
            return v;
        }

        /** Whether the zone is UTC (for an offset without {@code normalized()}, which builds a ZoneRules each call). */
        private boolean isUtc() {
            return zone instanceof ZoneOffset ? zone.equals(ZoneOffset.UTC) : zone.normalized().equals(ZoneOffset.UTC);
        }

        /** The common {@code yyyy-MM-dd HH:mm:ss} in UTC without the formatter's allocations (hot path of big files). */
        private static long fastUtc(String s) {
            try {
                int y = Integer.parseInt(s, 0, 4, 10);
                int mo = Integer.parseInt(s, 5, 7, 10);
                int d = Integer.parseInt(s, 8, 10, 10);
                int h = Integer.parseInt(s, 11, 13, 10);
                int mi = Integer.parseInt(s, 14, 16, 10);
                int se = Integer.parseInt(s, 17, 19, 10);
                if (s.charAt(7) != '-' || s.charAt(13) != ':' || s.charAt(16) != ':') {
                    throw new NumberFormatException();
                }
                ChronoField.MONTH_OF_YEAR.checkValidValue(mo);
                ChronoField.HOUR_OF_DAY.checkValidValue(h);
                ChronoField.MINUTE_OF_HOUR.checkValidValue(mi);
                ChronoField.SECOND_OF_MINUTE.checkValidValue(se);
                long days = epochDay(y, mo, d);
                return ((days * 24 + h) * 3600 + mi * 60L + se) * MICROS_PER_SECOND;
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("expected a timestamp like 2015-10-01 06:00:00, found '" + s + "'");
            }
        }

        /**
         * Days from 1970-01-01 to a valid date (as {@code LocalDate.of(y, m, d).toEpochDay()}, without the object): the
         * civil-calendar count of H. Hinnant's {@code days_from_civil}.
         *
         * @throws NumberFormatException when the day is not in the month
         */
        static long epochDay(int y, int m, int d) {
            if (d < 1 || d > monthLength(y, m)) {
                throw new NumberFormatException();
            }
            long year = m <= 2 ? y - 1L : y;
            long era = Math.floorDiv(year, 400);
            long yearOfEra = year - era * 400;
            long dayOfYear = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
            long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
            return era * 146_097 + dayOfEra - 719_468;
        }

        private static int monthLength(int y, int m) {
            return m == 2 ? (Year.isLeap(y) ? 29 : 28) : m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
        }

        @Override
        public String format(long tick) {
            Instant i = Instant.ofEpochSecond(Math.floorDiv(tick, MICROS_PER_SECOND), Math.floorMod(tick, MICROS_PER_SECOND) * 1000);
            return OUT.format(i.atZone(zone));
        }

        @Override
        public long parseSpan(String text) {
            String s = text.trim();
            try {
                if (s.startsWith("P") || s.startsWith("p")) {
                    return Duration.parse(s).toNanos() / 1000;
                }
                int split = 0;
                while (split < s.length() && (Character.isDigit(s.charAt(split)) || s.charAt(split) == '.')) {
                    split++;
                }
                double amount = Double.parseDouble(s.substring(0, split));
                long unit = switch (s.substring(split).trim().toLowerCase(Locale.ROOT)) {
                    case "us" -> 1L;
                    case "ms" -> 1_000L;
                    case "s" -> MICROS_PER_SECOND;
                    case "m", "min" -> 60 * MICROS_PER_SECOND;
                    case "h" -> MICROS_PER_HOUR;
                    case "d" -> 24 * MICROS_PER_HOUR;
                    default -> throw new NumberFormatException();
                };
                return Math.round(amount * unit);
            } catch (RuntimeException e) {
                throw new InvalidSpecException("expected a duration such as 3h, 24h, 10m, 1d or PT3H, found '" + text + "'");
            }
        }

        @Override
        public long naturalUnit() {
            return MICROS_PER_HOUR;
        }

        @Override
        public String formatSpan(long ticks) {
            if (ticks % MICROS_PER_HOUR == 0) {
                return ticks / MICROS_PER_HOUR + " h";
            }
            if (ticks % (60 * MICROS_PER_SECOND) == 0) {
                return ticks / (60 * MICROS_PER_SECOND) + " min";
            }
            if (ticks % MICROS_PER_SECOND == 0) {
                return ticks / MICROS_PER_SECOND + " s";
            }
            return ticks % 1_000 == 0 ? ticks / 1_000 + " ms" : ticks + " us";
        }
    }
}
