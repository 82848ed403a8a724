package org.prognos.models.anomaly;

/**
 * How a contextual score joins the adaptive one: the one definition of the blend that the NAB runner scored
 * ({@code LARGER_ALIGNED} and {@code LARGER_ALIGNED_CORROBORATED}) and that {@link AdaptiveScorer} runs with a
 * {@link ContextMember}. The two scores live on different scales (the contextual detector alarms at 0.75, the
 * adaptive score at its {@link AdaptiveScoring#alarmLevel()}, 0.999), so the contextual score is first mapped
 * piecewise-linearly, alarm level onto alarm level; the larger of the two is the score. Corroborated: the contextual
 * score counts only where the adaptive likelihood (before rest) is at least {@link #CORROBORATION}, so that noise
 * moving between the contextual detector's bins alone does not alarm. Each member keeps its own rest: the blend never
 * feeds back into either.
 */
public final class ContextBlend {
    /** The adaptive likelihood a row needs for the contextual score to count there: Φ(0), distances above usual. */
    public static final double CORROBORATION = 0.5;

    private ContextBlend() {
    }

    /** {@code score} mapped piecewise-linearly so that 0, {@code from} and 1 go to 0, {@code to} and 1. */
    public static double aligned(double score, double from, double to) {
        return score < from ? score * to / from : to + (score - from) * (1 - to) / (1 - from);
    }

    /**
     * The larger of {@code adaptive} and the aligned {@code context} score, the latter counted only where
     * {@code likelihood} reaches {@link #CORROBORATION}.
     *
     * @param adaptive     the adaptive score (after its rest)
     * @param likelihood   the adaptive likelihood before rest
     * @param context      the contextual score (after its own rest), in [0, 1]
     * @param contextLevel the contextual detector's alarm level
     * @param alarmLevel   the adaptive alarm level
     */
    public static double corroborated(double adaptive, double likelihood, double context, double contextLevel,
                                      double alarmLevel) {
        double c = likelihood < CORROBORATION ? 0 : aligned(context, contextLevel, alarmLevel);
        return Math.max(adaptive, c);
    }
}
