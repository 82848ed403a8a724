package org.prognos.training;

import org.prognos.features.extract.FeatureTable;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.telemetry.Dataset;
import org.prognos.training.config.NormalSelection;

/**
 * The rows of an anomaly job, after the split ({@link AnomalyPlanner}): what {@link AnomalyJob} fits, calibrates and
 * evaluates. The arrays are the planner's own, read only.
 *
 * @param data        what the job opened
 * @param fitted      the spec, its normalization fitted on the training assets' normal readings
 * @param table       every row of the training data, sorted by asset then time
 * @param test        every row of the test assets (of the separate test set, when there is one)
 * @param testData    the data the test rows come from
 * @param train       indices into {@code table} of the normal rows that fit
 * @param calibration indices into {@code table} of the normal rows that only calibrate
 * @param normal      the compiled normal selection
 * @param description the split in words
 */
record AnomalyPlan(JobData data, FeatureSpec fitted, FeatureTable table, FeatureTable test, Dataset testData,
                   int[] train, int[] calibration, NormalSelection.Test normal, String description) {
    /** A single asset split in time: its health is followed to the end of its data (the failure, for a run to failure). */
    boolean oneAsset() {
        return description.startsWith("one asset");
    }
}
