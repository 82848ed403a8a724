package org.prognos.training.interval;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.prognos.PrognosException;
import org.prognos.models.interval.RulInterval;

/**
 * Fits a {@link RulInterval} from calibration residuals: estimates ŷ of rows no model fitted on them had seen, and
 * their truths y. The conformity score of a row is {@code |y − ŷ| / s(ŷ)} ({@link RulInterval.Method#scale}); the
 * interval's quantile is the finite-sample conformal quantile of the n scores,
 * the ⌈(n+1)·coverage⌉-th smallest, which gives coverage ≥ nominal for a new exchangeable row.
 *
 * <p>Exchangeability caveat: one residual per unit-cycle is used, and residuals of one unit are correlated, so the
 * guarantee is not exact for a new unit; with cross-fitting (each unit's residuals from a model fitted without it)
 * and many units it holds approximately. The test protocol's empirical coverage is the check.
 */
public final class ConformalFitter {
    private ConformalFitter() {
    }

    /**
     * The ⌈(n+1)·coverage⌉-th smallest of {@code scores} (1-based); NaN scores are refused.
     *
     * @throws PrognosException when there are too few scores for the coverage ({@code ⌈(n+1)·coverage⌉ > n}: the
     *                          conformal quantile is infinite)
     */
    public static double quantile(double[] scores, double coverage) {
        if (!(coverage > 0 && coverage < 1)) {
            throw new PrognosException("coverage must be in (0, 1), found " + coverage);
        }
        int n = scores.length;
        long k = (long) Math.ceil((n + 1) * coverage - 1e-9);   // guard: (n+1)·0.9 may round up past an integer
        if (k > n) {
            throw new PrognosException("a " + coverage + " conformal interval needs at least "
                    + (int) Math.ceil(coverage / (1 - coverage) - 1e-9) + " calibration residuals, found " + n);
        }
        double[] sorted = scores.clone();
        for (double s : sorted) {
            if (Double.isNaN(s)) {
                throw new PrognosException("a calibration score is NaN (a NaN estimate or truth)");
            }
        }
        Arrays.sort(sorted);
        return sorted[(int) Math.max(k, 1) - 1];
    }

    /**
     * The interval fitted on calibration rows.
     *
     * @param estimates   out-of-fold estimates, one per calibration row
     * @param truths      the rows' truths (the labels the model was trained on)
     * @param assets      the rows' assets (only counted, for provenance)
     * @param method      the conformity score
     * @param coverage    the nominal coverage
     * @param scaleFloor  {@link RulInterval.Method#SCALED}: the floor added to the estimate
     * @param calibration how the estimates were obtained, in words
     */
    public static RulInterval fit(double[] estimates, double[] truths, String[] assets, RulInterval.Method method,
                                  double coverage, double scaleFloor, String calibration) {
        return fit(estimates, truths, assets, method, coverage, scaleFloor, 1, 0, calibration);
    }

    /**
     * As {@link #fit(double[], double[], String[], RulInterval.Method, double, double, String)}, with {@code bins}
     * equal-count bins of the estimates for {@link RulInterval.Method#BINNED} (each bin's quantile at its own
     * finite-sample level; ties at an edge all go to the upper bin, so a bin may hold fewer rows than its share), and
     * {@code cap} the cap of {@code truths} (0: uncapped).
     */
    public static RulInterval fit(double[] estimates, double[] truths, String[] assets, RulInterval.Method method,
                                  double coverage, double scaleFloor, int bins, double cap, String calibration) {
        if (estimates.length != truths.length || estimates.length != assets.length) {
            throw new PrognosException("calibration arrays disagree in length: " + estimates.length + " estimates, "
                    + truths.length + " truths, " + assets.length + " assets");
        }
        double floor = method == RulInterval.Method.SCALED ? scaleFloor : 0;
        double[] scores = new double[estimates.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = Math.abs(truths[i] - estimates[i]) / method.scale(estimates[i], floor);
        }
        Set<String> units = new HashSet<>(Arrays.asList(assets));
        double[] edges = method == RulInterval.Method.BINNED ? edges(estimates, bins, coverage) : new double[0];
        double[] q = new double[edges.length + 1];
        for (int b = 0; b < q.length; b++) {
            int bin = b;
            double[] inBin = java.util.stream.IntStream.range(0, scores.length)
                    .filter(i -> binOf(edges, estimates[i]) == bin).mapToDouble(i -> scores[i]).toArray();
            q[b] = quantile(inBin, coverage);
        }
        return new RulInterval(method, coverage, edges, q, floor, cap, scores.length, units.size(), calibration);
    }

    /** Inner edges of up to {@code bins} equal-count bins; a bin too small for the coverage is merged away. */
    static double[] edges(double[] estimates, int bins, double coverage) {
        double[] sorted = estimates.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        int minCount = (int) Math.ceil(coverage / (1 - coverage)) + 1;
        java.util.List<Double> out = new java.util.ArrayList<>();
        int lastCut = 0;
        for (int b = 1; b < bins; b++) {
            int at = (int) ((long) n * b / bins);
            double edge = sorted[Math.min(at, n - 1)];
            int below = lowerBound(sorted, edge);
            if (below - lastCut >= minCount && n - below >= minCount && (out.isEmpty() || edge > out.get(out.size() - 1))) {
                out.add(edge);
                lastCut = below;
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static int lowerBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int binOf(double[] edges, double estimate) {
        int b = 0;
        while (b < edges.length && estimate >= edges[b]) {
            b++;
        }
        return b;
    }
}
