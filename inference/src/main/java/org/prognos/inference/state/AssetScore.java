package org.prognos.inference.state;

import org.prognos.models.runtime.answer.ModelRef;

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
 */
public record AssetScore(String asset, ModelRef model, long time, String timeText, double risk, String band, double threshold) {
}
