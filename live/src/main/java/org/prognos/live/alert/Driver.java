package org.prognos.live.alert;

import java.util.Objects;

/**
 * A feature that drove a score.
 *
 * @param feature      the feature column
 * @param contribution the score minus the score with this feature at its reference value
 */
public record Driver(String feature, double contribution) {
    public Driver {
        Objects.requireNonNull(feature, "feature");
    }
}
