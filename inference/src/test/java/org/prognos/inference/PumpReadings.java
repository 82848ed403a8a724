package org.prognos.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Readings for the {@code pump} test models (channels {@code temp} and {@code vib}, a cycle axis), as the streaming,
 * durable-state, tenant, admin, quota and MQTT tests send them. Synthetic on purpose, as the pump models are: the
 * tests check what the service does with an asset's stream, not what the numbers mean.
 */
public final class PumpReadings {
    private PumpReadings() {
    }

    /** One reading a cycle from {@code from} to {@code to} inclusive: temp {@code temp + c % 3}, vib {@code 60 + c % 5}. */
    public static List<Map<String, Object>> cycles(long from, long to, double temp) {
        List<Map<String, Object>> r = new ArrayList<>();
        for (long c = from; c <= to; c++) {
            r.add(Map.of("time", c, "values", Map.of("temp", temp + c % 3, "vib", 60 + c % 5)));
        }
        return r;
    }
}
