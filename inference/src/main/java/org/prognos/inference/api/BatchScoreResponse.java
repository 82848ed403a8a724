package org.prognos.inference.api;

import java.util.List;

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
