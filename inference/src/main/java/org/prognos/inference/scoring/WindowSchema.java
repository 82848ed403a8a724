package org.prognos.inference.scoring;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.ConflictException;
import org.prognos.inference.catalog.ServedModel;

/**
 * What a window of readings is read against: the model's input channels (their order is the order of a window's
 * values), the time axis its times are parsed on, and how it evaluates features at a time. A request body is read
 * against the schema of the model it names; the window is valid for every version of that model with the same
 * schema ({@link #matches}), so a reload that keeps the inputs does not invalidate a window being read.
 *
 * @param model        the model's name (it appears in error messages)
 * @param channels     input channels, in the order of a window's values
 * @param channelIndex the position of each channel in {@code channels}
 * @param axis         the time axis request times are parsed on and formatted with
 * @param gridEmission whether features at T use readings strictly before T (else at or before T)
 */
public record WindowSchema(String model, List<String> channels, Map<String, Integer> channelIndex, TimeAxis axis,
                           boolean gridEmission) {
    public WindowSchema {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(axis, "axis");
        channels = List.copyOf(channels);              // the model's lists are immutable already: no copy made
        channelIndex = Map.copyOf(channelIndex);
        if (channelIndex.size() != channels.size()) {
            throw new IllegalArgumentException("channelIndex has " + channelIndex.size() + " channels, channels "
                    + channels.size());
        }
    }

    /** The schema of {@code m}. */
    public static WindowSchema of(ServedModel m) {
        return new WindowSchema(m.name(), m.channels(), m.channelIndex(), m.requestAxis(), m.extractor().gridEmission());
    }

    /** Whether a window read against this schema means the same to {@code m} (same name, channels, axis and timing). */
    public boolean matches(ServedModel m) {
        return model.equals(m.name()) && channels.equals(m.channels()) && axis.equals(m.requestAxis())
                && gridEmission == m.extractor().gridEmission();
    }

    /**
     * Refuses to have {@code m} score a window read against this schema unless it {@link #matches} (a reload changed
     * the model's inputs while the request was read).
     *
     * @throws ConflictException when it does not match
     */
    public void requireMatch(ServedModel m) {
        if (!matches(m)) {
            throw new ConflictException("the model '" + model + "' was reloaded with other inputs (" + m + ") while the"
                    + " request was read; send it again");
        }
    }

    /**
     * Why {@code asOf} cannot be the scoring time of a window whose last reading is at {@code lastReading}: features
     * at T use readings strictly before T on a grid (at or before T otherwise). Empty when it can.
     */
    public Optional<String> asOfProblem(long lastReading, long asOf) {
        if (gridEmission ? asOf > lastReading : asOf >= lastReading) {
            return Optional.empty();
        }
        return Optional.of(axis.format(asOf) + " is not after the last reading (" + axis.format(lastReading) + "); this"
                + " model's features at T use readings strictly before T, so send readings before asOf, or leave asOf out"
                + " to score just after the last reading");
    }
}
