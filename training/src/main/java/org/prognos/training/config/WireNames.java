package org.prognos.training.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.prognos.features.InvalidSpecException;

/**
 * The names a job config spells its enums' constants with: lower case, words joined by '-'
 * ({@code RANDOM_FOREST} is {@code random-forest}). An unknown name is an error naming the field and every valid name.
 */
final class WireNames {
    private WireNames() {
    }

    /** {@code constant}'s name in a config. */
    static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The constant of {@code type} spelled {@code text} in a config.
     *
     * @param field the field's path in the config, for the error ({@code split.method})
     * @throws InvalidSpecException naming the field, every valid name and what was found
     */
    static <E extends Enum<E>> E parse(Class<E> type, String field, String text) {
        for (E e : type.getEnumConstants()) {
            if (of(e).equals(text)) {
                return e;
            }
        }
        throw new InvalidSpecException("'" + field + "' must be " + alternatives(type) + ", found '" + text + "'");
    }

    /** {@code a or b} for two names, {@code one of [a, b, c]} for more. */
    static String alternatives(Class<? extends Enum<?>> type) {
        List<String> names = new ArrayList<>();
        for (Enum<?> e : type.getEnumConstants()) {
            names.add(of(e));
        }
        return names.size() == 2 ? names.get(0) + " or " + names.get(1) : "one of " + names;
    }
}
