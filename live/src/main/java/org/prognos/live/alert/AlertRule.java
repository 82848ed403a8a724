package org.prognos.live.alert;

/**
 * When an alert opens and closes: after {@code consecutive} scores in a row beyond the threshold it opens; after
 * {@code consecutive} scores in a row strictly past the release level (see {@link Direction}) it closes. A score in
 * between, or one that goes the other way, starts the count again. One score beyond the threshold never opens an
 * alert unless K is 1, and a value hovering between the release level and the threshold never closes one.
 *
 * @param consecutive K, the scores in a row that open or close an alert (1 to {@value #MAX_CONSECUTIVE})
 * @param hysteresis  h, the fraction of the threshold a value must go back past to count towards closing (0 ≤ h < 1)
 */
public record AlertRule(int consecutive, double hysteresis) {
    /** Most scores in a row a rule may ask for. */
    public static final int MAX_CONSECUTIVE = 1000;

    public AlertRule {
        if (consecutive < 1 || consecutive > MAX_CONSECUTIVE) {
            throw new IllegalArgumentException("consecutive must be between 1 and " + MAX_CONSECUTIVE + ", found " + consecutive);
        }
        if (!(hysteresis >= 0 && hysteresis < 1)) {
            throw new IllegalArgumentException("hysteresis must be at least 0 and below 1, found " + hysteresis);
        }
    }

    /** K = 3 scores in a row, hysteresis 0.2. */
    public static AlertRule defaults() {
        return new AlertRule(3, 0.2);
    }
}
