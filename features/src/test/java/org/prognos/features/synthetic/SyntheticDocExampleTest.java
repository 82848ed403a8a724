package org.prognos.features.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.telemetry.Dataset;

/** The "Use it" example of features/SYNTHETIC.md, kept compiling and running (sizes cut down). */
class SyntheticDocExampleTest {

    @Test
    void the_documented_example_runs(@TempDir Path dir) throws IOException {
        FleetConfig config = FleetConfig.hourly(20, 500, 42)
                .withMissingRate(0.002)
                .withReliability(Reliability.defaults());
        SyntheticFleet fleet = new SyntheticFleet(config);

        Dataset data = fleet.dataset();
        GroundTruth truth = fleet.groundTruth(0);
        WriteSummary s = fleet.writeTo(dir, WriteOptions.gzip().withThreads(2));

        SimpleWalk walk = SyntheticFleet.simpleWalk(10, 500, 4, 42);
        WalkSeries m0 = walk.series(0);

        assertEquals(20, data.attributes().assets().size());
        assertEquals(500, truth.steps());
        assertEquals(10_000, s.telemetryRows());
        assertTrue(s.rowsPerSecond() > 0);
        assertEquals(500, m0.times().length);
        assertEquals(4, m0.values().length);
    }
}
