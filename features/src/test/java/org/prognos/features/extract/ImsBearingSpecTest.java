package org.prognos.features.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prognos.features.io.ImsBearingSource;
import org.prognos.features.spec.SpecJson;
import org.prognos.features.telemetry.AssetAttributes;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.EventLog;

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
        var source = ImsBearingSource.open(Path.of("../notebooks-data/ims-bearing/bearing1_test2_every4th.tar.xz"));
        rows = new FeatureTable(ex.columns());
        new BatchExtractor(ex).run(new Dataset(source, EventLog.empty(), AssetAttributes.none()), rows);
    }

    private double median(String column, int from, int to) {
        int c = ex.columns().indexOf(column);
        double[] v = java.util.stream.IntStream.range(from, to).mapToDouble(i -> rows.value(i, c)).sorted().toArray();
        return v[v.length / 2];
    }

    @Test
    void one_row_per_snapshot() {
        assertEquals(246, rows.size());
        assertEquals(13, ex.columns().size(), ex.columns().toString());
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
}
