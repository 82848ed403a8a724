package org.prognos.models.interval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Arrays;
import java.util.Objects;
import org.prognos.models.BundleFormatException;

/**
 * A fitted conformal interval around a remaining-useful-life estimate: immutable, stored in the bundle as
 * {@value #FILE} (listed in the manifest with its digest, so a signature covers it) and applied identically by the
 * training evaluation and by serving. Nothing here fits; the training job computes {@code quantile} from
 * out-of-fold residuals and serving only reads it.
 *
 * <p>For an estimate ŷ in bin b the interval is {@code [max(0, ŷ − q[b]·s(ŷ)), ŷ + q[b]·s(ŷ)]}, with {@code s} the
 * method's scale ({@link Method#ABSOLUTE}, {@link Method#BINNED}: 1; {@link Method#SCALED}:
 * {@code max(ŷ, 0) + scaleFloor}). Only {@link Method#BINNED} has more than one bin: bin b holds the estimates in
 * {@code [binEdges[b-1], binEdges[b])} (open at both outer ends). The low end is clipped at 0 (no life is negative);
 * the high end is not clipped at the training cap.
 *
 * <p><b>The cap.</b> A model trained on remaining life capped at {@code cap} (C-MAPSS: 125) estimates
 * {@code min(RUL, cap)} and is calibrated on those labels: it cannot tell a life of 150 from one of 300. So an
 * interval whose high end reaches the cap is read as open above ({@link Band#openAbove()}: "at least {@code low}"),
 * and coverage counts a truth beyond the cap as inside it. Without a cap ({@code cap} = 0) no interval is open.
 *
 * @param method       how a residual is turned into a conformity score
 * @param coverage     the nominal coverage in (0, 1), e.g. 0.9
 * @param binEdges     ascending inner edges between bins of the estimate (empty: one bin)
 * @param quantiles    per bin, the finite-sample conformal quantile q of its scores, the ⌈(n+1)·coverage⌉-th smallest
 * @param scaleFloor   {@link Method#SCALED}: what is added to the estimate before scaling (keeps s positive near
 *                     failure); 0 for the other methods
 * @param cap          the cap of the training labels the residuals were computed against; 0 when uncapped
 * @param residuals    n, the number of calibration residuals (one per unit-cycle)
 * @param assets       how many assets (units) those residuals came from
 * @param calibration  how the residuals were obtained, in words (provenance)
 */
