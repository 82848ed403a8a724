package org.prognos.cli.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;

class FleetReplayTest {
    private static final long HOUR = Fixtures.HOUR;

    private static List<DeviceFrame> lap(FleetReplay r, int lap) {
        List<DeviceFrame> frames = new ArrayList<>();
        for (int i = 0; i < r.frames(); i++) {
            frames.add(r.frame(i, lap));
        }
        return frames;
    }

    @Test
    void messages_interleave_the_assets_by_time_then_by_the_order_the_data_holds_them() throws Exception {
        FleetReplay r = FleetReplay.of(Fixtures.azure(), Fixtures.azureSlice(), 1);
        assertEquals(List.of("1", "2", "3"), r.assets().stream().map(AssetSeries::id).toList());
        assertEquals(3 * 72, r.readings());
        List<DeviceFrame> frames = lap(r, 0);
        for (int i = 1; i < frames.size(); i++) {
            DeviceFrame a = frames.get(i - 1);
            DeviceFrame b = frames.get(i);
            assertTrue(a.time() < b.time() || a.time() == b.time() && a.asset().index() < b.asset().index(),
                    "message " + i + " out of order: " + a + " then " + b);
        }
        assertEquals(Fixtures.UTC.parse("2015-12-01 00:00:00"), r.firstTime());
    }

    @Test
    void batch_packs_consecutive_readings_of_one_asset_and_sends_every_reading_once() throws Exception {
        FleetReplay r = FleetReplay.of(Fixtures.azure(), Fixtures.azureSlice(), 10);
        Map<String, Integer> next = new HashMap<>();
        for (DeviceFrame f : lap(r, 0)) {
            if (f.readingCount() == 0) {
                continue;
            }
            int expectedFirst = next.getOrDefault(f.asset().id(), 0);
            assertEquals(expectedFirst, f.firstReading(), "readings of " + f.asset().id() + " skipped or repeated");
            assertTrue(f.readingCount() == 10 || f.firstReading() + f.readingCount() == f.asset().size(),
                    "only an asset's last message may hold fewer than 10 readings: " + f);
            assertEquals(f.readingTime(f.readingCount() - 1), f.time(), "a batch is sent at its last reading");
            next.put(f.asset().id(), expectedFirst + f.readingCount());
        }
        assertEquals(Map.of("1", 72, "2", 72, "3", 72), next);
        assertEquals(3 * 8, lap(r, 0).stream().filter(f -> f.readingCount() > 0).count());
    }

    @Test
    void an_event_rides_with_the_first_message_reaching_its_time_history_on_first_contact_and_later_ones_alone() throws Exception {
        FleetReplay r = FleetReplay.of(Fixtures.small(), ReplaySlice.everything(), 2);
        List<DeviceFrame> a = lap(r, 0).stream().filter(f -> f.asset().id().equals("a")).toList();
        // readings 0-1 (+ the maintenance a day before, its history), 2-3 (+ the alarm at 2:30), 4, then the failure alone
        assertEquals(List.of(2, 2, 1, 0), a.stream().map(DeviceFrame::readingCount).toList());
        assertEquals(List.of("comp1"), codes(a.get(0)));
        assertEquals(List.of("error\"1"), codes(a.get(1)));
        assertEquals(List.of(), codes(a.get(2)));
        assertEquals(List.of("comp2"), codes(a.get(3)));
        assertEquals(a.get(3).eventTime(0), a.get(3).time());
        assertEquals(Map.of("model", "model3", "age", "18"), a.get(0).attributes());
        assertTrue(a.stream().skip(1).allMatch(f -> f.attributes().isEmpty() && !f.firstContact()));
        assertEquals(3, r.events());
        assertEquals(1, r.assets().get(0).historyEvents());
    }

