package org.prognos.live.alert;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One score of one asset by one model, as the alert rule sees it.
 *
 * @param asset        the asset id
 * @param model        the model name (an alert belongs to an asset and a model, across the model's versions)
 * @param modelVersion the model version that scored it
 * @param time         the data time the score is for (the asset's last reading), on the model's axis
 * @param value        what is compared with the threshold: a probability or anomaly score, or a remaining life
 * @param threshold    the threshold of the model's alarm band, in the same unit
 * @param direction    which side of the threshold is bad
 * @param component    the component most likely to fail, when the model names components
 * @param drivers      the features that drove the score, most important first
 * @param outlook      the probabilities or the remaining life, as the model gave them
 */
public record Observation(String asset, String model, int modelVersion, DataTime time, double value, double threshold,
                          Direction direction, Optional<String> component, List<Driver> drivers, Outlook outlook) {
    public Observation {
        requireName("asset", asset);
        requireName("model", model);
        if (modelVersion < 0) {
            throw new IllegalArgumentException("modelVersion must not be negative, found " + modelVersion);
        }
        Objects.requireNonNull(time, "time");
        requireFinite("value", value);
        requireFinite("threshold", threshold);
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(component, "component");
        drivers = List.copyOf(drivers);
        Objects.requireNonNull(outlook, "outlook");
    }

    static void requireName(String what, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }

    static void requireFinite(String what, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be finite, found " + v);
        }
    }
}
