package org.prognos.inference.state;

import java.util.Optional;
import org.prognos.inference.scoring.ReadingWindow;
import org.prognos.models.runtime.answer.ModelRef;
import org.prognos.models.runtime.answer.ScoreResponse;

/**
 * An asset's risk as scored right after readings were applied: what alerts observe and what the score topic
 * publishes.
 *
 * @param asset     the asset id
 * @param model     the model (and version) that scored it
 * @param time      the scoring time on the model's axis (just after the asset's last reading)
 * @param timeText  that time, formatted on the axis
 * @param risk      the risk score in [0, 1]
 * @param band      its band label
 * @param threshold the model's alarm threshold
 * @param answer    the full answer (failure probabilities by component, or remaining life) when an
 *                  {@link IngestListener} listens, explained when the risk reaches the threshold
 * @param window    the readings whose application this score follows (its arrays are the window's own: read, never change)
 */
public record AssetScore(String asset, ModelRef model, long time, String timeText, double risk, String band, double threshold,
                         Optional<ScoreResponse> answer, ReadingWindow window) {
}
