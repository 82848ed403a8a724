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
 * @param part           which part of the model the curve follows when it has several (an ensemble's network, e.g.
 *                       {@code "network 2 of 5"}); empty for the whole model
 */
public record LearningCurve(String model, String step, double[] steps, double[] trainLoss, double[] validationLoss,
                            String part) {
    /** The curve of a model trained as one piece. */
    public LearningCurve(String model, String step, double[] steps, double[] trainLoss, double[] validationLoss) {
        this(model, step, steps, trainLoss, validationLoss, "");
    }

    public LearningCurve {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(part, "part");
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

    /** The chart title's subject: the model, and the part when there is one. */
    public String title() {
        return part.isEmpty() ? model : model + ", " + part;
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
        return o instanceof LearningCurve c && model.equals(c.model) && step.equals(c.step) && part.equals(c.part)
                && Arrays.equals(steps, c.steps) && Arrays.equals(trainLoss, c.trainLoss)
                && Arrays.equals(validationLoss, c.validationLoss);
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, step, part, Arrays.hashCode(steps), Arrays.hashCode(trainLoss),
                Arrays.hashCode(validationLoss));
    }

    @Override
    public String toString() {
        return "LearningCurve[" + model + (part.isEmpty() ? "" : " " + part) + ", " + steps.length + " " + step + "s]";
    }
}
