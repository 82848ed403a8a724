package org.prognos.features.extract;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.window.Stat;

/**
 * The words of a feature's label for people ("vibration, 24 h mean", "days since comp3 replaced"), used by
 * {@link GroupPlan} where it names each column, so a column's name and its label come from one definition.
 * Labels are for reports and pages; the column name stays the key of vectors, bundles and the wire.
 */
final class Labels {
    private static final Pattern SPAN = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)");

    private Labels() {
    }

    /** A window name as people write it: {@code 24h} → {@code 24 h}; a name that is not a span stays as it is. */
    static String window(String window) {
        Matcher m = SPAN.matcher(window.trim());
        return m.matches() && !m.group(2).isEmpty() ? m.group(1) + " " + m.group(2) : window;
    }

    /** A statistic in words: {@code std} → {@code std dev}, {@code last} → {@code last value}. */
    static String stat(Stat stat) {
        return switch (stat) {
            case LAST -> "last value";
            case STD -> "std dev";
            case RMS -> "RMS";
            case CREST -> "crest factor";
            case COUNT -> "reading count";
            default -> stat.label();
        };
    }

    /**
     * The plural unit of a span such as {@code 1d} ({@code days}), {@code 1h} ({@code hours}) or {@code 1}
     * ({@code cycles}); another multiple reads {@code units of 6h}.
     */
    static String unit(String span) {
        Matcher m = SPAN.matcher(span.trim());
        if (!m.matches()) {
            return "units of " + span;
        }
        String word = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "", "c", "cycle", "cycles" -> "cycles";
            case "ms" -> "milliseconds";
            case "s" -> "seconds";
            case "m", "min" -> "minutes";
            case "h" -> "hours";
            case "d" -> "days";
            case "w" -> "weeks";
            default -> null;
        };
        return word != null && Double.parseDouble(m.group(1)) == 1 ? word : "units of " + span;
    }

    /** An event code in words: {@code *} is any code. */
    static String code(String code) {
        return code.equals("*") ? "any" : code;
    }

    /** What an event of {@code kind} with {@code code} means, as in "days since comp3 replaced". */
    static String since(EventKind kind, String code, String unit) {
        return switch (kind) {
            case MAINTENANCE -> unit + " since " + code(code) + " replaced";
            case FAILURE -> unit + " since " + code(code) + " failed";
            case ALARM -> unit + " since alarm " + code(code);
        };
    }

    /** How many events of {@code kind} with {@code code} fell in a window: "error1 alarms in 24 h". */
    static String count(EventKind kind, String code, String window) {
        String what = switch (kind) {
            case MAINTENANCE -> code(code) + " replacements";
            case FAILURE -> code(code) + " failures";
            case ALARM -> code(code) + " alarms";
        };
        return what + " in " + window(window);
    }
}
