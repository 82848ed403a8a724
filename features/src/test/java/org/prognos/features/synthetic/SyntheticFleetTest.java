package org.prognos.features.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.prognos.features.telemetry.AssetAttributes;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.TelemetrySource;
import org.prognos.features.telemetry.TimeAxis;

class SyntheticFleetTest {
    private static final FleetConfig SMALL = FleetConfig.hourly(20, 500, 8).withReliability(Reliability.wearing());

    /** A digest of every reading a source streams, order included. */
    private static long digest(TelemetrySource source) throws IOException {
        long[] h = {17};
        source.forEach((asset, time, values) -> {
            h[0] = 31 * h[0] + asset.hashCode();
            h[0] = 31 * h[0] + Long.hashCode(time);
            for (double v : values) {
                h[0] = 31 * h[0] + Double.hashCode(v);
            }
        });
        return h[0];
    }

    @Test
    void telemetry_source_streams_the_same_readings_on_every_pass() throws IOException {
        TelemetrySource source = new SyntheticFleet(SMALL).telemetry();
        assertEquals(digest(source), digest(source));
        assertEquals(digest(source), digest(new SyntheticFleet(SMALL).telemetry()));
    }

    @Test
    void a_different_seed_streams_different_readings() throws IOException {
        assertNotEquals(digest(new SyntheticFleet(SMALL).telemetry()), digest(new SyntheticFleet(SMALL.withSeed(9)).telemetry()));
    }

    @Test
    void telemetry_source_declares_settings_first_then_sensor_channels() {
        TelemetrySource source = new SyntheticFleet(SMALL).telemetry();
        assertEquals(List.of("load_pct", "ambient_c", "temperature", "laser_bias_ma", "optical_power_dbm", "snr_db",
                "fec_corrected", "fec_uncorrected", "fan_rpm", "cpu_pct"), source.channels());
        assertEquals(TimeAxis.Timestamps.utc(), source.axis());
        assertTrue(source.name().contains("synthetic"), source.name());
    }

    @Test
    void one_element_alone_reads_like_its_slice_of_the_fleet() throws IOException {
        SyntheticFleet fleet = new SyntheticFleet(SMALL);
        List<String> alone = new ArrayList<>();
        fleet.readings(7, (asset, time, values) -> alone.add(asset + time + java.util.Arrays.toString(values)));
        List<String> slice = new ArrayList<>();
        fleet.telemetry().forEach((asset, time, values) -> {
            if (asset.equals(fleet.assetId(7))) {
                slice.add(asset + time + java.util.Arrays.toString(values));
            }
        });
        assertEquals(SMALL.steps(), alone.size());
        assertEquals(slice, alone);
    }

    @Test
    void events_of_one_element_match_the_fleet_log() {
        SyntheticFleet fleet = new SyntheticFleet(SMALL);
        var log = fleet.events();
        for (int a = 0; a < fleet.size(); a++) {
            assertEquals(log.of(fleet.assetId(a)), fleet.events(a));
        }
    }

    @Test
    void readings_are_hourly_from_the_configured_start() throws IOException {
        SyntheticFleet fleet = new SyntheticFleet(FleetConfig.hourly(2, 30, 1));
        List<Long> times = new ArrayList<>();
        fleet.readings(0, (asset, time, values) -> times.add(time));
        assertEquals(30, times.size());
        assertEquals(FleetConfig.DEFAULT_START.getEpochSecond() * 1_000_000L, times.get(0));
        for (int i = 1; i < times.size(); i++) {
            assertEquals(TimeAxis.Timestamps.MICROS_PER_HOUR, times.get(i) - times.get(i - 1));
        }
    }

    @Test
    void a_ten_minute_interval_gives_six_readings_an_hour() {
        SyntheticFleet fleet = new SyntheticFleet(FleetConfig.hourly(1, 10, 1).withInterval(Duration.ofMinutes(10)));
        List<Long> times = new ArrayList<>();
        fleet.readings(0, (asset, time, values) -> times.add(time));
        assertEquals(60, times.size());
        assertEquals(600_000_000L, times.get(1) - times.get(0));
    }

    @Test
    void missing_values_occur_near_the_configured_rate_in_every_channel() throws IOException {
        double rate = 0.02;
        SyntheticFleet fleet = new SyntheticFleet(FleetConfig.hourly(40, 2000, 4).withMissingRate(rate));
        long[] missing = new long[Channel.all().size()];
        long[] cells = {0};
        fleet.telemetry().forEach((asset, time, values) -> {
            for (int c = 0; c < values.length; c++) {
                if (Double.isNaN(values[c])) {
                    missing[c]++;
                }
            }
            cells[0] += values.length;
        });
        long total = java.util.Arrays.stream(missing).sum();
        double relativeTolerance = 0.05;
        assertEquals(rate, (double) total / cells[0], rate * relativeTolerance);
        for (int c = 0; c < missing.length; c++) {
            assertTrue(missing[c] > 0, Channel.all().get(c) + " is never missing");
        }
    }

