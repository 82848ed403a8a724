package org.prognos.models.calibration;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.prognos.models.BundleFormatException;

/**
 * A fitted map from a classifier's P(any failure) = 1 − P(none) to a calibrated probability: immutable, stored in
 * the bundle as {@value #FILE} (listed in the manifest with its digest, so a signature covers it) and applied the same
 * way by the training evaluation and by serving. Nothing here fits.
 *
 * <ul>
 * <li>{@link Method#ISOTONIC}: a non-decreasing map given by knots ({@code x} strictly ascending, {@code y}
 * non-decreasing, both in [0, 1]), linear between knots and flat beyond the outer ones (the pool-adjacent-violators
 * fit's block means, placed at each block's mean score).</li>
 * <li>{@link Method#PLATT}: {@code p' = σ(a · logit(p) + b)}, with p clipped to [{@value #EPSILON}, 1 − ε] first so
 * that 0 and 1 stay finite.</li>
 * </ul>
 *
 * <p><b>Several failure classes.</b> Only P(any failure) is calibrated (the classes' own bins hold too few failures
 * to calibrate each). A row's class probabilities are rescaled so they keep their proportions and sum to the
 * calibrated value: p'<sub>c</sub> = p<sub>c</sub> · any'/any for c ≥ 1, p'<sub>0</sub> = 1 − any'. When the model
 * gave every failure class 0 (any = 0) the calibrated mass is shared equally among them. A class is never given more than
 * any' (a raw row from float outputs, XGBoost's, can sum to 1 + 1e-8, so that p<sub>c</sub> > any). The most probable
 * failure class, and so the component an alarm names, never changes.
 *
 * @param method      isotonic or Platt
 * @param x           isotonic knots' scores, strictly ascending in [0, 1]; empty for Platt
 * @param y           isotonic knots' calibrated values, non-decreasing in [0, 1]; empty for Platt
 * @param a           Platt slope on logit(p); 0 for isotonic
 * @param b           Platt intercept; 0 for isotonic
 * @param rows        how many out-of-fold rows it was fitted on
 * @param assets      how many assets those rows came from
 * @param calibration how it was fitted and chosen, in words (provenance)
 */
