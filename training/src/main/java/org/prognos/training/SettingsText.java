package org.prognos.training;

import java.lang.reflect.RecordComponent;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Settings records as a job's log shows them: {@code trees 300, eta 0.05, maxDepth 6}, never Java's
 * {@code Xgboost[trees=300, ...]}. A nested record is written in parentheses; numbers in the fewest digits that give
 * them back.
 */
final class SettingsText {
    private SettingsText() {
    }

    /** A record's components, {@code name value} each; anything else as its own {@code toString}. */
    static String of(Object settings) {
        if (!(settings instanceof Record r)) {
            return String.valueOf(settings);
        }
        StringJoiner text = new StringJoiner(", ");
        for (RecordComponent c : settings.getClass().getRecordComponents()) {
            text.add(c.getName() + " " + value(read(c, r)));
        }
        return text.toString();
    }

    private static String value(Object v) {
        if (v instanceof Record r) {
            return "(" + of(r) + ")";
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%.1f", d) : Double.toString(d);
        }
        return String.valueOf(v);
    }

    private static Object read(RecordComponent c, Record r) {
        try {
            c.getAccessor().setAccessible(true);
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            return "?";
        }
    }
}
