package org.prognos.features.io;

import java.nio.CharBuffer;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.telemetry.TimeAxis;

/** Turning cells into times and numbers, with messages that say where and what was expected. */
final class Cells {
    private Cells() {
    }

    /** Empty, {@code NaN}, {@code NA} or {@code null} (any case) between {@code s} and {@code e}. */
    static boolean isMissing(char[] c, int s, int e) {
        int len = e - s;
        // numbers are usually longer than 4 characters: decide those without wrapping the array
        return len == 0 || len <= 4 && isMissing(CharBuffer.wrap(c), s, e);
    }

    /** The same test on a string, ignoring surrounding whitespace, without allocating. */
    static boolean isMissing(String text) {
        int s = 0;
        int e = text.length();
        while (s < e && text.charAt(s) <= ' ') {
            s++;
        }
        while (e > s && text.charAt(e - 1) <= ' ') {
            e--;
        }
        return isMissing(text, s, e);
    }

    private static boolean isMissing(CharSequence c, int s, int e) {
        int len = e - s;
        return len == 0
                || len == 2 && lower(c.charAt(s)) == 'n' && lower(c.charAt(s + 1)) == 'a'
                || len == 3 && lower(c.charAt(s)) == 'n' && lower(c.charAt(s + 1)) == 'a' && lower(c.charAt(s + 2)) == 'n'
                || len == 4 && lower(c.charAt(s)) == 'n' && lower(c.charAt(s + 1)) == 'u'
                        && lower(c.charAt(s + 2)) == 'l' && lower(c.charAt(s + 3)) == 'l';
    }

    private static char lower(char c) {
        return (char) (c | 0x20);
    }

    /** How a cell is quoted in a message. */
    static String describe(String text) {
        return text.isBlank() ? "an empty cell" : "'" + text + "'";
    }

    /**
     * The value of a channel cell: {@code NaN} when missing (or a failure under {@link ReadPolicy.MissingValues#FAIL}),
     * otherwise a number.
     */
    static double value(CsvRow row, int i, String channel, ReadPolicy.MissingValues policy, String source) {
        if (row.isMissing(i)) {
            if (policy == ReadPolicy.MissingValues.FAIL) {
                throw missing(source, row.line(), i + 1, channel, row.text(i));
            }
            return Double.NaN;
        }
        String text = row.text(i);
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw notANumber(source, row.line(), i + 1, channel, text);
        }
    }

    /** The same for a cell that is already a string (whitespace-separated formats). */
    static double value(String text, String source, long line, int column, String channel,
                        ReadPolicy.MissingValues policy) {
        if (isMissing(text)) {
            if (policy == ReadPolicy.MissingValues.FAIL) {
                throw missing(source, line, column, channel, text);
            }
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw notANumber(source, line, column, channel, text);
        }
    }

    private static InvalidTelemetryException missing(String source, long line, int column, String channel, String text) {
        return new InvalidTelemetryException(source, line, column, "expected a value for channel '" + channel
                + "', found " + describe(text) + " (missing values are not allowed by ReadPolicy.MissingValues.FAIL)");
    }

    private static InvalidTelemetryException notANumber(String source, long line, int column, String channel, String text) {
        return new InvalidTelemetryException(source, line, column,
                "expected a number for channel '" + channel + "', found " + describe(text));
    }

    /** A time cell parsed on {@code axis}. */
    static long time(TimeAxis axis, String text, String source, long line, int column) {
        if (text.isBlank()) {
            throw new InvalidTelemetryException(source, line, column, "expected a time, found an empty cell");
        }
        try {
            return axis.parse(text);
        } catch (NumberFormatException e) {
            throw new InvalidTelemetryException(source, line, column, "expected "
                    + (axis instanceof TimeAxis.Cycles ? "a whole cycle number" : "a time") + ", found '" + text.strip() + "'");
        } catch (IllegalArgumentException e) {
            throw new InvalidTelemetryException(source, line, column, e.getMessage());
        }
    }

    /** A non-empty text cell such as an asset id or an event code. */
    static String text(CsvRow row, int i, String what, String source) {
        if (row.isBlank(i)) {
            throw new InvalidTelemetryException(source, row.line(), i + 1, "expected " + what + ", found an empty cell");
        }
        return row.text(i);
    }
}
