package org.prognos.training.evaluation;

import java.util.Arrays;

/**
 * The points of a curve for plotting (a precision–recall or ROC curve, a cost curve), in drawing order, with the
 * score threshold that produced each point. Curves are kept small: {@link #downsample(int)} keeps at most a given
 * number of points, always including the first and the last.
 *
 * @param x          abscissae
 * @param y          ordinates, as many as {@code x}
 * @param thresholds the threshold of each point, as many as {@code x} ({@code +Infinity} for the (0, 0) start of a
 *                   ROC curve, a threshold above every score; {@code NaN} for points without one, as a scatter's)
 */
public record Curve(double[] x, double[] y, double[] thresholds) {
    /** Most points kept for a plotted curve. */
    public static final int MAX_POINTS = 200;

    public Curve {
        if (x.length != y.length || x.length != thresholds.length) {
            throw new EvaluationException("a curve needs as many x (" + x.length + "), y (" + y.length
                    + ") and thresholds (" + thresholds.length + ")");
        }
        x = x.clone();
        y = y.clone();
        thresholds = thresholds.clone();
    }

    /** The number of points. */
    public int size() {
        return x.length;
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    @Override
    public double[] thresholds() {
        return thresholds.clone();
    }

    /**
     * At most {@code maxPoints} points at evenly spaced positions along the curve (first and last included); the
     * curve itself when it is already small enough.
     */
    public Curve downsample(int maxPoints) {
        if (maxPoints < 2) {
            throw new EvaluationException("a downsampled curve keeps at least 2 points, asked for " + maxPoints);
        }
        int n = x.length;
        if (n <= maxPoints) {
            return this;
        }
        double[] dx = new double[maxPoints];
        double[] dy = new double[maxPoints];
        double[] dt = new double[maxPoints];
        for (int i = 0; i < maxPoints; i++) {
            int k = (int) Math.round((double) i * (n - 1) / (maxPoints - 1));
            dx[i] = x[k];
            dy[i] = y[k];
            dt[i] = thresholds[k];
        }
        return new Curve(dx, dy, dt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Curve c && Arrays.equals(x, c.x) && Arrays.equals(y, c.y)
                && Arrays.equals(thresholds, c.thresholds);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(x) + Arrays.hashCode(y)) + Arrays.hashCode(thresholds);
    }

    @Override
    public String toString() {
        return "Curve[" + x.length + " points]";
    }
}
