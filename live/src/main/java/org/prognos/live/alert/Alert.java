package org.prognos.live.alert;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An alert of one asset by one model: what opened it, how bad it got, and when it opened and closed (data times).
 * Opening values (value, component, drivers, outlook, model version) are those of the score that opened it.
 *
 * @param id           stable id: {@link #idOf} of the asset, the model and the data time it opened at
 * @param asset        the asset id
 * @param model        the model name
 * @param modelVersion the model version of the opening score
 * @param direction    which side of the threshold is bad
 * @param threshold    the threshold crossed
 * @param value        the value of the opening score
 * @param peak         the worst value seen while open (so far, for an open alert)
 * @param component    the component most likely to fail, when the model names components
 * @param drivers      the features that drove the opening score
 * @param outlook      the probabilities or remaining life of the opening score
 * @param firstBeyond  the time of the first of the K scores beyond the threshold
 * @param opened       the time of the K-th, when the alert opened
 * @param closed       the time of the K-th score back past the release level, once closed
 */
public record Alert(String id, String asset, String model, int modelVersion, Direction direction, double threshold,
                    double value, double peak, Optional<String> component, List<Driver> drivers, Outlook outlook,
                    DataTime firstBeyond, DataTime opened, Optional<DataTime> closed) {
    public Alert {
        Observation.requireName("id", id);
        Observation.requireName("asset", asset);
        Observation.requireName("model", model);
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(component, "component");
        drivers = List.copyOf(drivers);
        Objects.requireNonNull(outlook, "outlook");
        Objects.requireNonNull(firstBeyond, "firstBeyond");
        Objects.requireNonNull(opened, "opened");
        Objects.requireNonNull(closed, "closed");
    }

    /**
     * The id of the alert of {@code asset} by {@code model} that opened at data time {@code openedTick}: a name-based
     * (version 3) UUID, so the same scores give the same id in every run, replay and process.
     */
    public static String idOf(String asset, String model, long openedTick) {
        String name = "prognos-alert\u0000" + asset + "\u0000" + model + "\u0000" + openedTick;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Whether it has not closed yet. */
    public boolean isOpen() {
        return closed.isEmpty();
    }

    /** This alert with its peak updated by {@code v}. */
    Alert seen(double v) {
        double p = direction.worse(peak, v);
        return p == peak ? this : new Alert(id, asset, model, modelVersion, direction, threshold, value, p, component,
                drivers, outlook, firstBeyond, opened, closed);
    }

    /** This alert, closed at {@code time}. */
    Alert closedAt(DataTime time) {
        return new Alert(id, asset, model, modelVersion, direction, threshold, value, peak, component, drivers, outlook,
                firstBeyond, opened, Optional.of(time));
    }
}
