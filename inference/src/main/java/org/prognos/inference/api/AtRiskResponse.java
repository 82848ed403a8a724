package org.prognos.inference.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.prognos.models.runtime.answer.ModelRef;

/**
 * The tracked assets ranked by risk, highest first.
 *
 * @param assets  the top {@code limit} assets
 * @param tracked how many assets have streaming state
 */
public record AtRiskResponse(List<AtRiskAsset> assets, int tracked) {
    public AtRiskResponse {
        assets = List.copyOf(assets);
    }

    /**
     * One ranked asset.
     *
     * @param asset       the asset
     * @param model       the model that scored it
     * @param scoredAt    the time its features were evaluated at (just after its last reading)
     * @param risk        its risk score
     * @param band        its risk band
     * @param healthIndex its health index
     * @param lastReading the time of its last reading on the model's axis; left out when its window was emptied since
     * @param online      whether the device said it is online (Sparkplug B birth and death certificates); left out
     *                    when it never said
     */
    public record AtRiskAsset(String asset, ModelRef model, String scoredAt, double risk, String band, double healthIndex,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String lastReading,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Boolean online) {
    }
}
