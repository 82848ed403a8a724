package org.prognos.inference.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prognos.models.runtime.answer.ModelRef;

/**
 * What the service remembers of an asset's recent past for the live page: its last scores and its last readings,
 * oldest first, in columns (one list per series, as charts draw them). Only the latest {@code capacity} of each are
 * kept, in memory only (a restart starts them empty).
 *
 * @param asset    the asset, as its tenant names it
 * @param model    the model that scored it last
 * @param capacity how many scores, and how many readings, are kept at most
 * @param scores   the recent scores
 * @param readings the recent readings
 */
public record AssetHistory(String asset, ModelRef model, int capacity, Scores scores, Readings readings) {
    /**
     * Recent scores, oldest first; the three lists have one entry per score.
     *
     * @param times when each score was evaluated, on the model's time axis (just after the readings it follows)
     * @param risks its risk in [0, 1]
     * @param bands its risk band
     */
    public record Scores(List<String> times, List<Double> risks, List<String> bands) {
        public Scores {
            times = List.copyOf(times);
            risks = List.copyOf(risks);
            bands = List.copyOf(bands);
        }
    }

    /**
     * Recent readings, oldest first.
     *
     * @param channels the model's channels, in its order
     * @param times    each reading's time on the model's axis
     * @param values   channel name to one value per reading ({@code null}: missing)
     */
    public record Readings(List<String> channels, List<String> times, Map<String, List<Double>> values) {
        public Readings {
            channels = List.copyOf(channels);
            times = List.copyOf(times);
            Map<String, List<Double>> copy = new LinkedHashMap<>();
            values.forEach((k, v) -> copy.put(k, Collections.unmodifiableList(new ArrayList<>(v))));   // nulls kept
            values = Collections.unmodifiableMap(copy);
        }
    }
}
