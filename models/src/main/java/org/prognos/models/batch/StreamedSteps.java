package org.prognos.models.batch;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.extract.RowSink;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.runtime.AdaptiveAnswers;

/**
 * The adaptive steps answering chosen rows (an asset at a time T each), computed while every feature row the spec
 * emits streams past, without holding those rows: {@link AdaptiveSteps#at}{@code (}{@link AdaptiveSteps#of}{@code (rows),
 * rows, at)} to the bit, in the memory of one {@link AdaptiveScorer} per asset (the state the service holds for it)
 * instead of the fleet's feature table. Each spec row goes to its asset's scorer as it arrives; before it does, the
 * asset's chosen rows strictly before the row's time take the step the scorer last answered (the step after the
 * asset's last row at or before them, or {@link AdaptiveAnswers#NO_ROW_YET}), and {@link #steps()} answers the rest
 * with the asset's last step once the stream has ended.
 *
 * <p>Feed it as a {@link RowSink} (a batch extraction's sink): rows of one asset in increasing time, assets in any
 * interleaving. It holds no feature row after {@link #row} returns (the scorer keeps what its settings say, a ring of
 * raw scores, and online neighbours' rows when it compares with them: {@link #scorerBytes()}); the chosen rows'
 * steps, one per chosen row, are its output. Thread-safe: a multi-lane extraction calls the sink from its lanes.
 */
public final class StreamedSteps implements RowSink {
    private final AnomalyModel served;
    private final AdaptiveScoring settings;
    private final FeatureTable at;
    private final AdaptiveScorer.Step[] steps;
    private final Map<String, Asset> assets = new HashMap<>();
    private long rows;

    /**
     * A stream answering every row of {@code at} (only its assets and times are read) under {@code served}.
     *
     * @throws IllegalArgumentException when {@code served} is not scored adaptively
     */
    public StreamedSteps(AnomalyModel served, FeatureTable at) {
        this.served = served;
        this.settings = served.adaptive().orElseThrow(() -> new IllegalArgumentException(
                "the model is scored " + served.scoring().mode() + ", not adaptively: it has no adaptive steps"));
        this.at = at;
        this.steps = new AdaptiveScorer.Step[at.size()];
        at.rowsByAsset().forEach((asset, asked) -> assets.put(asset, new Asset(asset, asked)));
    }

    /**
     * Feeds the next spec row of {@code asset} to its scorer, first answering the asset's chosen rows before
     * {@code time}.
     *
     * @throws IllegalArgumentException when the asset's previous row is at or after {@code time} (a scorer's rows
     *                                  are in increasing time)
     */
    @Override
    public synchronized void row(String asset, long time, double[] values) {
        assets.computeIfAbsent(asset, a -> new Asset(a, new int[0])).feed(time, values);
        rows++;
    }

    /** The spec rows fed so far, over all assets. */
    public synchronized long rowsFed() {
        return rows;
    }

    /** The bytes the assets' scorers hold now ({@link AdaptiveScorer#estimatedBytes}, summed). */
    public synchronized long scorerBytes() {
        return assets.values().stream().mapToLong(a -> a.scorer.estimatedBytes()).sum();
    }

    /**
     * One step per row of {@code at}, in its order, once every spec row has been fed: a chosen row at T has the step
     * after its asset's last spec row at or before T.
     */
    public synchronized AdaptiveScorer.Step[] steps() {
        for (Asset a : assets.values()) {
            a.answerThrough(Long.MAX_VALUE);
        }
        return steps.clone();
    }

    /** One asset: its scorer, its chosen rows (indices of {@code at} in time order) and how many are answered. */
    private final class Asset {
        final String id;
        final int[] asked;
        final AdaptiveScorer scorer;
        int answered;
        long last = Long.MIN_VALUE;

        Asset(String id, int[] asked) {
            this.id = id;
            this.asked = asked;
            this.scorer = new AdaptiveScorer(served.forAsset(Optional.of(id)), settings);   // its own scaling, if any
        }

        void feed(long time, double[] values) {
            if (scorer.rowsSeen() > 0 && time <= last) {
                throw new IllegalArgumentException(time == last
                        ? "asset '" + id + "' has two feature rows at time " + time
                        + ": an asset's rows reach its scorer in increasing time"
                        : "asset '" + id + "' has a feature row at time " + time + " after one at " + last
                        + ": an asset's rows reach its scorer in increasing time");
            }
            answerThrough(time - 1);
            scorer.next(time, values.clone());
            last = time;
        }

        /** Answers the chosen rows at or before {@code t} with the step the scorer last gave. */
        void answerThrough(long t) {
            AdaptiveScorer.Step now = scorer.last().orElse(AdaptiveAnswers.NO_ROW_YET);
            while (answered < asked.length && at.time(asked[answered]) <= t) {
                steps[asked[answered++]] = now;
            }
        }
    }
}
