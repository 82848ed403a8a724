package org.prognos.features.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.telemetry.TimeAxis;

class SimpleWalkTest {

    @Test
    void each_machine_has_hourly_times_and_one_column_per_channel() {
        SimpleWalk walk = SyntheticFleet.simpleWalk(3, 100, 4, 42);
        WalkSeries s = walk.series(1);
        assertEquals("m0002", s.asset());
        assertEquals(100, s.length());
        assertEquals(4, s.values().length);
        assertEquals(100, s.values()[3].length);
        for (int t = 1; t < s.length(); t++) {
            assertEquals(TimeAxis.Timestamps.MICROS_PER_HOUR, s.times()[t] - s.times()[t - 1]);
        }
        assertEquals(List.of("c0", "c1", "c2", "c3"), walk.channels());
        assertEquals(300, walk.rows());
    }

    @Test
    void a_machine_is_the_same_whenever_and_however_often_it_is_generated() {
        SimpleWalk walk = SyntheticFleet.simpleWalk(5, 200, 4, 42);
        WalkSeries later = walk.all().get(4);
        WalkSeries alone = SyntheticFleet.simpleWalk(5, 200, 4, 42).series(4);
        assertArrayEquals(alone.times(), later.times());
        for (int c = 0; c < 4; c++) {
            assertArrayEquals(alone.values()[c], later.values()[c]);
        }
    }

    @Test
    void different_seeds_give_different_walks() {
        double[] a = SyntheticFleet.simpleWalk(1, 50, 1, 1).series(0).values()[0];
        double[] b = SyntheticFleet.simpleWalk(1, 50, 1, 2).series(0).values()[0];
        assertFalse(java.util.Arrays.equals(a, b));
    }

    @Test
    void channels_sit_at_their_base_levels_with_five_percent_noise() {
        double[] base = {170, 450, 100, 40, 170};
        SimpleWalk walk = SyntheticFleet.simpleWalk(20, 1000, 5, 42);
        for (int c = 0; c < base.length; c++) {
            double sum = 0;
            double sumDiff2 = 0;
            long n = 0;
            for (int m = 0; m < walk.machines(); m++) {
                double[] v = walk.series(m).values()[c];
                for (int t = 0; t < v.length; t++) {
                    sum += v[t];
                    if (t > 0) {
                        double d = v[t] - v[t - 1];
                        sumDiff2 += d * d;
                    }
                }
                n += v.length;
            }
            double mean = sum / n;
            // A first difference holds two noise terms and one walk step: var = 2 (0.05 base)² + 0.05².
            double noiseSd = Math.sqrt((sumDiff2 / (n - walk.machines()) - 0.05 * 0.05) / 2);
            double walkAllowance = 5;
            assertEquals(base[c], mean, walkAllowance, "mean of c" + c);
            assertEquals(0.05 * base[c], noiseSd, 0.05 * base[c] * 0.03, "noise of c" + c);
        }
    }

    @Test
    void as_source_streams_every_row_machine_by_machine() throws IOException {
        SimpleWalk walk = SyntheticFleet.simpleWalk(3, 40, 2, 7);
        long[] rows = {0};
        double[] first = new double[2];
        walk.asSource().forEach((asset, time, values) -> {
            if (rows[0] == 40) {
                first[0] = values[0];
                first[1] = values[1];
                assertEquals("m0002", asset);
            }
            rows[0]++;
        });
        assertEquals(120, rows[0]);
        assertEquals(walk.series(1).values()[0][0], first[0]);
        assertEquals(walk.series(1).values()[1][0], first[1]);
    }

    @Test
    void rejects_an_empty_walk() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> SyntheticFleet.simpleWalk(0, 10, 4, 1));
        assertEquals("simpleWalk needs machines, hours and channels of at least 1, found 0, 10, 4", e.getMessage());
    }
}
