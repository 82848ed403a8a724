package org.prognos.inference.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Many assets scored in one call (one prediction call for all of them).
 *
 * @param assets one window per asset
 */
public record BatchScoreRequest(List<ScoreRequest> assets) {
    public BatchScoreRequest {
        assets = assets == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(assets));
    }
}
