package org.prognos.models.drift;

import java.util.Locale;

/**
 * How far a feature's live distribution has moved from training, from best to worst. The order matters: a model's
 * overall status is the worst of its features'.
 */
public enum DriftStatus {
    /** Within what sampling noise gives: nothing to do. */
    STABLE,
    /** A visible change worth a look (PSI between the moderate and the drifted threshold). */
    MODERATE,
    /** The live data no longer looks like training: the model's answers on it are not backed by its evaluation. */
    DRIFTED;

    /** The name in JSON, metrics and alerts: {@code stable}, {@code moderate}, {@code drifted}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The worse of the two. */
    public DriftStatus worst(DriftStatus other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
