package org.prognos.models.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The two measures of how far live values are from a {@link FeatureProfile}, and the verdict over a whole
 * {@link ReferenceProfile}.
 *
 * <p><b>PSI</b> = Σ<sub>b</sub> (a<sub>b</sub> − e<sub>b</sub>) · ln(a<sub>b</sub> / e<sub>b</sub>) over the profile's
 * bins plus one bin for missing values, where e is the training share and a the live share of all rows (so a sensor
 * that stops reporting moves mass into the missing bin). A share of 0 is taken as {@value #EMPTY_SHARE} on either side,
 * the usual guard: it keeps the index finite when live values leave the training range, and caps what one empty bin
 * can add at about 0.92 per unit of share moved ((1 − 10⁻⁴) ln 10⁴).
 *
 * <p><b>KS</b> D = sup<sub>x</sub> |F<sub>live</sub>(x) − F<sub>train</sub>(x)| over the values present, with F<sub>train</sub>
 * read off the profile's percentiles ({@link FeatureProfile#cdf}); exact to about 0.01.
 *
 * <p>Both cost O(n log n) per feature for n live rows (one sort); they run when drift is asked for or evaluated,
 * never on the scoring path.
 */
public final class DriftMeasure {
    /** The share an empty bin is given in the PSI. */
    public static final double EMPTY_SHARE = 1e-4;

    private DriftMeasure() {
    }

    /**
     * Compares live {@code rows} ({@code rows[i][c]}, the model's column order) with {@code profile}.
     *
     * @return {@link DriftVerdict.WarmingUp} under {@code thresholds.minRows()} rows, else every feature judged
     */
    public static DriftVerdict judge(ReferenceProfile profile, double[][] rows, DriftThresholds thresholds) {
        return judge(profile, rows, thresholds, f -> true);
    }

    /**
     * As {@link #judge(ReferenceProfile, double[][], DriftThresholds)}, the features {@code counted} rejects measured and
     * shown but left out of the model's status.
     */
    public static DriftVerdict judge(ReferenceProfile profile, double[][] rows, DriftThresholds thresholds,
                                     java.util.function.Predicate<String> counted) {
        if (rows.length < thresholds.minRows()) {
            return new DriftVerdict.WarmingUp(rows.length, thresholds.minRows());
        }
        List<FeatureDrift> out = new ArrayList<>(profile.features().size());
        double[] column = new double[rows.length];
        for (int c = 0; c < profile.features().size(); c++) {
            for (int i = 0; i < rows.length; i++) {
                column[i] = rows[i][c];
            }
            FeatureDrift f = feature(profile.features().get(c), column, thresholds);
            out.add(counted.test(f.feature()) ? f : new FeatureDrift(f.feature(), f.psi(), f.ks(), f.status(), f.liveMissing(),
                    f.liveMean(), false));
        }
        return new DriftVerdict.Judged(rows.length, out);
    }

    /** One feature's drift from its live {@code values} (NaN: missing). */
    public static FeatureDrift feature(FeatureProfile p, double[] values, DriftThresholds thresholds) {
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        double liveMissing = values.length == 0 ? 0 : (values.length - present.length) / (double) values.length;
        double psi = psi(p, present, liveMissing);
        double ks = ks(p, present);
        double mean = present.length == 0 ? Double.NaN : Arrays.stream(present).average().orElse(Double.NaN);
        return new FeatureDrift(p.name(), psi, ks, thresholds.status(psi, ks), liveMissing, mean, true);
    }

    /**
     * The PSI of live values against the profile.
     *
     * @param present     the live values that are not missing, any order
     * @param liveMissing the share of live rows that are missing
     */
    public static double psi(FeatureProfile p, double[] present, double liveMissing) {
        double psi = term(liveMissing, p.missing());
        if (p.bins() == 0) {                 // training never saw a value: any live value is all new mass
            return psi + term(1 - liveMissing, 0);
        }
        double[] counts = new double[p.bins()];
        for (double v : present) {
            counts[p.binOf(v)]++;
        }
        for (int b = 0; b < counts.length; b++) {
            double live = present.length == 0 ? 0 : (1 - liveMissing) * counts[b] / present.length;
            psi += term(live, (1 - p.missing()) * p.fraction(b));
        }
        return psi;
    }

    /** One bin's term (a − e) ln(a / e), empty shares taken as {@link #EMPTY_SHARE}. */
    static double term(double actual, double expected) {
        double a = Math.max(actual, EMPTY_SHARE);
        double e = Math.max(expected, EMPTY_SHARE);
        return (a - e) * Math.log(a / e);
    }

    /**
     * The KS distance of ascending {@code sorted} live values from the profile's distribution; NaN when either side has
     * no value.
     */
    public static double ks(FeatureProfile p, double[] sorted) {
        int n = sorted.length;
        if (n == 0 || p.bins() == 0) {
            return Double.NaN;
        }
        double d = 0;
        int i = 0;
        while (i < n) {
            double x = sorted[i];
            int j = i;
            while (j < n && sorted[j] == x) {
                j++;
            }
            // at x: live jumps from i/n to j/n, the reference from cdfBelow(x) to cdf(x); between distinct live values
            // the live function is flat and the reference rises, so the gaps at these points bound the supremum
            d = Math.max(d, Math.abs(j / (double) n - p.cdf(x)));
            d = Math.max(d, Math.abs(i / (double) n - p.cdfBelow(x)));
            i = j;
        }
        return d;
    }
}
