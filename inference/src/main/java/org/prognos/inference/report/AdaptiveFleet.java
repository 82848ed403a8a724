package org.prognos.inference.report;

import org.prognos.features.extract.RowSink;
import org.prognos.features.scan.AssetScan;
import org.prognos.features.scan.FleetScan;
import org.prognos.features.scan.StreamScores;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.batch.AdaptiveScans;
import org.prognos.models.runtime.AdaptiveAnswers;
import org.prognos.models.runtime.answer.ScoreResponse;

/**
 * The report's view of an anomaly model scored adaptively ({@code task.scoring: adaptive}): each asset ranked on the
 * score the service would answer after its last reading, banded and given a health index as the service does
 * ({@link AdaptiveAnswers}); its risk history is the adaptive score at the scan's history rows. From a history
 * ({@code --data}) the scan's one pass feeds one scorer per asset here ({@link AdaptiveScans}: the rows the service's
 * state emits for the same readings); scans taken elsewhere carry the same numbers, computed by the same class in the
 * Spark job's pass, as their {@link StreamScores}, which are read instead.
 */
final class AdaptiveFleet implements RowSink {
    private final AdaptiveScans live;
    private final AdaptiveScoring settings;

    /**
     * @param model  the bundle's anomaly model, scored adaptively
     * @param bucket the scan's history bucket ({@link FleetScan#bucket})
     */
    AdaptiveFleet(AnomalyModel model, long bucket) {
        this.live = new AdaptiveScans(model, bucket);
        this.settings = model.adaptive().orElseThrow();
    }

    @Override
    public void row(String asset, long time, double[] values) {
        live.row(asset, time, values);
    }

    /** {@code fitted} (the fitted model's answer for {@code scan}'s latest window) with the asset's adaptive score. */
    ScoreResponse answer(AssetScan scan, ScoreResponse fitted) {
        return AdaptiveAnswers.of(fitted, settings, scan.stream().map(AdaptiveScans::step)
                .orElseGet(() -> live.last(scan.asset())));
    }

    /** The adaptive score at each of the scan's history times ({@code NaN} where no row was scored then). */
    double[] historyRisks(AssetScan scan) {
        return scan.stream().map(StreamScores::history).orElseGet(() -> live.historyScores(scan));
    }

    /** The alarm level: the report's threshold for this model. */
    double threshold() {
        return settings.alarmLevel();
    }
}
