package org.prognos.live.alert;

import java.util.Objects;

/**
 * A feature that drove a score, named as the report and the live page name it.
 *
 * @param feature      the feature column (the key in vectors and bundles)
 * @param label        the column's label for people, from the model's feature spec ("vibration, 24 h mean", "days
 *                     since comp3 replaced"); the column itself where there is none (an alert stored before labels)
 * @param contribution the score minus the score with this feature at its reference value
 */
public record Driver(String feature, String label, double contribution) {
    public Driver {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(label, "label");
    }

    /** A driver labelled by its column name: for features with no label for people. */
    public static Driver unlabelled(String feature, double contribution) {
        return new Driver(feature, feature, contribution);
    }
}
