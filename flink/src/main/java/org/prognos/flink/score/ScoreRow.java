package org.prognos.flink.score;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One scored feature row of one asset.
 *
 * @param asset     the asset id
 * @param model     the model's name
 * @param version   the model's version
 * @param time      the row's time, in ticks of the model's axis
 * @param timeText  the row's time as the model's axis writes it
 * @param risk      the risk score
 * @param band      the risk band's label
 * @param threshold the model's alarm threshold
 * @param readings  the readings the asset's state had applied when the row was emitted
 * @param warnings  the answer's warnings, as the service's answer carries them: for an anomaly model scaling each asset
 *                  by its own, that this asset has no scaling of its own and is scored on the fleet's
 *                  ({@code LoadedModel.scalingWarning}); empty for every other row
 */
public record ScoreRow(String asset, String model, int version, long time, String timeText, double risk, String band,
                       double threshold, long readings, List<String> warnings) implements Serializable {
    public ScoreRow {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(timeText, "timeText");
        Objects.requireNonNull(band, "band");
        warnings = List.copyOf(warnings);
    }
}
