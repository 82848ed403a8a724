package org.prognos.models.predict;

import java.util.List;
import org.prognos.models.PredictionException;

/**
 * The input checks every adapter applies before scoring, so every payload kind refuses the same bad rows with the
 * same messages: a missing or wrong-width row, or an infinite value. {@code NaN} is a missing value and passes;
 * what it means is up to the adapter.
 */
public final class FeatureRows {
    private FeatureRows() {
    }

    /**
     * Checks that {@code rows} is a batch of rows indexed like {@code columns} with no infinite value.
     *
     * @throws PredictionException naming the first bad row (and column)
     */
    public static void check(double[][] rows, List<String> columns) {
        if (rows == null) {
            throw new PredictionException("feature rows are required");
        }
        for (int r = 0; r < rows.length; r++) {
            double[] row = rows[r];
            if (row == null) {
                throw new PredictionException("row " + r + " is missing");
            }
            if (row.length != columns.size()) {
                throw new PredictionException("row " + r + " has " + row.length + " values; the model takes "
                        + columns.size() + " feature columns");
            }
            for (int c = 0; c < row.length; c++) {
                if (Double.isInfinite(row[c])) {
                    throw new PredictionException("row " + r + ", column '" + columns.get(c) + "' is " + row[c]
                            + "; features must be finite or NaN (missing)");
                }
            }
        }
    }
}
