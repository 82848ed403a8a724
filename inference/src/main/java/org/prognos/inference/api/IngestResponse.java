package org.prognos.inference.api;

import java.util.List;
import org.prognos.models.runtime.answer.ModelRef;

/**
 * What a readings call did to an asset's streaming state.
 *
 * @param asset       the asset
 * @param model       the model whose spec the state follows
 * @param accepted    readings applied by this call
 * @param events      events applied by this call
 * @param readings    readings the state has seen in all
 * @param lastReading the time of the asset's last reading
 * @param stateBytes  the state's estimated heap size
 * @param warnings    notes, e.g. that the state was reset because the model's spec changed
 */
public record IngestResponse(String asset, ModelRef model, int accepted, int events, long readings, String lastReading,
                             long stateBytes, List<String> warnings) {
    public IngestResponse {
        warnings = List.copyOf(warnings);
    }
}
