package org.prognos.features.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.EventLog;
import org.prognos.features.telemetry.TimeAxis;

/** The hidden degradation must show where a model can learn it: in the named channels, alarms and events. */
class DegradationModelTest {
    private static final FleetConfig WEARING = FleetConfig.hourly(80, 4000, 11).withReliability(Reliability.wearing());
    private static final int PRECURSOR_HOURS = 48;
    private static final long HOUR = TimeAxis.Timestamps.MICROS_PER_HOUR;
    /** Repairs come at most 96 h after a failure (plus the failure's own hour). */
    private static final long MAX_REPAIR = 97 * HOUR;

    private static SyntheticFleet fleet;
    private static EventLog log;
    private static final List<double[][]> readings = new ArrayList<>();
    private static final List<GroundTruth> truths = new ArrayList<>();
    private static double[] fleetMean;
    private static double[] healthyMean;

    @BeforeAll
    static void generate() {
        fleet = new SyntheticFleet(WEARING);
        log = fleet.events();
        int channels = Channel.all().size();
        double[] sum = new double[channels];
        long[] n = new long[channels];
        double[] healthySum = new double[channels];
        long[] healthyN = new long[channels];
        for (int a = 0; a < fleet.size(); a++) {
            GroundTruth truth = fleet.groundTruth(a);
            truths.add(truth);
            double[][] rows = new double[WEARING.steps()][];
            int[] step = {0};
            fleet.readings(a, (asset, time, values) -> rows[step[0]++] = values.clone());
            readings.add(rows);
            for (double[] row : rows) {
                for (int c = 0; c < channels; c++) {
                    if (!Double.isNaN(row[c])) {
                        sum[c] += row[c];
                        n[c]++;
                        if (truth.neverFails()) {
                            healthySum[c] += row[c];
                            healthyN[c]++;
                        }
                    }
                }
            }
        }
        fleetMean = new double[channels];
        healthyMean = new double[channels];
        for (int c = 0; c < channels; c++) {
            fleetMean[c] = sum[c] / n[c];
            healthyMean[c] = healthySum[c] / healthyN[c];
        }
    }

    /** Failures of {@code component} that came from degradation (not sudden), with their element index. */
    private static List<int[]> gradualFailures(Component component) {
        List<int[]> out = new ArrayList<>();
        for (int a = 0; a < fleet.size(); a++) {
            GroundTruth truth = truths.get(a);
            for (Event e : log.of(fleet.assetId(a), EventKind.FAILURE)) {
                int step = truth.stepAt(e.time());
                if (e.code().equals(component.code()) && truth.degradation(component, step) >= 1 && step >= PRECURSOR_HOURS) {
                    out.add(new int[] {a, step});
                }
            }
        }
        return out;
    }

    /** Mean of {@code channel} over the hours before each failure of {@code component} (missing values skipped). */
    private static double meanBefore(Component component, Channel channel) {
        double sum = 0;
        long n = 0;
        for (int[] f : gradualFailures(component)) {
            double[][] rows = readings.get(f[0]);
            for (int s = f[1] - PRECURSOR_HOURS; s < f[1]; s++) {
                double v = rows[s][channel.ordinal()];
                if (!Double.isNaN(v)) {
                    sum += v;
                    n++;
                }
            }
        }
        assertTrue(n > 0, "no hours before " + component + " failures");
        return sum / n;
    }

    @Test
    void the_wearing_fleet_fails_in_every_component() {
        for (Component c : Component.values()) {
            assertTrue(gradualFailures(c).size() >= 10, c + " failures: " + gradualFailures(c).size());
        }
    }

    @Test
    void failures_happen_mostly_to_degraded_components() {
        int failures = 0;
        int degraded = 0;
        for (int a = 0; a < fleet.size(); a++) {
            GroundTruth truth = truths.get(a);
            for (Event e : log.of(fleet.assetId(a), EventKind.FAILURE)) {
                Component c = Component.valueOf(e.code().toUpperCase(java.util.Locale.ROOT));
                failures++;
                if (truth.degradation(c, truth.stepAt(e.time())) >= 1) {
                    degraded++;
                }
            }
        }
        assertTrue(failures > 100, "failures " + failures);
        assertTrue(degraded >= 0.8 * failures, degraded + " of " + failures + " failures followed degradation");
        assertTrue(degraded < failures, "a few failures are sudden");
    }

    @Test
    void every_failure_is_followed_by_maintenance_of_the_same_component() {
        long end = truths.get(0).time(WEARING.steps() - 1);
        for (String asset : log.assets()) {
            List<Event> maintenance = log.of(asset, EventKind.MAINTENANCE);
            for (Event f : log.of(asset, EventKind.FAILURE)) {
                boolean repaired = maintenance.stream().anyMatch(m -> m.code().equals(f.code())
                        && m.time() > f.time() && m.time() <= f.time() + MAX_REPAIR);
                assertTrue(repaired || f.time() + MAX_REPAIR > end, "no repair after " + f);
            }
        }
    }

    @Test
    void scheduled_visits_also_replace_components_that_have_not_failed() {
        long preventive = 0;
        for (String asset : log.assets()) {
            List<Event> failures = log.of(asset, EventKind.FAILURE);
            for (Event m : log.of(asset, EventKind.MAINTENANCE)) {
                boolean afterFailure = failures.stream().anyMatch(f -> f.code().equals(m.code())
                        && f.time() < m.time() && m.time() <= f.time() + MAX_REPAIR);
                if (!afterFailure) {
                    preventive++;
                }
            }
        }
        assertTrue(preventive > 20, "preventive replacements " + preventive);
    }

