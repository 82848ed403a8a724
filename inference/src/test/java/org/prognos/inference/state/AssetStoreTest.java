package org.prognos.inference.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.prognos.inference.metrics.ServiceMetrics;

/**
 * The memory budget: past it, the least recently used asset goes first, unless it has an open alert; with tenants, a
 * tenant makes room from its own assets (past its share, and past the service's bounds when it has another asset).
 */
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

    @Test
    void a_tenant_past_its_share_evicts_only_its_own_least_recently_used_assets() {
        AssetStore s = new AssetStore(100, 10_000, 0.5, Long.MAX_VALUE, clock::incrementAndGet, new ServiceMetrics(), forgotten::add);
        for (String a : List.of("a", "b", "c")) {
            s.resized(s.getOrCreate(a), 1000);
        }
        for (int i = 0; i < 40; i++) {   // a flood of made-up ids in tenant t
            s.resized(s.getOrCreate("t/fake-" + i), 1000);
        }
        assertEquals(List.of("a", "b", "c"), assets(s).stream().filter(a -> !a.startsWith("t/")).toList(),
                "the default tenant's assets stay");
        assertEquals(List.of("t/fake-35", "t/fake-36", "t/fake-37", "t/fake-38", "t/fake-39"),
                assets(s).stream().filter(a -> a.startsWith("t/")).toList(), "t keeps its 5 most recent (its 5,000-byte share)");
        assertEquals(5000, s.bytes("t"));
        assertEquals(3000, s.bytes("default"));
        assertEquals(8000, s.bytes());
    }

    @Test
    void past_the_service_bounds_a_tenant_makes_room_from_its_own_assets_unless_it_has_none() {
        AssetStore s = store(4, Long.MAX_VALUE);
        for (String a : List.of("a", "b", "c", "t/x")) {
            s.getOrCreate(a);
        }
        s.getOrCreate("u/x");
        assertEquals(List.of("b", "c", "t/x", "u/x"), sorted(assets(s)), "u had no other asset: the largest tenant gave room");
        s.getOrCreate("u/y");
        assertEquals(List.of("b", "c", "t/x", "u/y"), sorted(assets(s)), "u had another asset: it gave its own");
        s.get("b");
        s.getOrCreate("d");
        assertEquals(List.of("b", "d", "t/x", "u/y"), sorted(assets(s)), "the default tenant's least recently used went");
    }

    @Test
    void a_removed_asset_is_neither_tracked_nor_paged_out() {
        AssetStore s = store(100, Long.MAX_VALUE);
        AssetSlot a = s.getOrCreate("acme/a");
        s.resized(a, 700);
        assertEquals(700, s.bytes("acme"));
        assertEquals(true, s.remove(a));
        assertEquals(false, s.remove(a));
        assertEquals(0, s.size());
        assertEquals(0, s.bytes());
        assertEquals(false, s.takePagedOut("acme/a"));
        assertEquals("a", a.name);
        assertEquals("acme", a.tenant);
    }

    static List<String> sorted(List<String> l) {
        return l.stream().sorted().toList();
    }

    static List<String> assets(AssetStore s) {
        return s.snapshot().stream().map(slot -> slot.asset).toList();
    }
}
