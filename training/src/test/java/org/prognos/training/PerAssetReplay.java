package org.prognos.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.prognos.features.extract.FeatureTable;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.training.anomaly.AdaptiveReplay;
import org.prognos.training.anomaly.RowScores;
import org.prognos.training.config.TrainingConfig;

/**
 * The check the per-asset tests share: a job's adaptive replay scores every evaluated row as one scorer made on
 * {@link AnomalyModel#forAsset} and fed the asset's rows from its first would, and a model without the asset's own part
 * ({@code without}) would score some of them otherwise, so the check can tell the two apart.
 */
final class PerAssetReplay {
    private PerAssetReplay() {
    }

    /**
     * @param c        the job, already run
     * @param served   its published model, served with {@code settings}
     * @param without  for an asset, the model to tell apart (without its own scaling, or its own detector)
     * @param apart    what the two differ in, for the message ("scalings", "detectors")
     */
    static void assertStreamsEachAssetOnItsOwn(TrainingConfig c, AnomalyModel served, AdaptiveScoring settings,
                                               Function<Optional<String>, AnomalyModel> without, String apart)
            throws IOException {
        AnomalyPlan plan = new AnomalyPlanner(c, s -> { }, 1).plan(JobData.open(c, AnomalyJobTest.JOBS, Optional.empty()));
        RowScores replayed = AdaptiveReplay.of(served, plan.table(), plan.test()).scores();
        FeatureTable table = plan.table();
        Map<String, int[]> evaluated = plan.test().rowsByAsset();
        int differ = 0;
        for (Map.Entry<String, int[]> e : table.rowsByAsset().entrySet()) {
            int[] mine = e.getValue();
            double[][] x = new double[mine.length][];
            long[] t = new long[mine.length];
            for (int i = 0; i < mine.length; i++) {
                x[i] = table.row(mine[i]);
                t[i] = table.time(mine[i]);
            }
            Optional<String> asset = Optional.of(e.getKey());
            AdaptiveScorer.Step[] own = AdaptiveScorer.scoreAll(served.forAsset(asset), settings, t, x);
            AdaptiveScorer.Step[] other = AdaptiveScorer.scoreAll(without.apply(asset), settings, t, x);
            int[] rows = evaluated.get(e.getKey());
            int offset = mine.length - rows.length;    // the evaluated rows are the end of the asset's rows
            for (int k = 0; k < rows.length; k++) {
                assertEquals(own[offset + k].score(), replayed.scores()[rows[k]], 0, e.getKey() + " row " + k);
                differ += other[offset + k].score() != own[offset + k].score() ? 1 : 0;
            }
        }
        assertTrue(differ > 0, "the test can tell the two " + apart + " apart");
    }
}
