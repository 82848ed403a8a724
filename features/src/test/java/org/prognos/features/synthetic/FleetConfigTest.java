package org.prognos.features.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.prognos.features.InvalidSpecException;

class FleetConfigTest {

    @Test
    void hourly_config_has_one_reading_per_hour() {
        FleetConfig c = FleetConfig.hourly(10, 48, 1);
        assertEquals(48, c.steps());
        assertEquals(480, c.rows());
        assertEquals(1.0, c.stepHours());
        assertEquals(FleetConfig.DEFAULT_START, c.start());
    }

    @Test
    void default_config_is_a_year_of_a_hundred_elements() {
        FleetConfig c = FleetConfig.defaults(7);
        assertEquals(100, c.assets());
        assertEquals(8760, c.steps());
        assertEquals(7, c.seed());
        assertEquals(Reliability.defaults(), c.reliability());
    }

    @Test
    void ten_minute_interval_gives_six_readings_an_hour() {
        FleetConfig c = FleetConfig.hourly(1, 24, 1).withInterval(Duration.ofMinutes(10));
        assertEquals(144, c.steps());
    }

    @Test
    void rejects_a_fleet_without_assets() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> FleetConfig.hourly(0, 10, 1));
        assertTrue(e.getMessage().contains("fleet.assets"), e.getMessage());
    }

    @Test
    void rejects_a_missing_rate_above_one_half() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> FleetConfig.hourly(1, 10, 1).withMissingRate(0.6));
        assertTrue(e.getMessage().contains("fleet.missingRate"), e.getMessage());
    }

    @Test
    void rejects_a_sub_second_interval() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> FleetConfig.hourly(1, 10, 1).withInterval(Duration.ofMillis(500)));
        assertTrue(e.getMessage().contains("fleet.interval"), e.getMessage());
    }

    @Test
    void rejects_a_duration_shorter_than_one_interval() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> FleetConfig.hourly(1, 10, 1).withDuration(Duration.ofMinutes(30)));
        assertTrue(e.getMessage().contains("fleet.duration"), e.getMessage());
    }

    @Test
    void rejects_a_history_ending_after_year_9999() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> FleetConfig.hourly(1, 10, 1).withStart(Instant.parse("9999-12-31T20:00:00Z")));
        assertTrue(e.getMessage().contains("year 10000"), e.getMessage());
    }

    @Test
    void rejects_a_negative_onset_rate() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> new Reliability(0.3, -1, 600, 0.01, 90, 0.05, 8, 0.05));
        assertTrue(e.getMessage().contains("reliability.onsetsPerYear"), e.getMessage());
    }

    @Test
    void rejects_a_never_fail_share_outside_zero_one() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> new Reliability(1.5, 1, 600, 0.01, 90, 0.05, 8, 0.05));
        assertTrue(e.getMessage().contains("reliability.neverFailShare"), e.getMessage());
    }

    @Test
    void provenance_names_the_seed_and_every_reliability_knob() {
        var p = FleetConfig.hourly(3, 10, 99).provenance();
        assertEquals("99", p.get("seed"));
        assertEquals("3", p.get("assets"));
        assertEquals(8, p.keySet().stream().filter(k -> k.startsWith("reliability.")).count());
    }

    @Test
    void write_options_reject_zero_threads() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> WriteOptions.gzip().withThreads(0));
        assertTrue(e.getMessage().contains("write.threads"), e.getMessage());
    }
}
