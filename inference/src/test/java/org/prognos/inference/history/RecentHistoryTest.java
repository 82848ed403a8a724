package org.prognos.inference.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.UnknownAssetException;
import org.prognos.inference.api.AssetHistory;
import org.prognos.inference.scoring.ReadingWindow;
import org.prognos.inference.scoring.WindowSchema;
import org.prognos.inference.state.AssetScore;
import org.prognos.inference.store.StateDb;
import org.prognos.inference.tenant.AssetKey;
import org.prognos.models.runtime.answer.ModelRef;

/**
 * The history's bounds, on synthetic windows (edge cases of the ring buffers, not model behaviour): each asset keeps
 * its last {@code points} scores and readings, oldest first, missing values as null; past {@code maxAssets} or
 * {@code maxBytes} a new asset takes the least risky one's place only when riskier; a window of other channels starts
 * the asset's trail anew; clearing an asset forgets it.
 */
class RecentHistoryTest {
    static final WindowSchema TWO = schema("temp", "vib");
    static final WindowSchema THREE = schema("temp", "vib", "amps");
    static final ModelRef PUMP = new ModelRef("pump", 1);
    /** The history adds nothing to a commit's batch; a batch that keeps nothing proves it. */
    static final StateDb.Batch NO_BATCH = new StateDb.Batch() {
        @Override
        public void put(StateDb.Family family, byte[] key, byte[] value) {
            throw new AssertionError("the history writes nothing");
        }

        @Override
        public void delete(StateDb.Family family, byte[] key) {
            throw new AssertionError("the history writes nothing");
        }

        @Override
        public void deleteRange(StateDb.Family family, byte[] from, byte[] to) {
            throw new AssertionError("the history writes nothing");
        }
    };

    static WindowSchema schema(String... channels) {
        Map<String, Integer> index = new java.util.HashMap<>();
        IntStream.range(0, channels.length).forEach(i -> index.put(channels[i], i));
        return new WindowSchema("pump", List.of(channels), index, new TimeAxis.Cycles(), false);
    }

    /** A window of cycles [from, to) whose values are the cycle number on every channel. */
    static ReadingWindow window(WindowSchema schema, long from, long to) {
        long[] times = LongStream.range(from, to).toArray();
        int w = schema.channels().size();
        double[] values = new double[times.length * w];
        for (int i = 0; i < values.length; i++) {
            values[i] = times[i / w];
        }
        return new ReadingWindow(schema, Optional.empty(), times, values, List.of(), Map.of(), OptionalLong.empty(), List.of());
    }

    static AssetScore score(String asset, ReadingWindow w, double risk) {
        long t = w.times()[w.times().length - 1];
        return new AssetScore(AssetKey.of(asset).id(), PUMP, t, Long.toString(t), risk, "low", 0.5, Optional.empty(), w);
    }

    static void feed(RecentHistory h, AssetScore... scores) {
        h.scored(List.of(scores), NO_BATCH).run();
    }

    @Test
    void keeps_the_last_points_scores_and_readings_oldest_first() {
        RecentHistory h = new RecentHistory(10, 4, Long.MAX_VALUE);
        feed(h, score("p1", window(TWO, 0, 3), 0.1));
        feed(h, score("p1", window(TWO, 3, 9), 0.2));
        feed(h, score("p1", window(TWO, 9, 10), 0.3));
        AssetHistory a = h.of(AssetKey.of("p1"));
        assertEquals(4, a.capacity());
        assertEquals(List.of("2", "8", "9"), a.scores().times());
        assertEquals(List.of(0.1, 0.2, 0.3), a.scores().risks());
        assertEquals(List.of("6", "7", "8", "9"), a.readings().times(), "the last four readings");
        assertEquals(List.of(6.0, 7.0, 8.0, 9.0), a.readings().values().get("vib"));
        feed(h, score("p1", window(TWO, 10, 12), 0.4), score("p1", window(TWO, 12, 13), 0.5));
        assertEquals(List.of("8", "9", "11", "12"), h.of(AssetKey.of("p1")).scores().times(), "the ring wrapped");
    }

