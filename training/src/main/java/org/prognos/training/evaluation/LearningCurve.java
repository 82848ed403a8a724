package org.prognos.training.evaluation;

import java.util.Arrays;
import java.util.Objects;

/**
 * Training and validation loss of one model along its training (per epoch for networks, per boosting iteration for
 * trees), given by the trainer. A missing validation value is {@code NaN} and leaves a gap in the plot.
 *
 * @param model          the result the curve belongs to
 * @param step           what a step is ({@code "epoch"}, {@code "iteration"})
 * @param steps          the step numbers, finite
 * @param trainLoss      training loss at each step
 * @param validationLoss validation loss at each step, {@code NaN} where not measured
 */
public record LearningCurve(String model, String step, double[] steps, double[] trainLoss, double[] validationLoss) {
    public LearningCurve {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(step, "step");
        if (steps.length != trainLoss.length || steps.length != validationLoss.length) {
            throw new EvaluationException("learning curve of '" + model + "': " + steps.length + " steps, "
                    + trainLoss.length + " training losses, " + validationLoss.length + " validation losses");
        }
        if (steps.length == 0) {
            throw new EvaluationException("learning curve of '" + model + "' has no step");
        }
        for (double s : steps) {
            if (!Double.isFinite(s)) {
                throw new EvaluationException("learning curve of '" + model + "': step " + s + " is not finite");
            }
        }
        steps = steps.clone();
        trainLoss = trainLoss.clone();
        validationLoss = validationLoss.clone();
    }

    @Override
    public double[] steps() {
        return steps.clone();
    }

    @Override
    public double[] trainLoss() {
        return trainLoss.clone();
    }

    @Override
    public double[] validationLoss() {
        return validationLoss.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LearningCurve c && model.equals(c.model) && step.equals(c.step)
                && Arrays.equals(steps, c.steps) && Arrays.equals(trainLoss, c.trainLoss)
                && Arrays.equals(validationLoss, c.validationLoss);
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, step, Arrays.hashCode(steps), Arrays.hashCode(trainLoss),
                Arrays.hashCode(validationLoss));
    }

    @Override
    public String toString() {
        return "LearningCurve[" + model + ", " + steps.length + " " + step + "s]";
    }
}
