package org.prognos.features.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.prognos.features.InvalidSpecException;

/**
 * When rows are emitted.
 *
 * <ul>
 *   <li>{@code {"everySamples": n}}: after every n-th reading of an asset; the row's time is that reading's
 *       time and its windows include it (C-MAPSS: a row per cycle).</li>
 *   <li>{@code {"every": "3h"}}: at each point T of a grid of that stride (multiples of the stride from
 *       midnight 1970-01-01 in the spec's zone, or from cycle 0); a row at T uses only data strictly before
 *       T, and exists only when the asset had a reading in [T − stride, T) (Azure guide: a row every 3 h).</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmitConfig(Integer everySamples, String every) {
    @JsonCreator
    public EmitConfig(@JsonProperty("everySamples") Integer everySamples, @JsonProperty("every") String every) {
        if ((everySamples == null) == (every == null)) {
            throw new InvalidSpecException("'emit' needs exactly one of 'everySamples' (a count) or 'every' (a stride such as 3h)");
        }
        if (everySamples != null && everySamples < 1) {
            throw new InvalidSpecException("'emit.everySamples' must be at least 1, found " + everySamples);
        }
        this.everySamples = everySamples;
        this.every = every;
    }

    public static EmitConfig everySample() {
        return new EmitConfig(1, null);
    }

    public static EmitConfig every(String stride) {
        return new EmitConfig(null, stride);
    }
}