@JsonPropertyOrder({"method", "x", "y", "a", "b", "rows", "assets", "calibration"})
public record ProbabilityCalibration(Method method, double[] x, double[] y, double a, double b, int rows, int assets,
                                     String calibration) {
    /** The bundle file that holds the calibration. */
    public static final String FILE = "calibration.json";
    /** Platt clips probabilities to [ε, 1 − ε] before the logit. */
    public static final double EPSILON = 1e-6;

    @JsonCreator
    public ProbabilityCalibration(@JsonProperty("method") Method method, @JsonProperty("x") double[] x,
                                  @JsonProperty("y") double[] y, @JsonProperty("a") double a, @JsonProperty("b") double b,
                                  @JsonProperty("rows") int rows, @JsonProperty("assets") int assets,
                                  @JsonProperty("calibration") String calibration) {
        if (method == null) {
            throw new BundleFormatException("probability calibration: 'method' is required (isotonic or platt)");
        }
        x = x == null ? new double[0] : x.clone();
        y = y == null ? new double[0] : y.clone();
        if (method == Method.ISOTONIC) {
            if (x.length == 0 || x.length != y.length) {
                throw new BundleFormatException("probability calibration: isotonic needs as many 'y' as 'x' knots, at least"
                        + " one; found " + x.length + " and " + y.length);
            }
            for (int i = 0; i < x.length; i++) {
                if (!(x[i] >= 0 && x[i] <= 1 && y[i] >= 0 && y[i] <= 1)) {
                    throw new BundleFormatException("probability calibration: knot " + i + " (" + x[i] + ", " + y[i]
                            + ") lies outside [0, 1]");
                }
                if (i > 0 && !(x[i] > x[i - 1] && y[i] >= y[i - 1])) {
                    throw new BundleFormatException("probability calibration: isotonic knots must have strictly ascending"
                            + " 'x' and non-decreasing 'y'; knot " + i + " breaks it");
                }
            }
        } else {
            if (x.length != 0 || y.length != 0) {
                throw new BundleFormatException("probability calibration: platt has no knots");
            }
            if (!Double.isFinite(a) || !Double.isFinite(b) || a < 0) {
                throw new BundleFormatException("probability calibration: platt needs a finite slope a ≥ 0 (a negative"
                        + " slope would reverse the ranking) and a finite intercept; found a = " + a + ", b = " + b);
            }
        }
        if (rows < 1 || assets < 1 || assets > rows) {
            throw new BundleFormatException("probability calibration: needs 1 ≤ assets ≤ rows, found " + assets
                    + " assets and " + rows + " rows");
        }
        this.method = method;
        this.x = x;
        this.y = y;
        this.a = method == Method.PLATT ? a : 0;
        this.b = method == Method.PLATT ? b : 0;
        this.rows = rows;
        this.assets = assets;
        this.calibration = calibration == null ? "" : calibration;
    }

    /** An isotonic map with knots ({@code x}, {@code y}). */
    public static ProbabilityCalibration isotonic(double[] x, double[] y, int rows, int assets, String calibration) {
        return new ProbabilityCalibration(Method.ISOTONIC, x, y, 0, 0, rows, assets, calibration);
    }

    /** A Platt map σ(a · logit(p) + b). */
    public static ProbabilityCalibration platt(double a, double b, int rows, int assets, String calibration) {
        return new ProbabilityCalibration(Method.PLATT, new double[0], new double[0], a, b, rows, assets, calibration);
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    /** The calibrated probability of a raw P(any failure) {@code p}; NaN stays NaN. */
    public double apply(double p) {
        if (Double.isNaN(p)) {
            return p;
        }
        return method == Method.PLATT ? platt(p) : isotonic(p);
    }

    /** A row of class probabilities (class 0 = none) with P(any failure) calibrated, as the class comment says. */
    public double[] applyRow(double[] probabilities) {
        double[] out = probabilities.clone();
        if (out.length < 2) {
            return out;
        }
        double any = 1 - probabilities[0];
        double calibrated = apply(Math.min(1, Math.max(0, any)));
        out[0] = 1 - calibrated;
        for (int c = 1; c < out.length; c++) {
            // capped: a raw row summing past 1 by float rounding (p_c > any) would otherwise give p'_c > any'
            out[c] = any > 0 ? Math.min(calibrated, probabilities[c] * calibrated / any) : calibrated / (out.length - 1);
        }
        return out;
    }

    private double platt(double p) {
        double q = Math.min(1 - EPSILON, Math.max(EPSILON, p));
        double z = a * Math.log(q / (1 - q)) + b;
        return 1 / (1 + Math.exp(-z));
    }

    private double isotonic(double p) {
        if (p <= x[0]) {
            return y[0];
        }
        int last = x.length - 1;
        if (p >= x[last]) {
            return y[last];
        }
        int i = Arrays.binarySearch(x, p);
        if (i >= 0) {
            return y[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double w = (p - x[lo]) / (x[hi] - x[lo]);
        return y[lo] + w * (y[hi] - y[lo]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProbabilityCalibration c && method == c.method && Arrays.equals(x, c.x) && Arrays.equals(y, c.y)
                && a == c.a && b == c.b && rows == c.rows && assets == c.assets && calibration.equals(c.calibration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, Arrays.hashCode(x), Arrays.hashCode(y), a, b, rows);
    }

    @Override
    public String toString() {
        return method == Method.PLATT ? String.format(Locale.ROOT, "platt[a=%.4f, b=%.4f]", a, b)
                : "isotonic[" + x.length + " knots]";
    }

    /** How the map is shaped. */
    public enum Method {
        /** Non-decreasing, piecewise linear through the pool-adjacent-violators block means. */
        ISOTONIC,
        /** A logistic curve on the score's logit (two parameters). */
        PLATT;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The method a bundle names ({@code isotonic}, {@code platt}). */
        @JsonCreator
        public static Method parse(String name) {
            for (Method m : values()) {
                if (m.toString().equals(name)) {
                    return m;
                }
            }
            throw new BundleFormatException("probability calibration method '" + name + "' is not one of isotonic, platt");
        }
    }
}