@JsonPropertyOrder({"method", "coverage", "binEdges", "quantiles", "scaleFloor", "cap", "residuals", "assets", "calibration"})
public record RulInterval(Method method, double coverage, double[] binEdges, double[] quantiles, double scaleFloor,
                          double cap, int residuals, int assets, String calibration) {
    /** The bundle file that holds the interval. */
    public static final String FILE = "interval.json";

    @JsonCreator
    public RulInterval(@JsonProperty("method") Method method, @JsonProperty("coverage") double coverage,
                       @JsonProperty("binEdges") double[] binEdges, @JsonProperty("quantiles") double[] quantiles,
                       @JsonProperty("scaleFloor") double scaleFloor, @JsonProperty("cap") double cap,
                       @JsonProperty("residuals") int residuals, @JsonProperty("assets") int assets,
                       @JsonProperty("calibration") String calibration) {
        if (method == null) {
            throw new BundleFormatException("RUL interval: 'method' is required (absolute or scaled)");
        }
        if (!(coverage > 0 && coverage < 1)) {
            throw new BundleFormatException("RUL interval: 'coverage' must be in (0, 1), found " + coverage);
        }
        if (binEdges == null || quantiles == null || quantiles.length != binEdges.length + 1) {
            throw new BundleFormatException("RUL interval: needs one quantile per bin, one bin more than 'binEdges'");
        }
        if (method != Method.BINNED && quantiles.length != 1) {
            throw new BundleFormatException("RUL interval: the " + method + " method has one bin, found " + quantiles.length);
        }
        for (double q : quantiles) {
            if (!(q >= 0) || Double.isInfinite(q)) {
                throw new BundleFormatException("RUL interval: quantiles must be finite and non-negative, found " + q);
            }
        }
        for (int i = 0; i < binEdges.length; i++) {
            if (!Double.isFinite(binEdges[i]) || i > 0 && !(binEdges[i] > binEdges[i - 1])) {
                throw new BundleFormatException("RUL interval: 'binEdges' must be finite and strictly ascending");
            }
        }
        if (!(scaleFloor >= 0) || Double.isInfinite(scaleFloor) || (method == Method.SCALED && scaleFloor <= 0)) {
            throw new BundleFormatException("RUL interval: 'scaleFloor' must be finite, non-negative, and positive for"
                    + " the scaled method, found " + scaleFloor);
        }
        if (!(cap >= 0) || Double.isInfinite(cap)) {
            throw new BundleFormatException("RUL interval: 'cap' must be finite and non-negative (0: uncapped), found " + cap);
        }
        if (residuals < 1 || assets < 1 || assets > residuals) {
            throw new BundleFormatException("RUL interval: needs 1 ≤ assets ≤ residuals, found " + assets + " assets and "
                    + residuals + " residuals");
        }
        this.method = method;
        this.coverage = coverage;
        this.binEdges = binEdges.clone();
        this.quantiles = quantiles.clone();
        this.scaleFloor = scaleFloor;
        this.cap = cap;
        this.residuals = residuals;
        this.assets = assets;
        this.calibration = calibration == null ? "" : calibration;
    }

    @Override
    public double[] binEdges() {
        return binEdges.clone();
    }

    @Override
    public double[] quantiles() {
        return quantiles.clone();
    }

    /** The bin of {@code estimate}: the number of edges at or below it. */
    public int binOf(double estimate) {
        int b = 0;
        while (b < binEdges.length && estimate >= binEdges[b]) {
            b++;
        }
        return b;
    }

    /** The interval around {@code estimate}; the low end clipped at 0. A NaN estimate gives a NaN band. */
    public Band apply(double estimate) {
        double half = quantiles[binOf(estimate)] * method.scale(estimate, scaleFloor);
        double high = estimate + half;
        return new Band(Math.max(0, estimate - half), high, cap > 0 && high >= cap);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RulInterval r && method == r.method && coverage == r.coverage && Arrays.equals(binEdges, r.binEdges)
                && Arrays.equals(quantiles, r.quantiles) && scaleFloor == r.scaleFloor && cap == r.cap && residuals == r.residuals
                && assets == r.assets && calibration.equals(r.calibration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, coverage, Arrays.hashCode(quantiles), residuals);
    }

    @Override
    public String toString() {
        return "RulInterval[" + method + " at " + coverage + ", quantiles " + Arrays.toString(quantiles) + ", edges "
                + Arrays.toString(binEdges) + "]";
    }

    /**
     * One interval.
     *
     * @param low       the low end, at least 0
     * @param high      the high end
     * @param openAbove whether high reaches the training cap, so the interval reads "at least low"
     */
    public record Band(double low, double high, boolean openAbove) {
        /** Whether {@code truth} lies in [low, high], or at or above low when the band is open above. */
        public boolean covers(double truth) {
            return truth >= low && (truth <= high || openAbove);
        }

        /** Whether {@code truth} lies in [low, high] literally, open or not. */
        public boolean coversLiterally(double truth) {
            return truth >= low && truth <= high;
        }

        /** high − low. */
        public double width() {
            return high - low;
        }
    }

    /** How a residual y − ŷ becomes a conformity score |y − ŷ| / s(ŷ). */
    public enum Method {
        /**
         * Mondrian conformal over bins of the estimate, s = 1 within a bin: each bin has its own half-width, and
         * coverage holds within each bin, so it survives a test set whose mix of estimates differs from the
         * calibration rows' (the C-MAPSS test units are cut at one cycle each, the calibration rows are every cycle).
         */
        BINNED {
            @Override
            public double scale(double estimate, double floor) {
                return 1;
            }
        },
        /** Plain split conformal: s = 1, the same half-width everywhere (the baseline). */
        ABSOLUTE {
            @Override
            public double scale(double estimate, double floor) {
                return 1;
            }
        },
        /**
         * Normalized (locally weighted) conformal with s(ŷ) = max(ŷ, 0) + floor: errors on C-MAPSS grow with the
         * remaining life, so the interval is narrow near failure and wide far from it.
         */
        SCALED {
            @Override
            public double scale(double estimate, double floor) {
                return Math.max(estimate, 0) + floor;
            }
        };

        /** The scale s(ŷ) of an estimate; always positive for a valid floor. */
        public abstract double scale(double estimate, double floor);

        @com.fasterxml.jackson.annotation.JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The method a bundle or config names ({@code binned}, {@code absolute}, {@code scaled}). */
        @JsonCreator
        public static Method parse(String name) {
            for (Method m : values()) {
                if (m.toString().equals(name)) {
                    return m;
                }
            }
            throw new BundleFormatException("RUL interval method '" + name + "' is not one of binned, absolute, scaled");
        }
    }
}
