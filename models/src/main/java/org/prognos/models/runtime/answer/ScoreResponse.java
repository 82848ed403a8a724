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
 * @param healthIndex         0 (failing) to 100 (healthy): 100 × (1 − risk score)
 * @param risk                the risk score and band
 * @param explanation         top contributing features and sensors (absent when not asked for)
 * @param warnings            things the caller should know (partial windows, ignored events)
 */
public record ScoreResponse(ModelRef model, Optional<String> asset, String scoredAt, long readings,
                            Optional<FailureOutlook> failure, Optional<RemainingLife> remainingUsefulLife, double healthIndex,
                            RiskSummary risk, Optional<Explanation> explanation, List<String> warnings) {
    public ScoreResponse {
        warnings = List.copyOf(warnings);
    }
}
