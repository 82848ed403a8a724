package org.prognos.models.baseline;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prognos.models.BundleFormatException;
import org.prognos.models.bundle.Payload;
import org.prognos.models.bundle.PayloadKind;
import org.prognos.models.bundle.Task;
import org.prognos.models.predict.Predictions;

/**
 * A model to beat, small enough to be stored as JSON (payload kind {@code baseline-json}) and served like any
 * other model: if a trained model cannot beat these, it does not work. A closed set; each case fits one kind of
 * task and knows how to predict.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Baseline.ClassPrior.class, name = "class-prior"),
    @JsonSubTypes.Type(value = Baseline.ConstantValue.class, name = "constant"),
    @JsonSubTypes.Type(value = Baseline.LinearDegradation.class, name = "linear-degradation")})
public sealed interface Baseline permits Baseline.ClassPrior, Baseline.ConstantValue, Baseline.LinearDegradation {
    /** The payload file name in a bundle. */
    String FILE = "baseline.json";

    /**
     * Checks this baseline can serve {@code task} on rows of {@code columns}.
     *
     * @throws BundleFormatException naming the mismatch
     */
    void checkFits(Task task, List<String> columns);

    /** Predicts rows already checked by {@link org.prognos.models.predict.FeatureRows#check}. */
    Predictions predict(double[][] rows, List<String> columns, Task task);

    /** This baseline as a bundle payload. */
    default Payload payload() {
        String json = BaselineJson.write(this);
        return new Payload(PayloadKind.BASELINE_JSON, FILE, dir -> Files.writeString(dir.resolve(FILE), json + "\n"));
    }

    /**
     * The class frequencies of the training labels, predicted for every row (the "no skill" classifier).
     *
     * @param probabilities class name to probability; the classes are the task's, the probabilities sum to 1
     */
    record ClassPrior(Map<String, Double> probabilities) implements Baseline {
        public ClassPrior {
            if (probabilities == null || probabilities.size() < 2) {
                throw new BundleFormatException("a class prior needs a probability for at least two classes, found "
                        + probabilities);
            }
            double sum = 0;
            for (Map.Entry<String, Double> e : probabilities.entrySet()) {
                Double p = e.getValue();
                if (p == null || !(p >= 0 && p <= 1)) {
                    throw new BundleFormatException("class prior probability of '" + e.getKey() + "' is " + p
                            + ", outside [0, 1]");
                }
                sum += p;
            }
            if (Math.abs(sum - 1) > Predictions.PROBABILITY_SUM_TOLERANCE) {
                throw new BundleFormatException("class prior probabilities sum to " + sum + ", not 1");
            }
            probabilities = Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
        }

        /**
         * The prior of training labels given as class indices into {@code classes} ({@code NaN} labels, the
         * censored rows, are skipped).
         */
        public static ClassPrior fit(List<String> classes, double[] labels) {
            long[] counts = new long[classes.size()];
            long n = 0;
            for (double l : labels) {
                if (Double.isNaN(l)) {
                    continue;
                }
                int k = (int) l;
                if (k != l || k < 0 || k >= classes.size()) {
                    throw new BundleFormatException("label " + l + " is not a class index below " + classes.size());
                }
                counts[k]++;
                n++;
            }
            if (n == 0) {
                throw new BundleFormatException("cannot fit a class prior without labelled rows");
            }
            Map<String, Double> p = new LinkedHashMap<>();
            for (int k = 0; k < counts.length; k++) {
                p.put(classes.get(k), counts[k] / (double) n);
            }
            return new ClassPrior(p);
        }

        @Override
        public void checkFits(Task task, List<String> columns) {
            if (!task.isClassification() || !probabilities.keySet().equals(new HashSet<>(task.outputNames()))) {
                throw new BundleFormatException("a class prior over " + probabilities.keySet() + " cannot serve a task"
                        + " with outputs " + task.outputNames());
            }
        }

        @Override
        public Predictions predict(double[][] rows, List<String> columns, Task task) {
            double[] row = task.outputNames().stream().mapToDouble(probabilities::get).toArray();
            double[][] out = new double[rows.length][];
            for (int r = 0; r < rows.length; r++) {
                out[r] = row;
            }
            return new Predictions.Probabilities(task.outputNames(), out);
        }
    }

    /**
     * The same value for every row, e.g. the mean remaining useful life of the training rows.
     *
     * @param value the value
     */
    record ConstantValue(double value) implements Baseline {
        public ConstantValue {
            if (!Double.isFinite(value)) {
                throw new BundleFormatException("a constant baseline needs a finite value, found " + value);
            }
        }

        /** The mean of the training targets ({@code NaN} targets, the censored rows, are skipped). */
        public static ConstantValue fit(double[] targets) {
            double sum = 0;
            long n = 0;
            for (double t : targets) {
                if (!Double.isNaN(t)) {
                    sum += t;
                    n++;
                }
            }
            if (n == 0) {
                throw new BundleFormatException("cannot fit a constant baseline without labelled rows");
            }
            return new ConstantValue(sum / n);
        }

        @Override
        public void checkFits(Task task, List<String> columns) {
            requireRegression(task, "a constant");
        }

        @Override
        public Predictions predict(double[][] rows, List<String> columns, Task task) {
            double[] out = new double[rows.length];
            Arrays.fill(out, value);
            return new Predictions.Values(out);
        }
    }

    /**
     * Remaining life falling linearly with one feature (typically age or time since maintenance):
     * {@code intercept + slope × x}, clipped to [0, cap] (the task's cap, if it has one). A row whose feature is
     * {@code NaN} gets {@code whenMissing}.
     *
     * @param column      the feature column {@code x}
     * @param intercept   the value at {@code x = 0}
     * @param slope       the change per unit of {@code x} (negative for degradation)
     * @param whenMissing the prediction when {@code x} is missing, e.g. the training mean
     */
    record LinearDegradation(String column, double intercept, double slope, double whenMissing) implements Baseline {
        public LinearDegradation {
            if (column == null || column.isBlank()) {
                throw new BundleFormatException("a linear-degradation baseline needs its feature column");
            }
            if (!Double.isFinite(intercept) || !Double.isFinite(slope) || !Double.isFinite(whenMissing)) {
                throw new BundleFormatException("a linear-degradation baseline needs finite intercept, slope and"
                        + " whenMissing, found " + intercept + ", " + slope + ", " + whenMissing);
            }
        }

        @Override
        public void checkFits(Task task, List<String> columns) {
            requireRegression(task, "a linear-degradation");
            if (!columns.contains(column)) {
                throw new BundleFormatException("the linear-degradation baseline reads column '" + column
                        + "', which the spec does not compute");
            }
        }

        @Override
        public Predictions predict(double[][] rows, List<String> columns, Task task) {
            int c = columns.indexOf(column);
            double cap = task instanceof Task.RemainingUsefulLife rul && rul.cap().isPresent()
                    ? rul.cap().getAsDouble() : Double.POSITIVE_INFINITY;
            double[] out = new double[rows.length];
            for (int r = 0; r < rows.length; r++) {
                double x = rows[r][c];
                out[r] = Double.isNaN(x) ? whenMissing : Math.min(cap, Math.max(0, intercept + slope * x));
            }
            return new Predictions.Values(out);
        }
    }

    private static void requireRegression(Task task, String what) {
        if (task.isClassification()) {
            throw new BundleFormatException(what + " baseline predicts a value; the task needs class probabilities"
                    + " over " + task.outputNames());
        }
    }
}
