package org.prognos.models.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.prognos.PrognosException;

/**
 * An adaptive scorer's snapshot: restored at any point of a stream, the scorer goes on with the same bits as one
 * never interrupted, for every variant of the settings (ring not yet full, ring wrapped, rest running). SYNTHETIC
 * streams: seeded Gaussian rows with a level shift and spikes, so that alarms, rests and new extremes all happen.
 */
class AdaptiveScorerSnapshotTest {
    private static AnomalyModel model() {
        Random r = new Random(11);
        double[][] rows = new double[300][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
        }
        ColumnScaling scaling = ColumnScaling.fit(rows, 3);
        ZScoreDetector detector = new ZScoreDetector(3);
        double[] raw = Arrays.stream(rows).mapToDouble(x -> detector.score(scaling.apply(x), new double[3])).toArray();
        return AnomalyModel.of(List.of("a", "b", "c"), scaling, detector, ScoreCalibration.fit(raw, 0.01));
    }

    private static double[][] stream(int n, long seed) {
        Random r = new Random(seed);
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            double level = i > n / 2 ? 3 : 0;
            double spike = i % 97 == 0 ? 12 : 0;
            rows[i] = new double[] {level + spike + r.nextGaussian(), r.nextGaussian(), level + r.nextGaussian()};
        }
        return rows;
    }

    private static List<AdaptiveScoring> variants() {
        AdaptiveScoring small = new AdaptiveScoring(40, 3, 2, 4, 60, 10, 0.99, 15, 0.05);
        return List.of(
                AdaptiveScoring.likelihood(),
                small,
                small.withRest(AdaptiveScoring.RestRule.UNTIL_QUIET, 15).withExtremes(AdaptiveScoring.Extremes.ALWAYS),
                small.withReference(AdaptiveScoring.Reference.AVERAGED).withNeighbourhood(AdaptiveScoring.Neighbourhood.LEVEL_AND_SHAPE),
                small.withReference(AdaptiveScoring.Reference.LOG).withNeighbourhood(AdaptiveScoring.Neighbourhood.SHAPE),
                small.withWarmUp(40).withExtremes(AdaptiveScoring.Extremes.ALWAYS));
    }

    @Test
    void a_scorer_restored_anywhere_goes_on_with_the_same_bits() {
        AnomalyModel model = model();
        double[][] rows = stream(400, 5);
        for (AdaptiveScoring settings : variants()) {
            AdaptiveScorer.Step[] expected = AdaptiveScorer.scoreAll(model, settings, rows);
            for (int cut : new int[] {0, 1, 7, 39, 41, 150, 211, 399}) {
                AdaptiveScorer first = new AdaptiveScorer(model, settings);
                for (int i = 0; i < cut; i++) {
                    first.next(rows[i]);
                }
                AdaptiveScorer restored = AdaptiveScorer.restore(model, settings, first.snapshot());
                assertEquals(first.rowsSeen(), restored.rowsSeen());
                assertEquals(first.last(), restored.last(), "the last step survives, cut " + cut);
                for (int i = cut; i < rows.length; i++) {
                    AdaptiveScorer.Step s = restored.next(rows[i]);
                    assertEquals(expected[i], s, settings.asMap() + ", cut at " + cut + ", row " + i);
                }
            }
        }
    }

    @Test
    void the_stream_exercises_alarms_and_rests() {
        AdaptiveScorer.Step[] steps = AdaptiveScorer.scoreAll(model(), variants().get(1), stream(400, 5));
        assertTrue(Arrays.stream(steps).anyMatch(s -> s.score() >= 0.99), "an alarm");
        assertTrue(Arrays.stream(steps).anyMatch(s -> s.likelihood() >= 0.99 && s.score() == 0), "a rested row");
    }

    @Test
    void a_snapshot_is_no_larger_than_the_estimated_bytes() {
        AnomalyModel model = model();
        for (AdaptiveScoring settings : variants()) {
            AdaptiveScorer s = new AdaptiveScorer(model, settings);
            for (double[] row : stream(3000, 9)) {
                s.next(row);
            }
            assertTrue(s.snapshot().length <= s.estimatedBytes(), s.snapshot().length + " > " + s.estimatedBytes());
        }
    }

    @Test
    void restore_refuses_other_settings_and_damaged_bytes() {
        AnomalyModel model = model();
        AdaptiveScoring settings = variants().get(1);
        AdaptiveScorer s = new AdaptiveScorer(model, settings);
        for (double[] row : stream(50, 3)) {
            s.next(row);
        }
        byte[] snap = s.snapshot();
        PrognosException other = assertThrows(PrognosException.class,
                () -> AdaptiveScorer.restore(model, settings.withRangeCheck(0.1), snap));
        assertTrue(other.getMessage().contains("other settings"), other.getMessage());
        PrognosException warm = assertThrows(PrognosException.class,
                () -> AdaptiveScorer.restore(model, settings.withWarmUp(10), snap));
        assertTrue(warm.getMessage().contains("other settings"), "a warm-up is a setting: " + warm.getMessage());
        PrognosException cut = assertThrows(PrognosException.class,
                () -> AdaptiveScorer.restore(model, settings, Arrays.copyOf(snap, snap.length - 3)));
        assertTrue(cut.getMessage().contains("unreadable"), cut.getMessage());
        byte[] format = snap.clone();
        format[0] = 9;
        PrognosException f = assertThrows(PrognosException.class, () -> AdaptiveScorer.restore(model, settings, format));
        assertTrue(f.getMessage().contains("format 9"), f.getMessage());
        assertFalse(new AdaptiveScorer(model, settings).last().isPresent());
    }
}
