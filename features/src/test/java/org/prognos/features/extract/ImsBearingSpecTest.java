package org.prognos.features.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prognos.features.io.Datasets;
import org.prognos.features.spec.SpecJson;
import org.prognos.features.telemetry.Dataset;

/**
 * The waveform spec on the bundled IMS bearing archive (real data, every 4th snapshot): one row per
 * snapshot, and the degradation towards the outer-race failure shows in the time- and frequency-domain
 * features of the last snapshots compared with the first ones.
 */
class ImsBearingSpecTest {
    static FeatureTable rows;
    static FeatureExtractor ex;

    @BeforeAll
    static void extract() throws Exception {
        ex = new FeatureExtractor(SpecJson.read(Path.of("../notebooks-data/specs/ims-bearing.json")));
        // the bundled directory as the CLI's --data reads it: the archive, streamed without unpacking
        Dataset run = Datasets.open(Path.of("../notebooks-data/ims-bearing"), null);
        rows = new FeatureTable(ex.columns());
        new BatchExtractor(ex).run(run, rows);
        rows = rows.sorted();
    }

    private double median(String column, int from, int to) {
        int c = ex.columns().indexOf(column);
        double[] v = java.util.stream.IntStream.range(from, to).mapToDouble(i -> rows.value(i, c)).sorted().toArray();
        return v[v.length / 2];
    }

    @Test
    void one_row_per_snapshot() {
        assertEquals(246, rows.size());
        assertEquals(15, ex.columns().size(), ex.columns().toString());
    }

    @Test
    void vibration_energy_rises_towards_the_failure() {
        int n = rows.size();
        // the last two snapshots were taken with the rig stopped: compare the 20 before them with the first 20
        for (String col : new String[] {"acc_rms_snapshot", "acc_band_3000_5000hz_snapshot", "acc_around_236hz_pm10hz_snapshot"}) {
            double early = median(col, 0, 20);
            double late = median(col, n - 22, n - 2);
            assertTrue(late > 1.5 * early, col + ": early " + early + ", late " + late);
        }
    }

    /** Hours between the snapshot at {@code row} and the last snapshot of the run. */
    private double hoursBeforeEnd(int row) {
        return (rows.time(rows.size() - 1) - rows.time(row)) / 3.6e9;
    }

    /**
     * The first snapshot after the first half of the run from which {@code column} stays above everything the
     * first half showed for {@link #PERSIST} snapshots in a row; -1 if none. Only the first half is looked at
     * to set the threshold (no failure label, no look at the end): what an anomaly model trained on the first
     * half as "normal" could do at best with this one feature.
     */
    private int departure(String column) {
        int c = ex.columns().indexOf(column);
        int half = rows.size() / 2;
        double normalMax = java.util.stream.IntStream.range(0, half).mapToDouble(i -> rows.value(i, c)).max().orElseThrow();
        for (int i = half; i + PERSIST <= rows.size(); i++) {
            int from = i;
            if (java.util.stream.IntStream.range(from, from + PERSIST).allMatch(j -> rows.value(j, c) > normalMax)) {
                return i;
            }
        }
        return -1;
    }

    /** Five snapshots, 40 minutes apart: a departure must last 3 h 20 min. */
    private static final int PERSIST = 5;
    /** The run lasts 163 h; "well before the end" means at least two days before it. */
    private static final double WELL_BEFORE_HOURS = 48;

    @Test
    void last_tenth_of_the_run_is_well_above_its_first_half() {
        int n = rows.size();
        int half = n / 2;
        int lastTenth = n - n / 10;
        // measured: rms 2.3x, excess kurtosis 2.5x, 3-5 kHz band 8.2x, 1-3 kHz band 6.6x
        String[] cols = {"acc_rms_snapshot", "acc_kurtosis_snapshot", "acc_band_3000_5000hz_snapshot", "acc_band_1000_3000hz_snapshot"};
        double[] atLeast = {2, 2, 5, 4};
        for (int k = 0; k < cols.length; k++) {
            double early = median(cols[k], 0, half);
            double late = median(cols[k], lastTenth, n);
            assertTrue(late > atLeast[k] * early, cols[k] + ": first half " + early + ", last tenth " + late);
        }
    }

    @Test
    void rms_kurtosis_and_the_resonance_band_depart_from_the_first_half_two_days_before_the_end() {
        // measured: rms and the 3-5 kHz band leave their first-half range 75 h before the end, kurtosis 55 h
        for (String col : new String[] {"acc_rms_snapshot", "acc_kurtosis_snapshot", "acc_band_3000_5000hz_snapshot"}) {
            int at = departure(col);
            assertTrue(at > 0, col + " never leaves its first-half range");
            assertTrue(hoursBeforeEnd(at) >= WELL_BEFORE_HOURS, col + " departs only " + hoursBeforeEnd(at) + " h before the end");
        }
    }

    @Test
    void healthy_running_raises_no_departure_of_rms() {
        // the first half's maximum cannot be exceeded inside the first half, so check the healthy part the
        // other way: the second quarter against the first quarter's range stays quiet (no false alarm)
        int c = ex.columns().indexOf("acc_rms_snapshot");
        int quarter = rows.size() / 4;
        double firstQuarterMax = java.util.stream.IntStream.range(0, quarter).mapToDouble(i -> rows.value(i, c)).max().orElseThrow();
        long above = java.util.stream.IntStream.range(quarter, 2 * quarter).filter(i -> rows.value(i, c) > firstQuarterMax).count();
        assertEquals(0, above, "second-quarter snapshots above the first quarter's rms range");
    }
}
