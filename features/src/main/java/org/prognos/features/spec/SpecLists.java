package org.prognos.features.spec;

import java.util.List;
import org.prognos.features.InvalidSpecException;

/** Validation helpers shared by the spec records. */
final class SpecLists {
    private SpecLists() {
    }

    static <T> List<T> nonEmpty(String field, List<T> list) {
        if (list == null || list.isEmpty()) {
            throw new InvalidSpecException("'" + field + "' must list at least one entry");
        }
        for (T t : list) {
            if (t == null) {
                throw new InvalidSpecException("'" + field + "' must not contain null");
            }
        }
        return List.copyOf(list);
    }

    static void required(String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new InvalidSpecException("'" + field + "' is required");
        }
    }
}
