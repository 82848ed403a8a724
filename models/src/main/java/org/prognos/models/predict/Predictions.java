package org.prognos.models.predict;

import java.util.Arrays;
import java.util.List;
import org.prognos.models.PredictionException;

/**
 * The predictions for a batch of feature rows, one per row in row order: class probabilities (classification),
 * values (regression) or anomaly scores with per-feature contributions (anomaly detection). Immutable: arrays are
 * copied in and out.
 */
public sealed interface Predictions permits Predictions.Probabilities, Predictions.Values, Predictions.Anomalies {
    /** Tolerance on the sum of a row's probabilities (adapters compute in float or double). */
    double PROBABILITY_SUM_TOLERANCE = 1e-4;

    /** The number of rows. */
    int size();

    /** The prediction of row {@code row}. */
    Prediction get(int row);

    /**
     * Class probabilities per row.
     *
     * @param classes       the class names, in column order of {@code probabilities}
     * @param probabilities {@code [row][class]}, each row in [0, 1] and summing to 1; a value past 0 or 1 by no more
     *                      than {@link #PROBABILITY_SUM_TOLERANCE} (float arithmetic in an adapter: XGBoost's
     *                      1.0000000303) is taken as 0 or 1, further is refused
     */
    record Probabilities(List<String> classes, double[][] probabilities) implements Predictions {
        public Probabilities {
            classes = List.copyOf(classes);
            double[][] copy = new double[probabilities.length][];
            for (int r = 0; r < probabilities.length; r++) {
                copy[r] = probabilities[r].clone();
                if (copy[r].length != classes.size()) {
                    throw new PredictionException("row " + r + " has " + copy[r].length + " probabilities for "
                            + classes.size() + " classes " + classes);
                }
                double sum = 0;
                for (int c = 0; c < copy[r].length; c++) {
                    double p = copy[r][c];
                    if (!(p >= -PROBABILITY_SUM_TOLERANCE && p <= 1 + PROBABILITY_SUM_TOLERANCE)) {
                        throw new PredictionException("row " + r + ": probability of '" + classes.get(c) + "' is " + p
                                + ", outside [0, 1]");
                    }
                    sum += p;
                    copy[r][c] = Math.min(1, Math.max(0, p));
                }
                if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
                    throw new PredictionException("row " + r + ": probabilities sum to " + sum + ", not 1");
                }
            }
            probabilities = copy;
        }

        @Override
        public int size() {
            return probabilities.length;
        }

        @Override
        public Prediction.Probabilities get(int row) {
            return new Prediction.Probabilities(classes, probabilities[row]);
        }

        /** The probabilities (a deep copy). */
        @Override
        public double[][] probabilities() {
            double[][] copy = new double[probabilities.length][];
            for (int r = 0; r < copy.length; r++) {
                copy[r] = probabilities[r].clone();
            }
            return copy;
        }

        /** The probability of {@code className} for every row. */
        public double[] column(String className) {
            int c = classes.indexOf(className);
            if (c < 0) {
                throw new PredictionException("no class '" + className + "'; classes: " + classes);
            }
            double[] out = new double[probabilities.length];
            for (int r = 0; r < out.length; r++) {
                out[r] = probabilities[r][c];
            }
            return out;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Probabilities p && classes.equals(p.classes) && Arrays.deepEquals(probabilities, p.probabilities);
        }

        @Override
        public int hashCode() {
            return classes.hashCode() * 31 + Arrays.deepHashCode(probabilities);
        }

        @Override
        public String toString() {
            return "Probabilities" + classes + " for " + probabilities.length + " rows";
        }
    }

    /**
     * One value per row.
     *
     * @param values the predicted values, in row order
     */
    record Values(double[] values) implements Predictions {
        public Values {
            values = values.clone();
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public Prediction.Value get(int row) {
            return new Prediction.Value(values[row]);
        }

        /** The values (a copy). */
        @Override
        public double[] values() {
            return values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Values v && Arrays.equals(values, v.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Values" + (values.length <= 8 ? Arrays.toString(values) : " for " + values.length + " rows");
        }
    }

    /**
     * Anomaly scores of an anomaly model: per row the calibrated score, the detector's raw score and each feature
     * column's contribution to the raw score; the raw alarm threshold is the model's, the same for every row.
     *
     * @param scores        calibrated scores in [0, 1] (see {@code org.prognos.models.anomaly.ScoreCalibration})
     * @param raw           the detector's raw scores, at least 0
     * @param threshold     the raw score at which the model alarms
     * @param contributions {@code [row][column]}: how much each feature column adds to the raw score
     */
    record Anomalies(double[] scores, double[] raw, double threshold, double[][] contributions) implements Predictions {
        public Anomalies {
            if (scores.length != raw.length || raw.length != contributions.length) {
                throw new PredictionException("anomaly predictions of " + scores.length + " scores, " + raw.length
                        + " raw scores and " + contributions.length + " contribution rows");
            }
            scores = scores.clone();
            raw = raw.clone();
            double[][] copy = new double[contributions.length][];
            for (int r = 0; r < copy.length; r++) {
                if (!(scores[r] >= 0 && scores[r] <= 1)) {
                    throw new PredictionException("row " + r + ": anomaly score " + scores[r] + " is outside [0, 1]");
                }
                copy[r] = contributions[r].clone();
            }
            contributions = copy;
        }

        @Override
        public int size() {
            return scores.length;
        }

        @Override
        public Prediction.Anomaly get(int row) {
            return new Prediction.Anomaly(scores[row], raw[row], threshold, contributions[row]);
        }

        /** The calibrated scores (a copy). */
        @Override
        public double[] scores() {
            return scores.clone();
        }

        /** The raw scores (a copy). */
        @Override
        public double[] raw() {
            return raw.clone();
        }

        /** The contributions (a deep copy). */
        @Override
        public double[][] contributions() {
            double[][] copy = new double[contributions.length][];
            for (int r = 0; r < copy.length; r++) {
                copy[r] = contributions[r].clone();
            }
            return copy;
        }

        /** Rows {@code from} to {@code from + n - 1}. */
        public Anomalies slice(int from, int n) {
            return new Anomalies(Arrays.copyOfRange(scores, from, from + n), Arrays.copyOfRange(raw, from, from + n),
                    threshold, Arrays.copyOfRange(contributions, from, from + n));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Anomalies a && Arrays.equals(scores, a.scores) && Arrays.equals(raw, a.raw)
                    && Double.compare(threshold, a.threshold) == 0 && Arrays.deepEquals(contributions, a.contributions);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(scores) * 31 + Arrays.hashCode(raw);
        }

        @Override
        public String toString() {
            return "Anomalies for " + scores.length + " rows, raw threshold " + threshold;
        }
    }
}
