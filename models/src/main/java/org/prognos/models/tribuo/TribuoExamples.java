package org.prognos.models.tribuo;

import java.util.List;
import org.prognos.models.PredictionException;
import org.tribuo.Output;
import org.tribuo.impl.ArrayExample;

/**
 * Turns a Prognos feature row into a Tribuo example — the one definition used by training and by serving, so both
 * treat missing values the same way.
 *
 * <p><b>NaN means "feature absent".</b> Tribuo examples are sparse: a feature that is not in the example is
 * missing. A {@code NaN} value is therefore <em>omitted</em> from the example rather than passed on. For XGBoost
 * models an absent feature is XGBoost's "missing", which follows the default branch learned at training time.
 * For models that read sparse vectors (Tribuo CART trees, linear models) an absent feature counts as {@code 0}; since
 * training builds its examples with this same method, the model learned under the same convention. A value of
 * {@code 0.0} is kept as an explicit feature.
 */
public final class TribuoExamples {
    private TribuoExamples() {
    }

    /** An example named by {@code columns} holding the non-NaN values of {@code row}, with {@code output}. */
    public static <T extends Output<T>> ArrayExample<T> of(List<String> columns, double[] row, T output) {
        if (row.length != columns.size()) {
            throw new PredictionException("row has " + row.length + " values for " + columns.size() + " columns");
        }
        int present = 0;
        for (double v : row) {
            if (!Double.isNaN(v)) {
                present++;
            }
        }
        String[] names = new String[present];
        double[] values = new double[present];
        for (int c = 0, k = 0; c < row.length; c++) {
            if (!Double.isNaN(row[c])) {
                names[k] = columns.get(c);
                values[k++] = row[c];
            }
        }
        return new ArrayExample<>(output, names, values);
    }
}
