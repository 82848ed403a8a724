package org.prognos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.StuckValueCheck;

/**
 * A job with the stuck-value check on ({@code task.scoring.stuck}) is served as its batch path scores it
 * ({@link AdaptiveJobParity}'s cases): {@code jobs/nab-machine-temperature-stuck.yaml}, on the edited copy of NAB's
 * machine-temperature file whose 2014-01-05 is held at one value ({@code nab/edited/machine_temperature_stuck.csv}),
 * the check's run restored from the store at a restart 30 readings into the held run; the check changes scores on the held day, so the parity
 * tests it.
 */
class StuckJobParityTest extends AdaptiveJobParity {
    /** The held day's first reading (0-based) in the edited file, and the restart 30 readings into the held run. */
    private static final int HELD_FROM = 9537;

    @Override
    String job() {
        return "nab-machine-temperature-stuck";
    }

    /**
     * Inside the held run, after it crossed (its 11th value): a restored check that lost its run would alarm again
     * or late, one that lost {@code alarmed} would alarm twice.
     */
    @Override
    int restartAt() {
        return HELD_FROM + 30;
    }

    @Test
    void the_bundle_serves_the_check_and_it_changes_scores() {
        assertEquals(new StuckValueCheck("value_seq_9", 0.05, 10), served.adaptive().orElseThrow().stuck().orElseThrow(),
                "the job's check reached the bundle");
        AdaptiveScorer.Step[] without = withoutThePart();
        long changed = IntStream.range(0, expected.length)
                .filter(i -> Math.abs(expected[i].score() - without[i].score()) > TOLERANCE).count();
        assertTrue(changed > 0, "the check changes no score: the parity below would not test it");
    }
}