    @Test
    void laser_bias_rises_and_optical_power_drops_before_laser_failures() {
        assertTrue(meanBefore(Component.LASER, Channel.LASER_BIAS_MA) > fleetMean[Channel.LASER_BIAS_MA.ordinal()] + 5);
        assertTrue(meanBefore(Component.LASER, Channel.OPTICAL_POWER_DBM) < fleetMean[Channel.OPTICAL_POWER_DBM.ordinal()] - 1);
    }

    @Test
    void fan_speed_drops_and_temperature_rises_before_fan_failures() {
        assertTrue(meanBefore(Component.FAN, Channel.FAN_RPM) < fleetMean[Channel.FAN_RPM.ordinal()] - 500);
        assertTrue(meanBefore(Component.FAN, Channel.TEMPERATURE) > fleetMean[Channel.TEMPERATURE.ordinal()] + 4);
    }

    @Test
    void snr_drops_and_fec_counts_rise_before_amplifier_failures() {
        assertTrue(meanBefore(Component.AMPLIFIER, Channel.SNR_DB) < fleetMean[Channel.SNR_DB.ordinal()] - 3);
        assertTrue(meanBefore(Component.AMPLIFIER, Channel.FEC_CORRECTED) > 10 * healthyMean[Channel.FEC_CORRECTED.ordinal()]);
        assertTrue(meanBefore(Component.AMPLIFIER, Channel.FEC_UNCORRECTED) > 10 * healthyMean[Channel.FEC_UNCORRECTED.ordinal()]);
    }

    @Test
    void cpu_spikes_grow_before_psu_failures() {
        double before = spikeShare(gradualFailures(Component.PSU));
        List<int[]> healthyHours = new ArrayList<>();
        for (int a = 0; a < fleet.size(); a++) {
            if (truths.get(a).neverFails()) {
                for (int s = PRECURSOR_HOURS; s < WEARING.steps(); s += PRECURSOR_HOURS) {
                    healthyHours.add(new int[] {a, s});
                }
            }
        }
        double healthy = spikeShare(healthyHours);
        assertTrue(before > 5 * healthy, "spike share before psu failures " + before + ", healthy " + healthy);
    }

    /** Share of hours before each end point where CPU runs 12 points above what the load explains. */
    private static double spikeShare(List<int[]> ends) {
        long spikes = 0;
        long hours = 0;
        for (int[] f : ends) {
            double[][] rows = readings.get(f[0]);
            for (int s = f[1] - PRECURSOR_HOURS; s < f[1]; s++) {
                double cpu = rows[s][Channel.CPU_PCT.ordinal()];
                double load = rows[s][Channel.LOAD_PCT.ordinal()];
                if (!Double.isNaN(cpu) && !Double.isNaN(load)) {
                    hours++;
                    if (cpu - (5 + 0.7 * load) > 12) {
                        spikes++;
                    }
                }
            }
        }
        return (double) spikes / hours;
    }

    @Test
    void alarms_grow_more_frequent_as_components_degrade() {
        long before = 0;
        long beforeHours = 0;
        for (Component c : Component.values()) {
            for (int[] f : gradualFailures(c)) {
                long end = truths.get(f[0]).time(f[1]);
                before += log.of(fleet.assetId(f[0]), EventKind.ALARM).stream()
                        .filter(e -> e.time() < end && e.time() >= end - PRECURSOR_HOURS * HOUR).count();
                beforeHours += PRECURSOR_HOURS;
            }
        }
        long background = 0;
        long backgroundHours = 0;
        for (int a = 0; a < fleet.size(); a++) {
            if (truths.get(a).neverFails()) {
                background += log.of(fleet.assetId(a), EventKind.ALARM).size();
                backgroundHours += WEARING.steps();
            }
        }
        assertTrue(background > 0, "never-failing elements still raise background alarms");
        double rateBefore = (double) before / beforeHours;
        double rateBackground = (double) background / backgroundHours;
        assertTrue(rateBefore > 10 * rateBackground, "alarms/h before failures " + rateBefore + ", background " + rateBackground);
    }

    @Test
    void never_failing_elements_have_censored_histories() {
        int censored = 0;
        for (int a = 0; a < fleet.size(); a++) {
            GroundTruth truth = truths.get(a);
            if (truth.neverFails()) {
                censored++;
                assertEquals(List.of(), log.of(fleet.assetId(a), EventKind.FAILURE));
                for (Component c : Component.values()) {
                    for (int s = 0; s < truth.steps(); s++) {
                        assertEquals(0.0, truth.degradation(c, s));
                    }
                }
            }
        }
        assertTrue(censored > 0, "some elements never fail");
    }

    @Test
    void never_fail_share_follows_the_config() {
        FleetConfig config = FleetConfig.hourly(2000, 2, 5);
        SyntheticFleet many = new SyntheticFleet(config);
        int censored = 0;
        for (int a = 0; a < many.size(); a++) {
            if (many.groundTruth(a).neverFails()) {
                censored++;
            }
        }
        double share = censored / 2000.0;
        double expected = config.reliability().neverFailShare();
        double fourSigma = 4 * Math.sqrt(expected * (1 - expected) / 2000);
        assertEquals(expected, share, fourSigma);
    }
}
