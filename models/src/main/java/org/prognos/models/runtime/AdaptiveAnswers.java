package org.prognos.models.runtime;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.prognos.models.PredictionException;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.HealthIndex;
import org.prognos.models.runtime.answer.AnomalyOutlook;
import org.prognos.models.runtime.answer.RiskSummary;
import org.prognos.models.runtime.answer.ScoreResponse;

/**
 * The answer of an anomaly model scored adaptively ({@code AnomalyScoring.Adaptive}): the fitted model's answer for the
 * asset's current row (its calibrated score, contributions by sensor and explanation, as {@link Scorer} gives them),
 * with risk, band and health index taken from the asset's {@link AdaptiveScorer} step instead, and the step itself in
 * {@link AnomalyOutlook#adaptive()}.
 *
 * <p>Bands: the adaptive score is a tail probability (Φ of a z-score), so it is banded like a calibrated score at a
 * false-alarm rate of 1 − {@code alarmLevel} ({@link BandScale.FalseAlarm}): with the default 0.999, watch from 0.995,
 * high from 0.999 (the alarm), critical from 0.9999; a new extreme (score 1) is critical. The health index is
 * {@link HealthIndex} at that rate: 50 exactly at {@code alarmLevel}. An {@code alarmLevel} below 0.5 is banded as if
 * it were 0.5, and 1 as if it were 1 − 10⁻⁹ (a false-alarm rate must lie in (0, 0.5]).
 */
public final class AdaptiveAnswers {
    private static final double SMALLEST_RATE = 1e-9;
    /** What an answer for a window scored alone (no asset stream) says when its model is scored adaptively. */
    public static final String WINDOW_ALONE = "this model is scored adaptively, per asset, against the asset's own past:"
            + " a window scored alone gets the fitted model's score; stream the asset's readings to"
            + " /v1/assets/{asset}/readings and read /v1/assets/{asset}/score for the adaptive score";
    /**
     * What an asset scored adaptively answers before its scorer has seen a row: score 0 (warming up), 0 rows, on the
     * model's scaling (an asset that learns its scaling is told it is learning: nothing is learned before a row).
     */
    public static final AdaptiveScorer.Step NO_ROW_YET = new AdaptiveScorer.Step(Double.NaN, 0, 0, 0,
            AdaptiveScorer.Scaling.MODEL);

    private AdaptiveAnswers() {
    }

    /** The bands of adaptive scores under {@code settings}. */
    public static BandScale bands(AdaptiveScoring settings) {
        return new BandScale.FalseAlarm(rate(settings));
    }

    /**
     * {@code model}'s adaptive answer: {@link #of(ScoreResponse, AdaptiveScoring, AdaptiveScorer.Step)} with its
     * settings, the scaling warning of an asset that learns its scaling told where its learning stands by the step
     * ({@link LoadedModel#scalingWarning(Optional, Optional)}, looked up once). What the service and Flink's
     * {@code ScoreRow} answer.
     *
     * @throws PredictionException when {@code fitted} has no anomaly part
     */
    public static ScoreResponse of(LoadedModel model, ScoreResponse fitted, AdaptiveScorer.Step step) {
        AdaptiveScoring settings = model.adaptiveAnomaly().orElseThrow(() -> new PredictionException(
                "model '" + model.name() + "' is not scored adaptively")).adaptive().orElseThrow();
        ScoreResponse answer = of(fitted, settings, step);
        Optional<LoadedModel.Retold> retold = model.retoldScalingWarning(fitted.asset(), step);
        if (retold.isEmpty()) {
            return answer;    // no warning, or one the step does not change
        }
        String plain = retold.get().plain();
        List<String> warnings = answer.warnings().stream().map(w -> w.equals(plain) ? retold.get().told() : w).toList();
        return new ScoreResponse(answer.model(), answer.asset(), answer.scoredAt(), answer.readings(), answer.failure(),
                answer.remainingUsefulLife(), answer.anomaly(), answer.healthIndex(), answer.risk(), answer.explanation(),
                warnings);
    }

    /**
     * {@code fitted} (an anomaly model's answer for the row the step scored) with the adaptive step's risk, band,
     * health index and outlook.
     *
     * @throws PredictionException when {@code fitted} has no anomaly part
     */
    public static ScoreResponse of(ScoreResponse fitted, AdaptiveScoring settings, AdaptiveScorer.Step step) {
        AnomalyOutlook outlook = fitted.anomaly().orElseThrow(() -> new PredictionException(
                "an adaptive answer needs an anomaly model's answer, found one of " + fitted.model()));
        BandScale bands = bands(settings);
        double score = step.score();
        RiskBand band = bands.band(score);
        AnomalyOutlook.Adaptive adaptive = new AnomalyOutlook.Adaptive(score, step.likelihood(),
                Double.isNaN(step.raw()) ? OptionalDouble.empty() : OptionalDouble.of(step.raw()),
                settings.alarmLevel(), score >= settings.alarmLevel(), step.rows());
        return new ScoreResponse(fitted.model(), fitted.asset(), fitted.scoredAt(), fitted.readings(), fitted.failure(),
                fitted.remainingUsefulLife(), Optional.of(outlook.withAdaptive(adaptive)),
                health(settings, score),
                new RiskSummary(score, band.label(), bands.threshold(), band.alarm(), band.action()),
                fitted.explanation(), fitted.warnings());
    }

    /** The health index of an adaptive score: 50 at the alarm level, about 100 well below it. */
    public static double health(AdaptiveScoring settings, double score) {
        return HealthIndex.of(score, rate(settings));
    }

    private static double rate(AdaptiveScoring settings) {
        return Math.min(0.5, Math.max(SMALLEST_RATE, 1 - settings.alarmLevel()));
    }
}
