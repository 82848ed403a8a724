package org.prognos.features.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.descriptive.moment.Kurtosis;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.Skewness;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;

class WindowBlockTest {
    private static final double TOLERANCE = 1e-9;
    private static final int ALL = WindowBlock.MOMENT4 | WindowBlock.TIME | WindowBlock.MIN | WindowBlock.MAX;
    private static final int[] ONE_CHANNEL = {0};

    private static void push(WindowBlock w, long t, double v) {
        w.push(t, new double[] {v}, ONE_CHANNEL);
    }

    private static void assertClose(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected NaN, got " + actual);
            return;
        }
        double scale = Math.max(1.0, Math.abs(expected));
        assertEquals(expected, actual, TOLERANCE * scale, what);
    }

    /** Every statistic against Commons Math on the window's contents, for a long stream through a count window. */
    @Test
    void statistics_match_commons_math_on_a_long_sliding_stream() {
        SplittableRandom rng = new SplittableRandom(7);
        int n = 24;
        WindowBlock w = WindowBlock.bySamples(n, 1, ALL, 1.0);
        List<double[]> history = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            // a large level with a small spread: the case that breaks naive running sums
            double v = 2388.0 + 0.07 * rng.nextGaussian() + (i % 500 == 0 ? 50 : 0);
            push(w, i * 3L, v);
            history.add(new double[] {i * 3L, v});
            if (i % 37 == 0 || i > 4_990) {
                double[] vals = history.subList(Math.max(0, history.size() - n), history.size()).stream().mapToDouble(h -> h[1]).toArray();
                double[] ts = history.subList(Math.max(0, history.size() - n), history.size()).stream().mapToDouble(h -> h[0]).toArray();
                checkAll(w, vals, ts, "step " + i);
            }
        }
    }

    private static void checkAll(WindowBlock w, double[] vals, double[] ts, String where) {
        assertClose(new Mean().evaluate(vals), Stat.MEAN.apply(w, 0), where + " mean");
        assertClose(vals.length < 2 ? Double.NaN : new StandardDeviation().evaluate(vals), Stat.STD.apply(w, 0), where + " std");
        assertClose(vals.length < 3 ? Double.NaN : new Skewness().evaluate(vals), Stat.SKEWNESS.apply(w, 0), where + " skewness");
        assertClose(vals.length < 4 ? Double.NaN : new Kurtosis().evaluate(vals), Stat.KURTOSIS.apply(w, 0), where + " kurtosis");
        double min = java.util.Arrays.stream(vals).min().orElse(Double.NaN);
        double max = java.util.Arrays.stream(vals).max().orElse(Double.NaN);
        assertClose(min, Stat.MIN.apply(w, 0), where + " min");
        assertClose(max, Stat.MAX.apply(w, 0), where + " max");
        assertClose(max - min, Stat.RANGE.apply(w, 0), where + " range");
        double ss = 0;
        for (double v : vals) {
            ss += v * v;
        }
        double rms = Math.sqrt(ss / vals.length);
        assertClose(rms, Stat.RMS.apply(w, 0), where + " rms");
        assertClose(Math.max(Math.abs(min), Math.abs(max)) / rms, Stat.CREST.apply(w, 0), where + " crest");
        SimpleRegression reg = new SimpleRegression();
        for (int i = 0; i < vals.length; i++) {
            reg.addData(ts[i], vals[i]);
        }
        assertClose(vals.length < 2 ? Double.NaN : reg.getSlope(), Stat.SLOPE.apply(w, 0), where + " slope");
        assertClose(vals[vals.length - 1], Stat.LAST.apply(w, 0), where + " last");
        assertEquals(vals.length, Stat.COUNT.apply(w, 0), where + " count");
    }

    @Test
    void constant_signal_has_zero_spread_and_zero_shape() {
        WindowBlock w = WindowBlock.bySamples(10, 1, ALL, 1.0);
        for (int i = 0; i < 35; i++) {
            push(w, i, 518.67);
        }
        assertEquals(518.67, Stat.MEAN.apply(w, 0), 1e-12);
        assertEquals(0.0, Stat.STD.apply(w, 0));
        assertEquals(0.0, Stat.SKEWNESS.apply(w, 0));
        assertEquals(0.0, Stat.KURTOSIS.apply(w, 0));
        assertEquals(0.0, Stat.SLOPE.apply(w, 0), 1e-12);
        assertEquals(0.0, Stat.RANGE.apply(w, 0));
        assertEquals(1.0, Stat.CREST.apply(w, 0), 1e-12);
    }

    @Test
    void one_sample_has_a_mean_but_no_spread() {
        WindowBlock w = WindowBlock.bySamples(10, 1, ALL, 1.0);
        push(w, 5, 3.5);
        assertEquals(3.5, Stat.MEAN.apply(w, 0));
        assertEquals(3.5, Stat.LAST.apply(w, 0));
        assertEquals(3.5, Stat.MIN.apply(w, 0));
        assertTrue(Double.isNaN(Stat.STD.apply(w, 0)));
        assertTrue(Double.isNaN(Stat.SLOPE.apply(w, 0)));
        assertTrue(Double.isNaN(Stat.SKEWNESS.apply(w, 0)));
        assertTrue(Double.isNaN(Stat.KURTOSIS.apply(w, 0)));
    }

    @Test
    void window_longer_than_the_history_uses_what_there_is() {
        WindowBlock w = WindowBlock.bySamples(100, 1, ALL, 1.0);
        double[] vals = {1, 4, 2, 8, 5};
        double[] ts = {0, 1, 2, 3, 4};
        for (int i = 0; i < vals.length; i++) {
            push(w, (long) ts[i], vals[i]);
        }
        checkAll(w, vals, ts, "short history");
    }

    @Test
    void nan_gaps_are_skipped_and_last_is_the_newest_finite_value() {
        WindowBlock w = WindowBlock.bySamples(6, 1, ALL, 1.0);
        double[] stream = {1, Double.NaN, 3, 10, Double.NaN, Double.NaN, 4, Double.NaN};
        for (int i = 0; i < stream.length; i++) {
            push(w, i, stream[i]);
        }
        // window = the last 6: 3, 10, NaN, NaN, 4, NaN -> finite {3, 10, 4} at t = 2, 3, 6
        checkAll(w, new double[] {3, 10, 4}, new double[] {2, 3, 6}, "nan gaps");
        for (int i = 0; i < 6; i++) {
            push(w, 10 + i, Double.NaN);
        }
        assertEquals(0, Stat.COUNT.apply(w, 0));
        assertTrue(Double.isNaN(Stat.MEAN.apply(w, 0)));
        assertTrue(Double.isNaN(Stat.LAST.apply(w, 0)));
        assertTrue(Double.isNaN(Stat.MAX.apply(w, 0)));
    }

    @Test
    void hand_worked_case() {
        WindowBlock w = WindowBlock.bySamples(4, 1, ALL, 1.0);
        // x = 2, 4, 4, 6 at t = 0..3: mean 4, sample var 8/3, slope 1.2, rms sqrt(18)
        double[] v = {2, 4, 4, 6};
        for (int i = 0; i < 4; i++) {
            push(w, i, v[i]);
        }
        assertEquals(4.0, Stat.MEAN.apply(w, 0), 1e-15);
        assertEquals(Math.sqrt(8.0 / 3), Stat.STD.apply(w, 0), 1e-15);
        assertEquals(1.2, Stat.SLOPE.apply(w, 0), 1e-15);
        assertEquals(Math.sqrt(18), Stat.RMS.apply(w, 0), 1e-14);
        assertEquals(6 / Math.sqrt(18), Stat.CREST.apply(w, 0), 1e-14);
        assertEquals(0.0, Stat.SKEWNESS.apply(w, 0), 1e-15);
    }

    @Test
    void span_window_evicts_by_time_and_grows_as_needed() {
        WindowBlock w = WindowBlock.bySpan(100, 1 << 16, 1, ALL, 1.0);
        List<double[]> all = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(3);
        long t = 0;
        for (int i = 0; i < 3000; i++) {
            t += 1 + rng.nextInt(5);
            double v = rng.nextDouble() * 10;
            w.evictBefore(t - 100 + 1);
            push(w, t, v);
            all.add(new double[] {t, v});
            long lo = t - 100 + 1;
            double[] vals = all.stream().filter(h -> h[0] >= lo).mapToDouble(h -> h[1]).toArray();
            double[] ts = all.stream().filter(h -> h[0] >= lo).mapToDouble(h -> h[0]).toArray();
            if (i % 101 == 0) {
                checkAll(w, vals, ts, "t=" + t);
            }
        }
    }
}
