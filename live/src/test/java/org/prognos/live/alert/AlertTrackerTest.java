package org.prognos.live.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Worked examples of the rule, its validation and its binary form. */
class AlertTrackerTest {
    static final double T = 0.3;

    static Observation risk(long tick, double value) {
        return new Observation("pump-7", "pump-24h", 2, new DataTime(tick, "2015-12-01 0" + tick + ":00:00"), value, T,
                Direction.HIGH_IS_BAD, Optional.of("comp2"), List.of(new Driver("vib_mean_3h", "vibration, 3 h mean", 0.12)),
                new Outlook.Failure("24h", value, Map.of("comp1", 0.01, "comp2", value)));
    }

    @Test
    void a_probability_alert_opens_on_the_third_score_over_the_threshold_and_closes_below_the_band() {
        AlertTracker t = new AlertTracker(AlertRule.defaults(), "pump-7", "pump-24h");
        assertTrue(t.observe(risk(1, 0.35)).isEmpty());
        assertTrue(t.observe(risk(2, 0.31)).isEmpty());
        AlertTransition opened = t.observe(risk(3, 0.30)).orElseThrow();   // the threshold itself is beyond
        Alert a = opened.alert();
        assertEquals("opened", opened.event());
        assertEquals(Alert.idOf("pump-7", "pump-24h", 3), a.id());
        assertEquals(1, a.firstBeyond().tick());
        assertEquals(3, a.opened().tick());
        assertEquals(Optional.of("comp2"), a.component());
        assertEquals(0.30, a.value());
        // 0.25 is in the band [0.24, 0.3): it neither counts towards closing nor opens anything
        for (long tick = 4; tick < 8; tick++) {
            assertTrue(t.observe(risk(tick, tick % 2 == 0 ? 0.25 : 0.5)).isEmpty());
        }
        assertTrue(t.observe(risk(8, 0.2)).isEmpty());
        assertTrue(t.observe(risk(9, 0.1)).isEmpty());
        AlertTransition closed = t.observe(risk(10, 0.23)).orElseThrow();
        assertEquals("closed", closed.event());
        assertEquals(a.id(), closed.alert().id());
        assertEquals(0.5, closed.alert().peak());
        assertEquals(10, closed.alert().closed().orElseThrow().tick());
        assertFalse(t.open().isPresent());
    }

    @Test
    void a_withdrawal_closes_the_open_alert_at_the_last_score_and_starts_over() {
        AlertTracker t = new AlertTracker(new AlertRule(1, 0.2), "pump-7", "pump-24h");
        assertTrue(t.withdraw(tick -> "t" + tick).isEmpty(), "nothing open: nothing to close");
        Alert a = t.observe(risk(3, 0.9)).orElseThrow().alert();
        t.observe(risk(5, 0.95));
        AlertTransition closed = t.withdraw(tick -> "t" + tick).orElseThrow();
        assertEquals("closed", closed.event());
        assertEquals(a.id(), closed.alert().id());
        assertEquals(new DataTime(5, "t5"), closed.alert().closed().orElseThrow());
        assertEquals(0.95, closed.alert().peak());
        assertEquals(AlertTracker.State.fresh("pump-7", "pump-24h"), t.state());
        assertTrue(t.observe(risk(1, 0.9)).isPresent(), "an earlier time counts again after the withdrawal");
    }

    @Test
    void a_remaining_life_alert_opens_at_or_below_the_threshold_and_closes_above_threshold_plus_hysteresis() {
        AlertTracker t = new AlertTracker(new AlertRule(1, 0.2), "engine-3", "cmapss-rul");
        Observation low = new Observation("engine-3", "cmapss-rul", 1, new DataTime(150, "150"), 20, 20, Direction.LOW_IS_BAD,
                Optional.empty(), List.of(), new Outlook.RemainingLife(20, "cycle"));
        assertTrue(t.observe(low).isPresent());
        Observation band = new Observation("engine-3", "cmapss-rul", 1, new DataTime(151, "151"), 24, 20, Direction.LOW_IS_BAD,
                Optional.empty(), List.of(), new Outlook.RemainingLife(24, "cycle"));
        assertTrue(t.observe(band).isEmpty(), "24 is the release level itself: not past it");
        Observation back = new Observation("engine-3", "cmapss-rul", 1, new DataTime(152, "152"), 24.5, 20,
                Direction.LOW_IS_BAD, Optional.empty(), List.of(), new Outlook.RemainingLife(24.5, "cycle"));
        assertTrue(t.observe(back).orElseThrow() instanceof AlertTransition.Closed);
    }

    @Test
    void a_score_not_after_the_last_one_is_a_replay_and_counts_for_nothing() {
        AlertTracker t = new AlertTracker(new AlertRule(2, 0), "pump-7", "pump-24h");
        assertTrue(t.observe(risk(1, 0.9)).isEmpty());
        assertTrue(t.observe(risk(1, 0.9)).isEmpty());
        assertEquals(1, t.state().run());
        assertTrue(t.observe(risk(2, 0.9)).isPresent());
    }

    @Test
    void rules_and_observations_refuse_nonsense_with_the_field_named() {
        assertEquals("consecutive must be between 1 and 1000, found 0",
                assertThrows(IllegalArgumentException.class, () -> new AlertRule(0, 0.2)).getMessage());
        assertEquals("hysteresis must be at least 0 and below 1, found 1.0",
                assertThrows(IllegalArgumentException.class, () -> new AlertRule(3, 1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AlertRule(3, Double.NaN));
        assertEquals("value must be finite, found NaN",
                assertThrows(IllegalArgumentException.class, () -> risk(1, Double.NaN)).getMessage());
        AlertTracker t = new AlertTracker(AlertRule.defaults(), "pump-8", "pump-24h");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> t.observe(risk(1, 0.5))).getMessage()
                .contains("follows pump-8 by pump-24h, not pump-7"));
    }

    @Test
    void alerts_and_states_round_trip_through_their_bytes_and_garbage_is_refused() {
        AlertTracker t = new AlertTracker(new AlertRule(1, 0.2), "pump-7", "pump-24h");
        Alert a = t.observe(risk(1, 0.4)).orElseThrow().alert();
        assertEquals(a, AlertCodec.decodeAlert(AlertCodec.encode(a)));
        assertEquals(t.state(), AlertTracker.State.decode(t.state().encode()));
        assertTrue(t.state().encode().length < 300, "compact: " + t.state().encode().length + " bytes");
        Alert rul = new Alert("x", "e", "m", 0, Direction.LOW_IS_BAD, 20, 10, 8, Optional.empty(), List.of(),
                new Outlook.RemainingLife(10, "cycle"), new DataTime(-5, "-5"), new DataTime(1, "1"), Optional.of(new DataTime(9, "9")));
        assertEquals(rul, AlertCodec.decodeAlert(AlertCodec.encode(rul)));
        Alert anomaly = new Alert("y", "e", "m", 0, Direction.HIGH_IS_BAD, 3, 4, 5, Optional.empty(), List.of(),
                new Outlook.Anomaly(4), new DataTime(0, "0"), new DataTime(1, "1"), Optional.empty());
        assertEquals(anomaly, AlertCodec.decodeAlert(AlertCodec.encode(anomaly)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AlertCodec.decodeAlert(new byte[] {9, 1}));
        assertTrue(e.getMessage().startsWith("not an encoded alert: unknown format 9"), e.getMessage());
        byte[] longer = Arrays.copyOf(t.state().encode(), t.state().encode().length + 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AlertTracker.State.decode(longer)).getMessage()
                .contains("1 bytes left over"));
    }
}
