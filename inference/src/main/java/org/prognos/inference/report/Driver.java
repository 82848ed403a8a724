package org.prognos.inference.report;

import java.util.Locale;
import java.util.Objects;

/**
 * A feature that moves an asset's risk, as the report names it everywhere (table, detail, CSV, JSON): the column,
 * its label for people from the feature spec ({@code FeatureExtractor.labels()}) and its occlusion contribution.
 *
 * @param feature      the feature column (the key in vectors and bundles)
 * @param label        the column's label, e.g. "days since comp3 replaced"
 * @param contribution risk minus the risk with this feature at its typical training value: positive raises the risk
 */
public record Driver(String feature, String label, double contribution) {
    public Driver {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(label, "label");
    }

    /** The driver in words with its signed contribution: {@code days since comp3 replaced (+0.276)}. */
    public String text() {
        return label + String.format(Locale.ROOT, " (%+.3f)", contribution);
    }
}
