package org.prognos.live.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The alert rule on random score streams (both directions, K from 1 to 5, hysteresis 0 to 0.5, values around the
 * threshold): it opens exactly when K scores in a row are beyond the threshold, never holds two open alerts, does not
 * flap on values in the hysteresis band, and a tracker saved and restored at any point (even fed the same scores
 * again) answers the same transitions as one that never stopped.
 */
class AlertTrackerPropertyTest {
    static final double[] HYSTERESIS = {0, 0.1, 0.2, 0.5};

    /** A random rule and stream: values drawn beyond the threshold, in the band, or released, in runs. */
    record Scenario(AlertRule rule, Direction direction, double threshold, List<Observation> scores) {
    }

    static Scenario scenario(int k, long seed, int length) {
        SplittableRandom rng = new SplittableRandom(seed);
        AlertRule rule = new AlertRule(k, HYSTERESIS[rng.nextInt(HYSTERESIS.length)]);
        Direction dir = rng.nextBoolean() ? Direction.HIGH_IS_BAD : Direction.LOW_IS_BAD;
        double t = dir == Direction.HIGH_IS_BAD ? 0.05 + 0.9 * rng.nextDouble() : 5 + rng.nextInt(40);
        List<Observation> scores = new ArrayList<>();
        long tick = rng.nextInt(1000) - 500;
        int region = 0;
        for (int i = 0; i < length; i++) {
            if (rng.nextInt(3) == 0) {   // runs: keep the region two times in three
                region = rng.nextInt(3);
            }
            tick += 1 + rng.nextInt(5);
            scores.add(observation("a-1", "m", tick, valueIn(region, dir, t, rule.hysteresis(), rng), t, dir));
        }
        return new Scenario(rule, dir, t, scores);
    }

    /** A value beyond the threshold (0), in the band between it and the release level (1), or released (2). */
    static double valueIn(int region, Direction dir, double t, double h, SplittableRandom rng) {
        double level = dir.releaseLevel(t, h);
        double u = rng.nextDouble();
        if (dir == Direction.HIGH_IS_BAD) {
            return region == 0 ? t + u * (1 - t) : region == 1 && level < t ? level + u * (t - level) : u * level * 0.999;
        }
        return region == 0 ? u * t : region == 1 && level > t ? Math.nextUp(t) + u * (level - t) : level + 1 + u * 50;
    }

    static Observation observation(String asset, String model, long tick, double value, double threshold, Direction dir) {
        return new Observation(asset, model, 4, new DataTime(tick, "t" + tick), value, threshold, dir, Optional.of("comp2"),
                List.of(new Driver("vib_mean_3h", "vibration, 3 h mean", 0.1)), new Outlook.Failure("24h", value, Map.of("comp2", value)));
    }

    /** Transitions keyed by the index of the score that caused them. */
    record Change(int at, AlertTransition transition) {
    }

    static List<Change> run(AlertRule rule, List<Observation> scores) {
        AlertTracker t = new AlertTracker(rule, "a-1", "m");
        List<Change> out = new ArrayList<>();
        for (int i = 0; i < scores.size(); i++) {
            int at = i;
            t.observe(scores.get(i)).ifPresent(c -> out.add(new Change(at, c)));
        }
        return out;
    }

    /** The rule as the documentation words it, over the whole history at once. */
    static List<Integer> referenceChanges(Scenario s) {
        int k = s.rule().consecutive();
        List<Integer> at = new ArrayList<>();
        boolean open = false;
        int since = 0;   // index where the current phase (closed or open) started counting
        for (int i = 0; i < s.scores().size(); i++) {
            int inARow = 0;
            for (int j = i; j >= since && inARow < k; j--) {
                Observation o = s.scores().get(j);
                boolean counts = open ? s.direction().released(o.value(), o.threshold(), s.rule().hysteresis())
                        : s.direction().beyond(o.value(), o.threshold());
                if (!counts) {
                    break;
                }
                inARow++;
            }
            if (inARow == k) {
                at.add(i);
                open = !open;
                since = i + 1;
            }
        }
        return at;
    }

    @Property(tries = 400)
    void no_alert_opens_before_K_scores_in_a_row_beyond_the_threshold(@ForAll @IntRange(min = 1, max = 5) int k,
                                                                        @ForAll long seed) {
        Scenario s = scenario(k, seed, 120);
        List<Change> changes = run(s.rule(), s.scores());
        assertEquals(referenceChanges(s), changes.stream().map(Change::at).toList());
        for (Change c : changes) {
            if (c.transition() instanceof AlertTransition.Opened o) {
                assertTrue(c.at() >= k - 1);
                for (int j = c.at() - k + 1; j <= c.at(); j++) {
                    Observation before = s.scores().get(j);
                    assertTrue(s.direction().beyond(before.value(), before.threshold()), "score " + j + " opened " + c.at());
                }
                assertEquals(s.scores().get(c.at() - k + 1).time(), o.alert().firstBeyond());
                assertEquals(s.scores().get(c.at()).time(), o.alert().opened());
            }
        }
    }

