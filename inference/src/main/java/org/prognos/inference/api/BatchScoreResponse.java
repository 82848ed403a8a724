package org.prognos.inference.api;

import java.util.List;
import org.prognos.models.runtime.answer.ScoreResponse;

/**
 * Scores of a batch, in request order.
 *
 * @param scores one answer per asset
 */
public record BatchScoreResponse(List<ScoreResponse> scores) {
    public BatchScoreResponse {
        scores = List.copyOf(scores);
    }
}
