package org.prognos.features.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.telemetry.TimeAxis;

/** The time axis of a spec: {@code {"axis": "cycles"}} or {@code {"axis": "timestamps", "zone": "UTC"}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimeConfig(String axis, String zone) {
    @JsonCreator
    public TimeConfig(@JsonProperty("axis") String axis, @JsonProperty("zone") String zone) {
        if (axis == null) {
            throw new InvalidSpecException("'time.axis' is required: 'cycles' or 'timestamps'");
        }
        String a = axis.toLowerCase(Locale.ROOT);
        if (!a.equals("cycles") && !a.equals("timestamps")) {
            throw new InvalidSpecException("'time.axis' must be 'cycles' or 'timestamps', found '" + axis + "'");
        }
        this.axis = a;
        this.zone = a.equals("timestamps") ? (zone == null ? "UTC" : zone) : null;
        toAxis();
    }

    public static TimeConfig cycles() {
        return new TimeConfig("cycles", null);
    }

    public static TimeConfig timestamps(String zone) {
        return new TimeConfig("timestamps", zone);
    }

    /** The axis this config describes. */
    public TimeAxis toAxis() {
        if (axis.equals("cycles")) {
            return new TimeAxis.Cycles();
        }
        try {
            return new TimeAxis.Timestamps(ZoneId.of(zone));
        } catch (DateTimeException e) {
            throw new InvalidSpecException("'time.zone' is not a time zone: '" + zone + "'");
        }
    }
}
