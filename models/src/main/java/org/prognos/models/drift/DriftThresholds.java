package org.prognos.models.drift;

import org.prognos.PrognosException;

/**
 * When a feature counts as moved.
 *
 * <p><b>PSI.</b> The population stability index's usual reading, from credit scoring (Siddiqi, <i>Credit Risk
 * Scorecards</i>, Wiley 2006; Yurdakul, <i>Statistical properties of population stability index</i>, 2018): below
 * 0.1 no significant change, 0.1 to 0.25 a moderate change, above 0.25 a significant shift. With B bins and n live
 * rows, sampling noise alone gives a PSI of about (B − 1)/n (0.022 for 12 bins and 500 rows), well under 0.1.
 *
 * <p><b>KS.</b> The Kolmogorov–Smirnov distance D (the largest gap between the live and the training distribution
 * functions) against a fixed threshold, not a p-value: consecutive live rows of one asset are strongly correlated
 * (a rolling mean over 24 h changes little from one hour to the next), so the rows are not independent and the
 * KS test's p-value would flag harmless differences once the window is large. D ≥ {@code ksDrifted} (0.3 by default:
 * 30 % of the mass sits on the other side of some value) marks a feature drifted even when its PSI does not, which
 * catches a shift that stays inside one training bin.
 *
 * @param psiModerate PSI above which a feature is moderate (0.1)
 * @param psiDrifted  PSI above which a feature is drifted (0.25)
 * @param ksDrifted   KS distance at or above which a feature is drifted (0.3)
 * @param minRows     live rows needed before anything is judged (100)
 */
public record DriftThresholds(double psiModerate, double psiDrifted, double ksDrifted, int minRows) {
    public DriftThresholds {
        if (!(psiModerate > 0 && psiDrifted > psiModerate && Double.isFinite(psiDrifted))) {
            throw new PrognosException("drift thresholds: need 0 < psiModerate < psiDrifted, found " + psiModerate
                    + " and " + psiDrifted);
        }
        if (!(ksDrifted > 0 && ksDrifted <= 1)) {
            throw new PrognosException("drift thresholds: ksDrifted must be in (0, 1], found " + ksDrifted);
        }
        if (minRows < 1) {
            throw new PrognosException("drift thresholds: minRows must be at least 1, found " + minRows);
        }
    }

    /** PSI 0.1 / 0.25, KS 0.3, 100 rows. */
    public static DriftThresholds defaults() {
        return new DriftThresholds(0.1, 0.25, 0.3, 100);
    }

    /** A feature's status from its PSI and KS distance (NaN counts as no evidence). */
    public DriftStatus status(double psi, double ks) {
        if (psi > psiDrifted || ks >= ksDrifted) {
            return DriftStatus.DRIFTED;
        }
        return psi > psiModerate ? DriftStatus.MODERATE : DriftStatus.STABLE;
    }
}
