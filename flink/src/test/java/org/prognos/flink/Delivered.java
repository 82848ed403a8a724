package org.prognos.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What an at-least-once sink delivered, as the tests read it back: each element once by its key (a score's
 * {@code asset@time}, an alert's delivery key). After a restore a sink writes again what it wrote since the checkpoint,
 * so a key may come more than once; every copy must then carry the same value, or the job applied something twice.
 */
final class Delivered {
    private Delivered() {
    }

    /** The value of each key of {@code delivered}; fails when two copies of a key carry different values. */
    static <T, V> Map<String, V> byKey(Collection<T> delivered, Function<T, String> key, Function<T, V> value) {
        Map<String, V> out = new TreeMap<>();
        for (T element : delivered) {
            String k = key.apply(element);
            V v = value.apply(element);
            V before = out.putIfAbsent(k, v);
            if (before != null) {
                assertEquals(before, v, "copies of " + k + " differ");
            }
        }
        return out;
    }
}
