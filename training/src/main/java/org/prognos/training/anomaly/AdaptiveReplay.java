package org.prognos.training.anomaly;

import java.util.Arrays;
import java.util.Map;
import org.prognos.features.extract.FeatureTable;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.batch.AdaptiveSteps;
import org.prognos.models.runtime.AdaptiveAnswers;

/**
 * The adaptive score a model served with {@code task.scoring: adaptive} gives the evaluated rows, computed as the
 * service computes it, so that the job's figures describe the score the service alarms on.
 *
 * <p><b>Which rows an asset's scorer sees.</b> The service keeps one {@link AdaptiveScorer} per asset and feeds it
 * every feature row the asset emits, from its first reading on, in time order. The replay does the same: each evaluated
 * asset's rows of the job's data, in time order, from its first row, go through one fresh scorer
 * ({@link AdaptiveSteps#of}: {@link AdaptiveScorer#scoreAll} per asset, the batch path the service parity tests compare
 * the service with, and the one {@code prognos score} and the Spark job score with), and the steps of its evaluated
 * rows are kept. So the rows of the asset <em>before</em> the evaluated period (under a time split: its
 * fit and calibration period; under an asset split the whole asset is evaluated, so there are none) warm the scorer up
 * as they would have in a service that streamed the asset from its start, and its {@code warmUp} rows count from the
 * asset's first row, as the service counts them. The scorer learns online from the evaluated rows too, as in the
 * service, but each row's score depends on earlier rows only; nothing is fitted on the evaluated rows (the detector,
 * scaling and calibration were fitted before, and the alarm level is the configured one).
 *
 * <p>The evaluated rows of an asset must be the end of its rows in the history (every row from the first evaluated
 * one on), or the stream would skip rows the service would have seen; that is refused.
 *
 * @param settings  the adaptive settings replayed
 * @param scores    each evaluated row's adaptive score, health index ({@link AdaptiveAnswers#health}) and alarm
 *                  (score ≥ {@code alarmLevel}, as the service's {@code anomaly.adaptive.alarm})
 * @param priorRows rows fed to the scorers before the evaluated periods, over all assets
 */
public record AdaptiveReplay(AdaptiveScoring settings, RowScores scores, long priorRows) {
    /**
     * Replays {@code served}'s adaptive scoring over {@code evaluated}.
     *
     * @param served    the model as published, scored adaptively
     * @param history   every row of the evaluated assets the service would have seen (may hold other assets too)
     * @param evaluated the evaluated rows, a table sorted by asset then time
     * @throws IllegalArgumentException when {@code served} is not scored adaptively, or an asset's evaluated rows are
     *                                  not the end of its rows in {@code history}
     */
    public static AdaptiveReplay of(AnomalyModel served, FeatureTable history, FeatureTable evaluated) {
        AdaptiveScoring settings = served.adaptive().orElseThrow(() -> new IllegalArgumentException(
                "the model is scored " + served.scoring().mode() + ", not adaptively: nothing to replay"));
        FeatureTable stream = new FeatureTable(evaluated.columns());
        int[] evaluatedAt = new int[evaluated.size()];   // each evaluated row's index in the stream
        Map<String, int[]> past = history.rowsByAsset();
        long prior = 0;
        for (Map.Entry<String, int[]> e : evaluated.rowsByAsset().entrySet()) {
            int[] mine = e.getValue();
            int[] before = before(history, past.getOrDefault(e.getKey(), new int[0]), e.getKey(), evaluated, mine);
            for (int i : before) {
                stream.row(e.getKey(), history.time(i), history.row(i));
            }
            for (int i : mine) {
                evaluatedAt[i] = stream.size();
                stream.row(e.getKey(), evaluated.time(i), evaluated.row(i));
            }
            prior += before.length;
        }
        AdaptiveScorer.Step[] steps = AdaptiveSteps.of(served, stream);   // each asset through a scorer of forAsset its asset
        double[] scores = new double[evaluated.size()];
        double[] health = new double[evaluated.size()];
        boolean[] alarms = new boolean[evaluated.size()];
        for (int r = 0; r < scores.length; r++) {
            double s = steps[evaluatedAt[r]].score();
            scores[r] = s;
            health[r] = AdaptiveAnswers.health(settings, s);
            alarms[r] = s >= settings.alarmLevel();
        }
        return new AdaptiveReplay(settings, new RowScores(scores, health, alarms), prior);
    }

    /** {@code asset}'s history rows before its first evaluated row; checks that the evaluated rows are the rest. */
    private static int[] before(FeatureTable history, int[] all, String asset, FeatureTable evaluated, int[] mine) {
        long first = evaluated.time(mine[0]);
        int[] before = Arrays.stream(all).filter(i -> history.time(i) < first).toArray();
        long from = all.length - before.length;
        if (all.length > 0 && from != mine.length) {
            throw new IllegalArgumentException("asset '" + asset + "' has " + mine.length + " evaluated rows but " + from
                    + " rows in its history from the first of them on: the replay would not see what the service sees");
        }
        return before;
    }
}