    @Property(tries = 400)
    void one_asset_and_model_never_has_two_open_alerts(@ForAll @IntRange(min = 1, max = 5) int k, @ForAll long seed) {
        Scenario s = scenario(k, seed, 150);
        AlertTracker t = new AlertTracker(s.rule(), "a-1", "m");
        Optional<Alert> open = Optional.empty();
        Set<String> ids = new HashSet<>();
        for (Observation o : s.scores()) {
            Optional<AlertTransition> c = t.observe(o);
            if (c.isPresent() && c.get() instanceof AlertTransition.Opened opened) {
                assertTrue(open.isEmpty(), "opened while " + open + " is open");
                assertTrue(ids.add(opened.alert().id()), "a new alert has a new id");
                open = Optional.of(opened.alert());
            } else if (c.isPresent() && c.get() instanceof AlertTransition.Closed closed) {
                assertEquals(open.orElseThrow().id(), closed.alert().id());
                assertTrue(s.direction().worse(closed.alert().peak(), open.get().value()) == closed.alert().peak());
                open = Optional.empty();
            }
            assertEquals(open.map(Alert::id), t.open().map(Alert::id));
        }
    }

    @Property(tries = 300)
    void values_inside_the_hysteresis_band_neither_close_nor_reopen(@ForAll @IntRange(min = 1, max = 5) int k,
                                                                     @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Direction dir = rng.nextBoolean() ? Direction.HIGH_IS_BAD : Direction.LOW_IS_BAD;
        double t = dir == Direction.HIGH_IS_BAD ? 0.3 : 20;
        AlertRule rule = new AlertRule(k, 0.2);
        AlertTracker tracker = new AlertTracker(rule, "a-1", "m");
        List<AlertTransition> seen = new ArrayList<>();
        long tick = 0;
        for (int i = 0; i < k; i++) {
            tracker.observe(observation("a-1", "m", ++tick, valueIn(0, dir, t, 0.2, rng), t, dir)).ifPresent(seen::add);
        }
        assertEquals(1, seen.size());
        for (int i = 0; i < 200; i++) {   // oscillate between beyond and just inside the band
            int region = i % 2 == 0 || rng.nextInt(4) == 0 ? 1 : 0;
            tracker.observe(observation("a-1", "m", ++tick, valueIn(region, dir, t, 0.2, rng), t, dir)).ifPresent(seen::add);
        }
        assertEquals(1, seen.size(), "no flapping: " + seen);
        assertTrue(tracker.open().isPresent());
    }

    @Property(tries = 400)
    void a_tracker_saved_and_restored_anywhere_answers_as_one_that_never_stopped(
            @ForAll @IntRange(min = 1, max = 5) int k, @ForAll long seed) {
        Scenario s = scenario(k, seed, 120);
        List<Change> uninterrupted = run(s.rule(), s.scores());
        int cut = new SplittableRandom(seed ^ 0x5DEECE66DL).nextInt(s.scores().size() + 1);

        AlertTracker first = new AlertTracker(s.rule(), "a-1", "m");
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < cut; i++) {
            int at = i;
            first.observe(s.scores().get(i)).ifPresent(c -> changes.add(new Change(at, c)));
        }
        byte[] saved = first.state().encode();
        AlertTracker.State restored = AlertTracker.State.decode(saved);
        assertEquals(first.state(), restored);
        AlertTracker second = AlertTracker.restore(s.rule(), restored);
        for (int i = Math.max(0, cut - 3); i < cut; i++) {   // a replay of the last scores before the crash counts for nothing
            assertTrue(second.observe(s.scores().get(i)).isEmpty());
        }
        for (int i = cut; i < s.scores().size(); i++) {
            int at = i;
            second.observe(s.scores().get(i)).ifPresent(c -> changes.add(new Change(at, c)));
        }
        assertEquals(uninterrupted, changes);
    }

    @Property(tries = 100)
    void ids_depend_on_the_asset_the_model_and_the_opening_time_only(@ForAll long seed) {
        Scenario s = scenario(2, seed, 100);
        List<Change> a = run(s.rule(), s.scores());
        List<Change> b = run(s.rule(), s.scores());
        assertEquals(a, b);
        for (Change c : a) {
            Alert alert = c.transition().alert();
            assertEquals(Alert.idOf("a-1", "m", alert.opened().tick()), alert.id());
            assertNotEquals(Alert.idOf("a-2", "m", alert.opened().tick()), alert.id());
            assertNotEquals(Alert.idOf("a-1", "m", alert.opened().tick() + 1), alert.id());
            if (c.transition() instanceof AlertTransition.Closed closed) {
                assertInstanceOf(DataTime.class, closed.alert().closed().orElseThrow());
            }
        }
    }
}
