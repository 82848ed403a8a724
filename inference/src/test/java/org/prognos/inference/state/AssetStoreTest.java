package org.prognos.inference.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.prognos.inference.metrics.ServiceMetrics;

/** The memory budget: past it, the least recently used asset goes first, unless it has an open alert. */
class AssetStoreTest {
    final AtomicLong clock = new AtomicLong();
    final List<String> forgotten = new ArrayList<>();

    AssetStore store(int maxAssets, long maxBytes) {
        return new AssetStore(maxAssets, maxBytes, Long.MAX_VALUE, clock::incrementAndGet, new ServiceMetrics(), forgotten::add);
    }

    @Test
    void past_the_budget_the_least_recently_used_asset_is_evicted_but_not_forgotten_on_disk() {
        AssetStore s = store(100, 3 * 1000 + 10);
        for (String a : List.of("a", "b", "c")) {
            AssetSlot slot = s.getOrCreate(a);
            s.resized(slot, 1000);
        }
        assertEquals(3, s.size());
        s.get("a");
        AssetSlot d = s.getOrCreate("d");
        s.resized(d, 1000);
        assertEquals(List.of("c", "a", "d"), assets(s), "b was the least recently used");
        assertEquals(List.of(), forgotten, "evicted for room: what the disk keeps stays");
        assertEquals(3000, s.bytes());
    }

    @Test
    void an_asset_with_an_open_alert_is_evicted_after_idle_ones() {
        AssetStore s = store(3, Long.MAX_VALUE);
        s.protect(Set.of("a", "b")::contains);
        s.getOrCreate("a");
        s.getOrCreate("b");
        s.getOrCreate("c");
        s.getOrCreate("d");
        assertEquals(List.of("a", "b", "d"), assets(s), "c had no open alert: it went first");
        s.protect(Set.of("a", "b", "d")::contains);
        s.getOrCreate("e");
        assertEquals(List.of("b", "d", "e"), assets(s), "all have open alerts: the least recently used goes anyway");
    }

    @Test
    void an_idle_asset_is_forgotten_on_disk_too() {
        AssetStore s = new AssetStore(100, Long.MAX_VALUE, 5, clock::incrementAndGet, new ServiceMetrics(), forgotten::add);
        s.getOrCreate("old");
        clock.addAndGet(100);
        s.getOrCreate("new");
        assertEquals(1, s.sweep());
        assertEquals(List.of("old"), forgotten);
    }

    static List<String> assets(AssetStore s) {
        return s.snapshot().stream().map(slot -> slot.asset).toList();
    }
}
