package org.prognos.live.device;

import java.util.Objects;

/**
 * What a score topic receives for one scored asset: the service's {@code mqtt.scoreTopic} and the Flink job's scores
 * topic write the same document (as JSON, field names the record's).
 *
 * @param asset     the asset
 * @param model     the model's name
 * @param version   its version
 * @param time      the time scored, as the model's axis writes it
 * @param risk      the risk in [0, 1]
 * @param band      its band
 * @param threshold the model's alarm threshold
 */
public record ScoreMessage(String asset, String model, int version, String time, double risk, String band, double threshold) {
    public ScoreMessage {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(band, "band");
    }
}