    @Test
    void a_zero_missing_rate_gives_complete_rows() throws IOException {
        SyntheticFleet fleet = new SyntheticFleet(FleetConfig.hourly(5, 500, 4).withMissingRate(0));
        fleet.telemetry().forEach((asset, time, values) -> {
            for (double v : values) {
                assertTrue(!Double.isNaN(v), asset + " " + time);
            }
        });
    }

    @Test
    void regimes_shift_the_baselines_of_sensor_channels() {
        SyntheticFleet fleet = new SyntheticFleet(FleetConfig.hourly(30, 1000, 2).withReliability(Reliability.neverFailing()));
        Map<OperatingRegime, double[]> sums = new EnumMap<>(OperatingRegime.class);
        Map<OperatingRegime, long[]> counts = new EnumMap<>(OperatingRegime.class);
        long[] agree = {0};
        long[] hours = {0};
        for (int a = 0; a < fleet.size(); a++) {
            GroundTruth truth = fleet.groundTruth(a);
            fleet.readings(a, (asset, time, values) -> {
                OperatingRegime r = truth.regime(truth.stepAt(time));
                double[] s = sums.computeIfAbsent(r, k -> new double[values.length]);
                long[] n = counts.computeIfAbsent(r, k -> new long[values.length]);
                for (int c = 0; c < values.length; c++) {
                    if (!Double.isNaN(values[c])) {
                        s[c] += values[c];
                        n[c]++;
                    }
                }
                double load = values[Channel.LOAD_PCT.ordinal()];
                double ambient = values[Channel.AMBIENT_C.ordinal()];
                if (!Double.isNaN(load) && !Double.isNaN(ambient)) {
                    hours[0]++;
                    if (OperatingRegime.nearest(load, ambient) == r) {
                        agree[0]++;
                    }
                }
            });
        }
        assertEquals(3, sums.size(), "every regime occurs");
        double minimumShiftC = 5;
        double off = mean(sums, counts, OperatingRegime.OFF_PEAK, Channel.TEMPERATURE);
        double busy = mean(sums, counts, OperatingRegime.BUSY, Channel.TEMPERATURE);
        double peak = mean(sums, counts, OperatingRegime.PEAK_HEAT, Channel.TEMPERATURE);
        assertTrue(busy > off + minimumShiftC && peak > busy + minimumShiftC, off + " < " + busy + " < " + peak);
        assertTrue(mean(sums, counts, OperatingRegime.PEAK_HEAT, Channel.FAN_RPM)
                > mean(sums, counts, OperatingRegime.OFF_PEAK, Channel.FAN_RPM) + 300);
        assertTrue(mean(sums, counts, OperatingRegime.PEAK_HEAT, Channel.CPU_PCT)
                > mean(sums, counts, OperatingRegime.OFF_PEAK, Channel.CPU_PCT) + 30);
        assertTrue(agree[0] >= 0.98 * hours[0], "settings give the regime in " + agree[0] + " of " + hours[0] + " hours");
    }

    private static double mean(Map<OperatingRegime, double[]> sums, Map<OperatingRegime, long[]> counts,
            OperatingRegime r, Channel c) {
        return sums.get(r)[c.ordinal()] / counts.get(r)[c.ordinal()];
    }

    @Test
    void attributes_give_type_site_and_age_of_every_element() {
        SyntheticFleet fleet = new SyntheticFleet(FleetConfig.hourly(200, 1, 6));
        AssetAttributes attributes = fleet.attributes();
        assertEquals(200, attributes.assets().size());
        Set<String> types = new HashSet<>();
        for (int a = 0; a < fleet.size(); a++) {
            Map<String, String> of = attributes.of(fleet.assetId(a));
            assertEquals(Set.of("type", "site", "age_years"), of.keySet());
            types.add(of.get("type"));
            assertTrue(of.get("site").matches("site-\\d{3}"), of.get("site"));
            double age = Double.parseDouble(of.get("age_years"));
            assertTrue(age >= 0.5 && age <= 12, "age " + age);
        }
        assertEquals(Set.of("optical_node", "cmts", "router"), types);
    }

    @Test
    void asset_ids_are_zero_padded_so_they_sort_like_indices() {
        SyntheticFleet fleet = new SyntheticFleet(FleetConfig.hourly(12_000, 1, 6));
        assertEquals("asset-00001", fleet.assetId(0));
        assertEquals("asset-12000", fleet.assetId(11_999));
        assertTrue(fleet.assetId(998).compareTo(fleet.assetId(10_000)) < 0);
    }

    @Test
    void dataset_bundles_telemetry_events_and_attributes() {
        SyntheticFleet fleet = new SyntheticFleet(SMALL);
        Dataset d = fleet.dataset();
        assertEquals(fleet.events().size(), d.events().size());
        assertEquals(SMALL.assets(), d.attributes().assets().size());
        assertEquals(fleet.channels(), d.telemetry().channels());
    }

    @Test
    void marker_names_the_seed_and_says_not_real_data() {
        assertEquals("# synthetic: generated by Prognos SyntheticFleet seed=8 (not real data)", new SyntheticFleet(SMALL).marker());
    }
}
