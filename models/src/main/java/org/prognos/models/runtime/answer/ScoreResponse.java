package org.prognos.models.runtime.answer;

import java.util.List;
import java.util.Optional;

/**
 * The answer for one asset.
 *
 * @param model               the model name and version that scored it
 * @param asset               the asset id, when given
 * @param scoredAt            the time the features were evaluated at, on the model's time axis
 * @param readings            readings the features were computed from
 * @param failure             failure probabilities within the horizon (classifiers)
 * @param remainingUsefulLife predicted remaining useful life (RUL models)
 * @param anomaly             anomaly score, threshold and sensor contributions (anomaly models)
 * @param healthIndex         0 (failing) to 100 (healthy): 100 × (1 − risk score) for supervised models; for anomaly
 *                            models 50 at the alarm threshold (see {@code org.prognos.models.anomaly.HealthIndex})
 * @param risk                the risk score and band
 * @param explanation         top contributing features and sensors (absent when not asked for)
 * @param warnings            things the caller should know (partial windows, ignored events)
 */
public record ScoreResponse(ModelRef model, Optional<String> asset, String scoredAt, long readings,
                            Optional<FailureOutlook> failure, Optional<RemainingLife> remainingUsefulLife,
                            Optional<AnomalyOutlook> anomaly, double healthIndex,
                            RiskSummary risk, Optional<Explanation> explanation, List<String> warnings) {
    public ScoreResponse {
        warnings = List.copyOf(warnings);
    }

    /** This answer with {@code warning} added to its warnings. */
    public ScoreResponse withWarning(String warning) {
        List<String> all = new java.util.ArrayList<>(warnings);
        all.add(warning);
        return new ScoreResponse(model, asset, scoredAt, readings, failure, remainingUsefulLife, anomaly, healthIndex, risk,
                explanation, all);
    }

    /** This answer with {@code explanation} as its explanation. */
    public ScoreResponse withExplanation(Explanation explanation) {
        return new ScoreResponse(model, asset, scoredAt, readings, failure, remainingUsefulLife, anomaly, healthIndex, risk,
                Optional.of(explanation), warnings);
    }

    /** An answer of a supervised model (no anomaly part), as written before anomaly models existed. */
    public ScoreResponse(ModelRef model, Optional<String> asset, String scoredAt, long readings,
                         Optional<FailureOutlook> failure, Optional<RemainingLife> remainingUsefulLife, double healthIndex,
                         RiskSummary risk, Optional<Explanation> explanation, List<String> warnings) {
        this(model, asset, scoredAt, readings, failure, remainingUsefulLife, Optional.empty(), healthIndex, risk,
                explanation, warnings);
    }
}
