package org.prognos.models.predict;

import java.util.Arrays;
import java.util.List;
import org.prognos.models.PredictionException;

/**
 * The prediction for one feature row: class probabilities for a classification task, a value for a regression
 * task, an anomaly score for an anomaly task. A closed set, matching {@link org.prognos.models.bundle.Task}.
 */
public sealed interface Prediction permits Prediction.Probabilities, Prediction.Value, Prediction.Anomaly {

    /**
     * One probability per class, in the task's class order.
     *
     * @param classes       the class names
     * @param probabilities one probability per class, each in [0, 1]
     */
    record Probabilities(List<String> classes, double[] probabilities) implements Prediction {
        public Probabilities {
            classes = List.copyOf(classes);
            probabilities = probabilities.clone();
            if (probabilities.length != classes.size()) {
                throw new PredictionException(probabilities.length + " probabilities for " + classes.size() + " classes");
            }
        }

        /** The probabilities, in class order (a copy). */
        @Override
        public double[] probabilities() {
            return probabilities.clone();
        }

        /** The probability of {@code className}. */
        public double probability(String className) {
            int i = classes.indexOf(className);
            if (i < 0) {
                throw new PredictionException("no class '" + className + "'; classes: " + classes);
            }
            return probabilities[i];
        }

        /** The most probable class (the first one on ties). */
        public String mostLikely() {
            int best = 0;
            for (int i = 1; i < probabilities.length; i++) {
                if (probabilities[i] > probabilities[best]) {
                    best = i;
                }
            }
            return classes.get(best);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Probabilities p && classes.equals(p.classes) && Arrays.equals(probabilities, p.probabilities);
        }

        @Override
        public int hashCode() {
            return classes.hashCode() * 31 + Arrays.hashCode(probabilities);
        }

        @Override
        public String toString() {
            return "Probabilities" + classes + Arrays.toString(probabilities);
        }
    }

    /**
     * A real-valued prediction, e.g. remaining useful life in the task's unit.
     *
     * @param value the predicted value
     */
    record Value(double value) implements Prediction {
    }

    /**
     * An anomaly score.
     *
     * @param score         the calibrated score in [0, 1]
     * @param raw           the detector's raw score
     * @param threshold     the raw score at which the model alarms
     * @param contributions each feature column's contribution to {@code raw}
     */
    record Anomaly(double score, double raw, double threshold, double[] contributions) implements Prediction {
        public Anomaly {
            contributions = contributions.clone();
        }

        /** The contributions, in column order (a copy). */
        @Override
        public double[] contributions() {
            return contributions.clone();
        }

        /** Whether the raw score reaches the alarm threshold. */
        public boolean alarm() {
            return raw >= threshold;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Anomaly a && Double.compare(score, a.score) == 0 && Double.compare(raw, a.raw) == 0
                    && Double.compare(threshold, a.threshold) == 0 && Arrays.equals(contributions, a.contributions);
        }

        @Override
        public int hashCode() {
            return Double.hashCode(score) * 31 + Double.hashCode(raw);
        }

        @Override
        public String toString() {
            return "Anomaly[score=" + score + ", raw=" + raw + ", threshold=" + threshold + "]";
        }
    }
}
