package org.prognos.inference.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.scoring.TimeBounds;
import org.prognos.inference.scoring.WindowSchema;
import org.prognos.live.device.DeviceMessage;

/** Sparkplug B sample times are held to the service's time bounds: too far ahead, or beyond a long, is refused. */
class SparkplugWindowsTest {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final WindowSchema SCHEMA = new WindowSchema("m", List.of("temp"), Map.of("temp", 0), TimeAxis.Timestamps.utc(), false);
    static final TimeBounds BOUNDS = new TimeBounds(Clock.fixed(NOW, ZoneOffset.UTC), 3600);

    static DeviceMessage.Telemetry at(long epochMillis) {
        return new DeviceMessage.Telemetry("machine-1", List.of(new DeviceMessage.Sample(epochMillis, Map.of("temp", 1.0))), List.of());
    }

    @Test
    void a_sample_within_the_skew_is_read_and_one_past_it_is_future_time() {
        assertEquals((NOW.toEpochMilli() + 3_600_000) * 1000,
                new SparkplugWindows().window(at(NOW.toEpochMilli() + 3_600_000), SCHEMA, BOUNDS).times()[0]);
        Rejected ahead = assertThrows(Rejected.class, () -> new SparkplugWindows().window(at(NOW.toEpochMilli() + 3_600_001), SCHEMA, BOUNDS));
        assertEquals(Rejected.FUTURE, ahead.reason());
        assertTrue(ahead.getMessage().startsWith("a sample's timestamp: ") && ahead.getMessage().contains("in the future"), ahead.getMessage());
    }

    @Test
    void a_timestamp_microseconds_cannot_hold_is_invalid_not_wrapped_around() {
        for (long millis : new long[] {Long.MAX_VALUE, Long.MAX_VALUE / 1000 + 1, -1L, Long.MIN_VALUE}) {
            Rejected r = assertThrows(Rejected.class, () -> new SparkplugWindows().window(at(millis), SCHEMA, BOUNDS), "" + millis);
            assertEquals(Rejected.INVALID, r.reason(), r.getMessage());
            assertTrue(r.getMessage().contains(Long.toUnsignedString(millis) + " ms since the epoch is out of range"), r.getMessage());
        }
        Rejected far = assertThrows(Rejected.class, () -> new SparkplugWindows().window(at(300_000_000_000_000L), SCHEMA, BOUNDS));
        assertEquals(Rejected.FUTURE, far.reason(), "year 11,476 fits a long but lies far ahead");
    }
}
