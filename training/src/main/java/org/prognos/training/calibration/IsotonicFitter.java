package org.prognos.training.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.prognos.models.calibration.ProbabilityCalibration;

/**
 * Isotonic regression of the outcome on the score by pool-adjacent-violators (Barlow et al. 1972; sklearn's
 * {@code IsotonicRegression}): the non-decreasing step function closest in squared error. Its blocks become the
 * map's knots, each placed at the block's mean score with the block's failure rate, so the map is linear between
 * block centres and flat beyond the outer ones. Equal scores fall in one block (the map is a function of the score).
 */
public final class IsotonicFitter {
    private IsotonicFitter() {
    }

    /**
     * @param scores   raw P(any failure) per row, in [0, 1]
     * @param outcomes 1 for a row with a failure within the horizon, else 0
     */
    public static ProbabilityCalibration fit(double[] scores, double[] outcomes, int assets, String how) {
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        // blocks: sum of scores, sum of outcomes, count; ties start merged
        List<double[]> blocks = new ArrayList<>();
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            double[] last = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
            if (last != null && scores[i] == last[3]) {
                last[0] += scores[i];
                last[1] += outcomes[i];
                last[2] += 1;
            } else {
                blocks.add(new double[] {scores[i], outcomes[i], 1, scores[i]});
            }
            while (blocks.size() > 1) {
                double[] b = blocks.get(blocks.size() - 1);
                double[] a = blocks.get(blocks.size() - 2);
                if (a[1] / a[2] < b[1] / b[2]) {
                    break;
                }
                a[0] += b[0];
                a[1] += b[1];
                a[2] += b[2];
                a[3] = b[3];
                blocks.remove(blocks.size() - 1);
            }
        }
        double[] x = new double[blocks.size()];
        double[] y = new double[blocks.size()];
        int n = 0;
        for (double[] b : blocks) {
            double cx = Math.min(1, Math.max(0, b[0] / b[2]));
            double cy = b[1] / b[2];
            if (n > 0 && cx <= x[n - 1]) {      // two block centres equal to within rounding: keep one knot
                y[n - 1] = Math.max(y[n - 1], cy);
                continue;
            }
            x[n] = cx;
            y[n] = n > 0 ? Math.max(cy, y[n - 1]) : cy;
            n++;
        }
        return ProbabilityCalibration.isotonic(Arrays.copyOf(x, n), Arrays.copyOf(y, n), scores.length, assets, how);
    }
}
