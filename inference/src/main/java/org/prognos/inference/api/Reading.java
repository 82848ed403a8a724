package org.prognos.inference.api;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * One reading: a time and a value per channel, by channel name. A channel present with {@code null} is a missing
 * value (NaN to the features); a channel absent altogether is an error naming it.
 *
 * @param time   a timestamp ({@code 2015-12-01 03:00:00}, ISO-8601 with or without offset) or a cycle number
 * @param values channel name to value
 */
public record Reading(String time, Map<String, Double> values) {
    public Reading {
        values = values == null ? Map.of() : Collections.unmodifiableMap(new HashMap<>(values));
    }
}
