package org.prognos.models.batch;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.prognos.features.extract.RowSink;
import org.prognos.features.scan.AssetScan;
import org.prognos.features.scan.FleetScan;
import org.prognos.features.scan.StreamScores;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.runtime.AdaptiveAnswers;

/**
 * An anomaly model scored adaptively, run beside a fleet scan ({@link FleetScan}, the at-risk report's pass): one
 * {@link AdaptiveScorer} per asset, fed every feature row of the asset's stream as the scan's states emit them (the rows
 * the service's state emits for the same readings), keeping the asset's last step and its adaptive score at the scan's
 * history buckets. The report reads them here when it scans a dataset itself ({@code prognos report --data}); a scan
 * taken elsewhere (the Spark job's {@code --report-input}) carries them as the scan's {@link StreamScores}
 * ({@link #carried}), which {@link #step} reads back. Thread-safe across assets (the scan's lanes); one asset's rows
 * come from one lane, in time order.
 */
public final class AdaptiveScans implements RowSink {
    private final AnomalyModel model;
    private final AdaptiveScoring settings;
    private final long bucket;
    private final Map<String, AdaptiveScorer> scorers = new ConcurrentHashMap<>();
    private final Map<String, ArrayDeque<Scored>> recent = new ConcurrentHashMap<>();

    /** A row's time and its adaptive score. */
    private record Scored(long time, double score) {
    }

    /**
     * @param model  the bundle's anomaly model, scored adaptively
     * @param bucket the scan's history bucket ({@link FleetScan#bucket})
     * @throws IllegalArgumentException when {@code model} is not scored adaptively
     */
    public AdaptiveScans(AnomalyModel model, long bucket) {
        this.model = model;
        this.settings = model.adaptive().orElseThrow(() -> new IllegalArgumentException("the model is not scored adaptively"));
        this.bucket = bucket;
    }

    @Override
    public void row(String asset, long time, double[] values) {
        // each asset's scorer is made with its own scaling, if the model has one
        AdaptiveScorer scorer = scorers.computeIfAbsent(asset, a -> new AdaptiveScorer(model.forAsset(Optional.of(a)), settings));
        AdaptiveScorer.Step step = scorer.next(time, values);
        FleetScan.keepLatestPerBucket(recent.computeIfAbsent(asset, a -> new ArrayDeque<>()), new Scored(time, step.score()),
                time, Scored::time, bucket);
    }

    /** {@code asset}'s step after its last row; {@link AdaptiveAnswers#NO_ROW_YET} when its state emitted none. */
    public AdaptiveScorer.Step last(String asset) {
        AdaptiveScorer scorer = scorers.get(asset);
        return scorer == null ? AdaptiveAnswers.NO_ROW_YET : scorer.last().orElse(AdaptiveAnswers.NO_ROW_YET);
    }

    /** The adaptive score at each of {@code scan}'s history times ({@code NaN} where no row was scored then). */
    public double[] historyScores(AssetScan scan) {
        ArrayDeque<Scored> kept = recent.getOrDefault(scan.asset(), new ArrayDeque<>());
        long[] times = scan.historyTimes();
        double[] out = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            long t = times[i];
            out[i] = kept.stream().filter(s -> s.time() == t).mapToDouble(Scored::score).findFirst().orElse(Double.NaN);
        }
        return out;
    }

    /**
     * What {@code scan} carries to a report elsewhere: its asset's last step ({@code raw, likelihood, score, rows}) and
     * {@link #historyScores}, computed by {@code scorer} (the model as {@code name:version}).
     */
    public StreamScores carried(AssetScan scan, String scorer) {
        AdaptiveScorer.Step s = last(scan.asset());
        return new StreamScores(scorer, new double[] {s.raw(), s.likelihood(), s.score(), s.rows()}, historyScores(scan));
    }

    /**
     * The step {@code carried} holds ({@link #carried}'s numbers read back), on {@link AdaptiveScorer.Scaling#MODEL}:
     * the four numbers do not say whether the asset was learning its scaling.
     *
     * @throws IllegalArgumentException when it does not hold four numbers
     */
    public static AdaptiveScorer.Step step(StreamScores carried) {
        double[] n = carried.last();
        if (n.length != 4) {
            throw new IllegalArgumentException("an adaptive step is 4 numbers (raw, likelihood, score, rows), the scan"
                    + " carries " + n.length + " from " + carried.scorer());
        }
        // the scan carries no scaling stage (the report reads the score, not the learnScaling warning)
        return new AdaptiveScorer.Step(n[0], n[1], n[2], (long) n[3], AdaptiveScorer.Scaling.MODEL);
    }
}
