package org.prognos.inference.report;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.prognos.features.extract.RowSink;
import org.prognos.features.scan.AssetScan;
import org.prognos.features.scan.FleetScan;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.runtime.AdaptiveAnswers;
import org.prognos.models.runtime.answer.ScoreResponse;

/**
 * The report's view of an anomaly model scored adaptively ({@code task.scoring: adaptive}): one {@link AdaptiveScorer}
 * per asset, fed every feature row of the asset's stream in the scan's one pass ({@link FleetScan}: the rows the
 * service's state emits for the same readings), so that each asset is ranked on the score the service would answer
 * after its last reading, banded and given a health index as the service does ({@link AdaptiveAnswers}); its risk
 * history is the adaptive score at the scan's history rows. Thread-safe across assets (the scan's lanes); one asset's
 * rows come from one lane, in time order.
 */
final class AdaptiveFleet implements RowSink {
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
     */
    AdaptiveFleet(AnomalyModel model, long bucket) {
        this.model = model;
        this.settings = model.adaptive().orElseThrow(() -> new IllegalArgumentException("the model is not scored adaptively"));
        this.bucket = bucket;
    }

    @Override
    public void row(String asset, long time, double[] values) {
        AdaptiveScorer.Step step = scorers.computeIfAbsent(asset, a -> new AdaptiveScorer(model, settings)).next(time, values);
        FleetScan.keepLatestPerBucket(recent.computeIfAbsent(asset, a -> new ArrayDeque<>()), new Scored(time, step.score()),
                time, Scored::time, bucket);
    }

    /** {@code fitted} (the fitted model's answer for {@code asset}'s latest window) with the asset's adaptive score. */
    ScoreResponse answer(String asset, ScoreResponse fitted) {
        AdaptiveScorer scorer = scorers.get(asset);
        AdaptiveScorer.Step step = scorer == null ? AdaptiveAnswers.NO_ROW_YET   // no row emitted yet: score 0, as the service
                : scorer.last().orElse(AdaptiveAnswers.NO_ROW_YET);
        return AdaptiveAnswers.of(fitted, settings, step);
    }

    /** The adaptive score at each of the scan's history times ({@code NaN} where no row was scored then). */
    double[] historyRisks(AssetScan scan) {
        ArrayDeque<Scored> kept = recent.getOrDefault(scan.asset(), new ArrayDeque<>());
        long[] times = scan.historyTimes();
        double[] out = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            long t = times[i];
            out[i] = kept.stream().filter(s -> s.time() == t).mapToDouble(Scored::score).findFirst().orElse(Double.NaN);
        }
        return out;
    }

    /** The alarm level: the report's threshold for this model. */
    double threshold() {
        return settings.alarmLevel();
    }
}
