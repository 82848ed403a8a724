package org.prognos.inference.report;

import java.util.Objects;

/**
 * What to do about an asset and how soon, as the report's action table ({@link ReportActions}) says for its band
 * (and the component at risk).
 *
 * @param action   what to do, in words ("plan the replacement of comp3")
 * @param leadTime how soon, in words ("within 7 days"); empty when there is no deadline
 */
public record Action(String action, String leadTime) {
    public Action {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(leadTime, "leadTime");
    }

    /** This action with {@code {component}} replaced by the component's name. */
    Action forComponent(String component) {
        return new Action(action.replace("{component}", component), leadTime.replace("{component}", component));
    }
}