    @Test
    void a_missing_value_is_null() {
        RecentHistory h = new RecentHistory(10, 4, Long.MAX_VALUE);
        ReadingWindow w = new ReadingWindow(TWO, Optional.empty(), new long[] {1}, new double[] {Double.NaN, 2}, List.of(), Map.of(),
                OptionalLong.empty(), List.of());
        feed(h, score("p1", w, 0.1));
        assertNull(h.of(AssetKey.of("p1")).readings().values().get("temp").get(0));
        assertEquals(2.0, h.of(AssetKey.of("p1")).readings().values().get("vib").get(0));
    }

    @Test
    void once_full_a_new_asset_takes_the_place_of_the_least_risky_only_when_riskier() {
        RecentHistory h = new RecentHistory(2, 4, Long.MAX_VALUE);
        feed(h, score("a", window(TWO, 0, 1), 0.3), score("b", window(TWO, 0, 1), 0.1));
        feed(h, score("c", window(TWO, 0, 1), 0.2));
        assertEquals(2, h.assets());
        assertThrows(UnknownAssetException.class, () -> h.of(AssetKey.of("b")), "the least risky went");
        feed(h, score("d", window(TWO, 0, 1), 0.05));
        assertThrows(UnknownAssetException.class, () -> h.of(AssetKey.of("d")), "a healthier newcomer is not kept");
        feed(h, score("a", window(TWO, 1, 2), 0.01));
        feed(h, score("e", window(TWO, 0, 1), 0.15));
        assertThrows(UnknownAssetException.class, () -> h.of(AssetKey.of("a")), "a kept asset that got healthier made room");
        assertEquals(List.of(0.2), h.of(AssetKey.of("c")).scores().risks());
        assertEquals(List.of(0.15), h.of(AssetKey.of("e")).scores().risks());
    }

    @Test
    void past_max_bytes_the_least_risky_go_and_one_trail_is_kept_however_small_the_budget() {
        long one = Trail.bytes(2, 4);
        RecentHistory h = new RecentHistory(100, 4, 2 * one);
        feed(h, score("a", window(TWO, 0, 1), 0.1), score("b", window(TWO, 0, 1), 0.2), score("c", window(TWO, 0, 1), 0.3));
        assertEquals(2, h.assets());
        assertEquals(2 * one, h.bytes());
        assertThrows(UnknownAssetException.class, () -> h.of(AssetKey.of("a")));
        RecentHistory tiny = new RecentHistory(100, 4, 1);
        feed(tiny, score("a", window(TWO, 0, 1), 0.1), score("b", window(TWO, 0, 1), 0.2));
        assertEquals(1, tiny.assets(), "one trail over the budget is kept: the riskiest asset has its history");
        assertEquals(1, tiny.of(AssetKey.of("b")).readings().times().size());
    }

    @Test
    void readings_of_other_channels_start_the_trail_anew_and_clearing_forgets_it() {
        RecentHistory h = new RecentHistory(10, 4, Long.MAX_VALUE);
        feed(h, score("p1", window(TWO, 0, 3), 0.1));
        feed(h, score("p1", window(THREE, 3, 4), 0.2));
        AssetHistory a = h.of(AssetKey.of("p1"));
        assertEquals(List.of("temp", "vib", "amps"), a.readings().channels());
        assertEquals(List.of("3"), a.readings().times());
        assertEquals(List.of(0.2), a.scores().risks());
        assertEquals(Trail.bytes(3, 4), h.bytes(), "the old trail's bytes given back");
        h.cleared(AssetKey.of("p1").id(), Long::toString, NO_BATCH).run();
        UnknownAssetException e = assertThrows(UnknownAssetException.class, () -> h.of(AssetKey.of("p1")));
        assertTrue(e.getMessage().contains("'p1'"), e.getMessage());
        assertEquals(0, h.bytes());
    }

    @Test
    void the_bounds_must_be_positive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RecentHistory(0, 4, 10));
        assertTrue(e.getMessage().contains("positive"), e.getMessage());
    }
}
