package org.prognos.models.batch;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.anomaly.ColumnScaling;
import org.prognos.models.anomaly.ScoreCalibration;
import org.prognos.models.anomaly.ZScoreDetector;

/**
 * The SYNTHETIC fixture of the per-asset replay's edge-case tests ({@link AdaptiveStepsTest}, {@link StreamedStepsTest}):
 * a two-column z-score model fitted on seeded Gaussian rows, scored adaptively with short rings so that a few dozen
 * rows score above 0.
 */
final class SyntheticAdaptive {
    static final AdaptiveScoring SETTINGS = new AdaptiveScoring(0, 3, 0, 5, 100, 20, 0.999, 10,
            AdaptiveScoring.NO_RANGE_CHECK);
    static final List<String> COLUMNS = List.of("a", "b");

    private SyntheticAdaptive() {
    }

    /** The model, fitted on 200 rows of {@link #noise} (seed 7). */
    static AnomalyModel model() {
        double[][] rows = noise(200, 7);
        ColumnScaling scaling = ColumnScaling.fit(rows, 2);
        ZScoreDetector detector = new ZScoreDetector(2);
        double[] raw = Arrays.stream(rows).mapToDouble(x -> detector.score(scaling.apply(x), new double[2])).toArray();
        return AnomalyModel.of(COLUMNS, scaling, detector, ScoreCalibration.fit(raw, 0.01))
                .withScoring(new AnomalyScoring.Adaptive(SETTINGS));
    }

    /** {@code n} seeded Gaussian rows, every 17th with a spread of 6 in its second column. */
    static double[][] noise(int n, long seed) {
        Random r = new Random(seed);
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[] {r.nextGaussian(), r.nextGaussian() * (i % 17 == 0 ? 6 : 1)};
        }
        return rows;
    }
}
