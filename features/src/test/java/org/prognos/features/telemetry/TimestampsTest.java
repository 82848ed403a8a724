package org.prognos.features.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    @Test
    void day_count_equals_java_time_on_every_day_of_four_centuries_and_refuses_days_outside_the_month() {
        for (LocalDate d = LocalDate.of(1800, 1, 1); d.getYear() < 2200; d = d.plusDays(1)) {
            assertEquals(d.toEpochDay(), TimeAxis.Timestamps.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()), d.toString());
        }
        assertEquals(LocalDate.of(0, 3, 1).toEpochDay(), TimeAxis.Timestamps.epochDay(0, 3, 1));
        for (int[] bad : new int[][] {{2015, 2, 29}, {1900, 2, 29}, {2015, 4, 31}, {2015, 1, 0}, {2015, 12, 32}}) {
            assertThrows(NumberFormatException.class, () -> TimeAxis.Timestamps.epochDay(bad[0], bad[1], bad[2]));
        }
        assertEquals(LocalDate.of(2000, 2, 29).toEpochDay(), TimeAxis.Timestamps.epochDay(2000, 2, 29));
    }

    @Test
    void the_fast_text_path_equals_the_formatter_and_refuses_impossible_dates() {
        TimeAxis.Timestamps utc = TimeAxis.Timestamps.utc();
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(rng.nextLong(-2_000_000_000L, 4_000_000_000L), 0, ZoneOffset.UTC);
            String text = String.format("%04d-%02d-%02d %02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                    t.getHour(), t.getMinute(), t.getSecond());
            assertEquals(t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L, utc.parse(text), text);
            assertEquals(utc.parse(text.replace(' ', 'T') + "Z"), utc.parse(text), text);
        }
        assertThrows(IllegalArgumentException.class, () -> utc.parse("2015-02-29 00:00:00"));
        assertThrows(IllegalArgumentException.class, () -> utc.parse("2015-13-01 00:00:00"));
        assertThrows(IllegalArgumentException.class, () -> utc.parse("2015-01-01 24:00:00"));
    }

    /** The result of parsing, or the message of the refusal. */
    private static String outcome(java.util.function.LongSupplier parse) {
        try {
            return Long.toString(parse.getAsLong());
        } catch (IllegalArgumentException e) {
            return "refused: " + e.getMessage();
        }
    }

    @Test
    void reading_from_characters_equals_reading_the_string_valid_or_not() {
        SplittableRandom rng = new SplittableRandom(5);
        String alphabet = "0123456789-: T+Z.\u0661x";
        java.util.List<TimeAxis> axes = java.util.List.of(TimeAxis.Timestamps.utc(), new TimeAxis.Timestamps(java.time.ZoneId.of("Europe/Paris")),
                new TimeAxis.Cycles());
        for (int i = 0; i < 50_000; i++) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(rng.nextLong(-2_000_000_000L, 4_000_000_000L), 0, ZoneOffset.UTC);
            char[] text = String.format("%04d-%02d-%02d %02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                    t.getHour(), t.getMinute(), t.getSecond()).toCharArray();
            for (int k = rng.nextInt(3); k > 0; k--) {   // damage some: other characters, impossible fields
                text[rng.nextInt(text.length)] = alphabet.charAt(rng.nextInt(alphabet.length()));
            }
            String padded = (rng.nextBoolean() ? " " : "") + new String(text) + (rng.nextBoolean() ? "\t" : "");
            char[] buffer = ("xx" + padded + "yy").toCharArray();
            for (TimeAxis axis : axes) {
                assertEquals(outcome(() -> axis.parse(padded)), outcome(() -> axis.parse(buffer, 2, padded.length())), padded);
            }
        }
        assertEquals(outcome(() -> TimeAxis.Timestamps.utc().parse("")), outcome(() -> TimeAxis.Timestamps.utc().parse(new char[0], 0, 0)));
    }

    @Test
    void times_beyond_what_a_long_of_microseconds_holds_are_refused_not_wrapped_around() {
        TimeAxis.Timestamps utc = TimeAxis.Timestamps.utc();
        for (String t : new String[] {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "+294248-01-01T00:00:00Z",
                "-290309-01-01T00:00:00Z", "+999999999-12-31 23:59:59"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> utc.parse(t), t);
            assertTrue(e.getMessage().contains("out of range"), e.getMessage());
        }
        assertEquals(java.time.Instant.parse("+294247-01-01T00:00:00Z").getEpochSecond() * 1_000_000L,
                utc.parse("+294247-01-01T00:00:00Z"), "the last years a long holds still parse");
        for (String t : new String[] {"99999999999999999999", "1e300", "NaN", "Infinity", "-Infinity"}) {
            assertThrows(IllegalArgumentException.class, () -> utc.parse(t), t);
        }
    }

    @Test
    void cycles_a_long_cannot_hold_are_refused_not_saturated() {
        TimeAxis.Cycles cycles = new TimeAxis.Cycles();
        assertEquals(Long.MAX_VALUE, cycles.parse("9223372036854775807"));
        assertEquals(42, cycles.parse("42.0"));
        for (String t : new String[] {"9223372036854775808", "9.223372036854775807E18", "1e300", "1.7976931348623157E308",
                "-1e19", "NaN", "Infinity", "-Infinity", "1e400"}) {
            assertThrows(IllegalArgumentException.class, () -> cycles.parse(t), t);
        }
    }
}
