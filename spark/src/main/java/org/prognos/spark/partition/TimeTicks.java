package org.prognos.spark.partition;

import org.apache.spark.sql.api.java.UDF1;
import org.prognos.features.spec.SpecJson;
import org.prognos.features.telemetry.TimeAxis;

/**
 * A time cell written as text, parsed into ticks by the spec's own {@link TimeAxis}: the parser the single-machine
 * readers use, so a CSV row gets the same tick on both paths.
 */
public final class TimeTicks implements UDF1<String, Long> {
    private static final long serialVersionUID = 1L;

    private final String specJson;
    private transient TimeAxis axis;

    /** @param specJson the job's feature spec, whose time axis parses the cells */
    public TimeTicks(String specJson) {
        this.specJson = specJson;
    }

    @Override
    public Long call(String text) {
        if (axis == null) {
            axis = SpecJson.parse(specJson, "the job's feature spec").time().toAxis();
        }
        return axis.parse(text.strip());
    }
}
