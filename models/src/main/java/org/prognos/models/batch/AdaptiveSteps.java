package org.prognos.models.batch;

import java.util.Map;
import java.util.Optional;
import org.prognos.features.extract.FeatureTable;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.runtime.AdaptiveAnswers;

/**
 * The adaptive steps of a feature table under an anomaly model scored adaptively ({@code task.scoring: adaptive}),
 * computed as the service computes them: each asset's rows, in time order from its first row, through one fresh
 * {@link AdaptiveScorer} ({@link AdaptiveScorer#scoreAll}, the batch path the service's, Flink's and the report's
 * parity tests hold their per-row paths against). The one per-asset replay that {@code prognos score}, the Spark
 * scoring job and the training job's evaluation ({@code AdaptiveReplay}) share.
 *
 * <p>The steps depend on every earlier row of the asset, so the table must hold each asset's rows from its first
 * one on, every row its feature spec emits (the batch extraction's rows); a table holding only some of them gives
 * other steps than the service's, which nothing here can detect. {@link #at} then answers rows at other times (a
 * grid, an {@code asOf}) from those steps.
 */
public final class AdaptiveSteps {
    private static final int[] NONE = new int[0];

    private AdaptiveSteps() {
    }

    /**
     * Every row's step: row {@code i} of {@code rows} gets the step its asset's scorer answers after that row, each
     * asset's rows (of any table order) fed in time order to one fresh scorer under {@code served}'s settings, made
     * with the asset's own scaling when {@code served} has one ({@link AnomalyModel#forAsset}).
     *
     * @throws IllegalArgumentException when {@code served} is not scored adaptively, or an asset has two rows at one
     *                                  time (a scorer's rows are in increasing time)
     */
    public static AdaptiveScorer.Step[] of(AnomalyModel served, FeatureTable rows) {
        AdaptiveScoring settings = served.adaptive().orElseThrow(() -> new IllegalArgumentException(
                "the model is scored " + served.scoring().mode() + ", not adaptively: it has no adaptive steps"));
        AdaptiveScorer.Step[] steps = new AdaptiveScorer.Step[rows.size()];
        for (Map.Entry<String, int[]> e : rows.rowsByAsset().entrySet()) {
            int[] mine = e.getValue();
            long[] times = new long[mine.length];
            double[][] stream = new double[mine.length][];
            for (int i = 0; i < mine.length; i++) {
                times[i] = rows.time(mine[i]);
                stream[i] = rows.row(mine[i]);
                if (i > 0 && times[i] == times[i - 1]) {
                    throw new IllegalArgumentException("asset '" + e.getKey() + "' has two feature rows at time " + times[i]
                            + ": an asset's rows reach its scorer in increasing time");
                }
            }
            AdaptiveScorer.Step[] s = AdaptiveScorer.scoreAll(served.forAsset(Optional.of(e.getKey())), settings, times, stream);
            for (int i = 0; i < mine.length; i++) {
                steps[mine[i]] = s[i];
            }
        }
        return steps;
    }

    /**
     * The step answering each row of {@code at} (an asset at a time T): the step after the asset's last row of
     * {@code rows} at or before T ({@code steps[i]} is row {@code i}'s, as {@link #of} gives them), or
     * {@link AdaptiveAnswers#NO_ROW_YET} when the asset has none by then.
     *
     * <p>Why "at or before T": the asset's feature state passes a row at T to its scorer when its clock reaches T
     * (a grid row at T is completed by evaluating at T, {@code AssetState.vectorAt}), and a row emitted after a
     * reading at T carries that reading. So a row of {@code at} that is one of the spec's rows gets that row's own
     * step (an {@code --every} grid on the spec's own grid gives the spec rows' steps), and the answer just after an
     * asset's last reading gets the step after every row its readings emitted, as the service's answer for the asset
     * does (one exception: a grid point exactly one tick after the last reading counts here, and in the service only
     * once its clock passes it).
     */
    public static AdaptiveScorer.Step[] at(AdaptiveScorer.Step[] steps, FeatureTable rows, FeatureTable at) {
        if (steps.length != rows.size()) {
            throw new IllegalArgumentException(steps.length + " steps for " + rows.size() + " rows");
        }
        Map<String, int[]> byAsset = rows.rowsByAsset();
        AdaptiveScorer.Step[] out = new AdaptiveScorer.Step[at.size()];
        for (int i = 0; i < out.length; i++) {
            int[] mine = byAsset.getOrDefault(at.asset(i), NONE);
            int k = lastAtOrBefore(rows, mine, at.time(i));
            out[i] = k < 0 ? AdaptiveAnswers.NO_ROW_YET : steps[mine[k]];
        }
        return out;
    }

    /** The position in {@code mine} (row indices in time order) of the last row at or before {@code t}; −1 if none. */
    private static int lastAtOrBefore(FeatureTable rows, int[] mine, long t) {
        int lo = 0;
        int hi = mine.length;   // invariant: rows before lo are at or before t, rows from hi on after it
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (rows.time(mine[mid]) <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }
}