    @Test
    void the_time_range_keeps_earlier_events_as_history_and_drops_later_ones() throws Exception {
        Dataset d = Fixtures.small();
        long t0 = Fixtures.UTC.parse("2020-01-01 00:00:00");
        FleetReplay r = FleetReplay.of(d, ReplaySlice.everything().between(OptionalLong.of(t0 + 3 * HOUR), OptionalLong.of(t0 + 5 * HOUR)), 1);
        AssetSeries a = r.assets().get(0);
        assertEquals(2, a.size());
        assertEquals(t0 + 3 * HOUR, a.time(0));
        // the maintenance and the alarm came before the range: history; the failure after it: left out
        assertEquals(List.of("comp1", "error\"1"), a.events().stream().map(Event::code).toList());
        assertEquals(2, a.historyEvents());
        assertEquals(List.of("comp1", "error\"1"), codes(r.frame(0, 0)));
    }

    @Test
    void later_laps_shift_every_time_forward_and_send_attributes_and_history_once() throws Exception {
        FleetReplay r = FleetReplay.of(Fixtures.small(), ReplaySlice.everything(), 1);
        long t0 = Fixtures.UTC.parse("2020-01-01 00:00:00");
        // lap 0 spans from the first reading to the failure at 9:00, plus the one-hour step between readings
        assertEquals(10 * HOUR, r.lapSpan());
        List<DeviceFrame> zero = lap(r, 0);
        List<DeviceFrame> one = lap(r, 1);
        assertEquals(zero.size(), one.size());
        for (int i = 0; i < zero.size(); i++) {
            assertEquals(zero.get(i).time() + r.lapSpan(), one.get(i).time());
        }
        DeviceFrame firstOfA = one.stream().filter(f -> f.asset().id().equals("a")).findFirst().orElseThrow();
        assertFalse(firstOfA.firstContact());
        assertEquals(List.of(), codes(firstOfA));
        assertEquals(t0 + 10 * HOUR, firstOfA.readingTime(0));
        assertTrue(one.get(0).time() > zero.get(zero.size() - 1).time(), "lap 1 starts after lap 0 ends");
    }

    @Test
    void assets_the_data_does_not_have_are_named_with_some_it_has() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> FleetReplay.of(Fixtures.azure(), ReplaySlice.everything().withAssets(List.of("1", "machine-1")), 1));
        assertTrue(e.getMessage().contains("no readings of asset(s) [machine-1]"), e.getMessage());
        assertTrue(e.getMessage().contains("its 70 assets: 1, 2, 3, 4, 5, …"), e.getMessage());
    }

    @Test
    void a_range_without_readings_is_an_error() {
        long late = Fixtures.UTC.parse("2030-01-01 00:00:00");
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> FleetReplay.of(Fixtures.small(), ReplaySlice.everything().between(OptionalLong.of(late), OptionalLong.empty()), 1));
        assertTrue(e.getMessage().startsWith("nothing to replay: small has no readings between 2030-01-01 00:00:00 and its end"),
                e.getMessage());
    }

    @Test
    void limit_keeps_the_first_assets_of_the_data() throws Exception {
        FleetReplay r = FleetReplay.of(Fixtures.small(), ReplaySlice.everything().withLimit(1), 1);
        assertEquals(List.of("a"), r.assets().stream().map(AssetSeries::id).toList());
    }

    private static List<String> codes(DeviceFrame f) {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < f.eventCount(); i++) {
            codes.add(f.event(i).code());
        }
        return codes;
    }

    @Test
    void each_assets_last_message_of_a_lap_and_only_it_is_its_last_of_the_lap() throws Exception {
        FleetReplay r = FleetReplay.of(Fixtures.small(), ReplaySlice.everything(), 2);
        for (int lap = 0; lap < 2; lap++) {
            Map<String, DeviceFrame> lastSeen = new HashMap<>();
            Map<String, Integer> lastOfLap = new HashMap<>();
            for (DeviceFrame f : lap(r, lap)) {
                lastSeen.put(f.asset().id(), f);
                if (f.lastOfLap()) {
                    lastOfLap.merge(f.asset().id(), 1, Integer::sum);
                }
            }
            assertEquals(Map.of("a", 1, "b", 1), lastOfLap);
            assertTrue(lastSeen.values().stream().allMatch(DeviceFrame::lastOfLap));
        }
        assertEquals(0, lap(r, 0).stream().filter(DeviceFrame::lastOfLap).filter(f -> f.asset().id().equals("a"))
                .mapToInt(DeviceFrame::readingCount).sum(), "a's last message holds its failure alone");
    }
}
