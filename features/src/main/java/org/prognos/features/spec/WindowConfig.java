package org.prognos.features.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.prognos.features.InvalidSpecException;

/**
 * A window, as written in a spec: either {@code {"samples": 30}} (the last 30 readings) or
 * {@code {"span": "24h"}} (the readings in the last 24 hours; on a cycle axis a span is in cycles).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WindowConfig(Integer samples, String span) {
    @JsonCreator
    public WindowConfig(@JsonProperty("samples") Integer samples, @JsonProperty("span") String span) {
        if ((samples == null) == (span == null)) {
            throw new InvalidSpecException("a window needs exactly one of 'samples' (a count) or 'span' (a duration)");
        }
        if (samples != null && samples < 1) {
            throw new InvalidSpecException("window 'samples' must be at least 1, found " + samples);
        }
        this.samples = samples;
        this.span = span;
    }

    public static WindowConfig ofSamples(int n) {
        return new WindowConfig(n, null);
    }

    public static WindowConfig ofSpan(String span) {
        return new WindowConfig(null, span);
    }
}
