package org.prognos.models.anomaly;

import org.apache.commons.math3.special.Erf;

/**
 * The likelihood of {@link AdaptiveScoring} (its second part) over one ring of raw scores: the scorer's own raw
 * scores, or a member's ({@link ForecastMemberState}'s residuals), each judged by the same rule. The ring holds the
 * last {@code history + max(recent, slowRecent)} raw scores, the k-th (from 0) at {@code k % length}; {@code rawsSeen}
 * counts every raw score put in it.
 */
final class RawLikelihood {
    private static final double SPREAD_FLOOR = 1e-9;

    private RawLikelihood() {
    }

    /** The length a ring of raw scores needs under {@code settings}. */
    static int ringLength(AdaptiveScoring settings) {
        return settings.history() + Math.max(settings.recent(), settings.slowRecent());
    }

    /**
     * Puts {@code raw} in the ring as the {@code rawsSeen}-th raw score (from 0), as the settings' reference stores it:
     * {@code log1p(raw)} under {@link AdaptiveScoring.Reference#LOG}, else {@code raw}. The caller counts it.
     */
    static void put(AdaptiveScoring settings, double[] raws, long rawsSeen, double raw) {
        raws[(int) (rawsSeen % raws.length)] = settings.reference() == AdaptiveScoring.Reference.LOG ? Math.log1p(raw) : raw;
    }

    /**
     * Φ of the recent raw scores' departure from their history, or with a slow mean the larger of the two; 0 until
     * the history is long enough.
     */
    static double of(AdaptiveScoring settings, double[] raws, long rawsSeen) {
        double fast = likelihood(settings, raws, rawsSeen, settings.recent(), settings.reference() == AdaptiveScoring.Reference.AVERAGED);
        return settings.slowRecent() == 0 ? fast : Math.max(fast, likelihood(settings, raws, rawsSeen, settings.slowRecent(), true));
    }

    /** Φ of the mean of the last {@code recent} raw scores against the up to {@code history} before them. */
    private static double likelihood(AdaptiveScoring settings, double[] raws, long rawsSeen, int recent, boolean averaged) {
        long available = Math.min(rawsSeen - recent, settings.history());
        if (available < settings.minHistory()) {
            return 0;
        }
        double shortSum = 0;
        for (long i = rawsSeen - recent; i < rawsSeen; i++) {
            shortSum += raws[(int) (i % raws.length)];
        }
        long from = rawsSeen - recent - available;
        if (averaged) {
            return averagedLikelihood(raws, shortSum / recent, recent, from, rawsSeen - recent);
        }
        double mean = 0;
        for (long i = from; i < rawsSeen - recent; i++) {
            mean += raws[(int) (i % raws.length)];
        }
        mean /= available;
        double ss = 0;
        for (long i = from; i < rawsSeen - recent; i++) {
            double d = raws[(int) (i % raws.length)] - mean;
            ss += d * d;
        }
        double sd = Math.sqrt(ss / (available - 1));
        double z = (shortSum / recent - mean) / (sd + SPREAD_FLOOR);
        return 0.5 * Erf.erfc(-z / Math.sqrt(2));
    }

    /**
     * Φ of the short mean's departure from the short means of the history (each over {@code recent} raw scores, all
     * within [from, to)); 0 when the history holds fewer than 2 of them.
     */
    private static double averagedLikelihood(double[] raws, double shortMean, int recent, long from, long to) {
        long count = to - from - recent + 1;
        if (count < 2) {
            return 0;
        }
        double[] means = new double[(int) count];
        double window = 0;
        for (long i = from; i < to; i++) {
            window += raws[(int) (i % raws.length)];
            if (i - from >= recent) {
                window -= raws[(int) ((i - recent) % raws.length)];
            }
            if (i - from >= recent - 1) {
                means[(int) (i - from - recent + 1)] = window / recent;
            }
        }
        double mean = 0;
        for (double m : means) {
            mean += m;
        }
        mean /= count;
        double ss = 0;
        for (double m : means) {
            ss += (m - mean) * (m - mean);
        }
        double sd = Math.sqrt(ss / (count - 1));
        double z = (shortMean - mean) / (sd + SPREAD_FLOOR);
        return 0.5 * Erf.erfc(-z / Math.sqrt(2));
    }
}
