package org.prognos.inference;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Drift monitoring: per model, the last {@code window} input vectors scored (across the fleet, by the scoring routes
 * and streamed readings alike) are compared with the bundle's training profile every {@code evaluateSeconds} and on
 * request. See {@link org.prognos.models.drift.DriftThresholds} for why the thresholds are what they are.
 *
 * @param window          live vectors kept per model (500); memory is window × features × 8 bytes per model
 * @param minRows         live vectors needed before a model is judged (100)
 * @param psiModerate     PSI above which a feature is moderate (0.1)
 * @param psiDrifted      PSI above which a feature is drifted (0.25)
 * @param ksDrifted       KS distance at or above which a feature is drifted (0.3)
 * @param evaluateSeconds how often the metrics and the drift alerts are brought up to date (30; 0: only on request)
 * @param ignore          feature names (a {@code *} matches any run of characters) measured and shown but left out
 *                        of a model's status, gauges by status and alerts: asset attributes whose mix in the live
 *                        fleet is expected to differ from the training fleet's, clocks that cycle slower than the
 *                        window (none)
 */
public record DriftConfig(int window, int minRows, double psiModerate, double psiDrifted, double ksDrifted,
                    double evaluateSeconds, List<String> ignore) {
    public DriftConfig {
        ignore = ignore == null ? List.of() : List.copyOf(ignore);
        for (String g : ignore) {
            if (g == null || g.isBlank()) {
                throw new InvalidConfigException("'drift.ignore' must list feature names or patterns, found a blank one");
            }
        }
        if (window < 1 || window > 100_000) {
            throw new InvalidConfigException("'drift.window' must be between 1 and 100000, found " + window);
        }
        if (minRows < 1 || minRows > window) {
            throw new InvalidConfigException("'drift.minRows' must be between 1 and 'drift.window' (" + window + "), found "
                    + minRows);
        }
        if (!(evaluateSeconds >= 0) || Double.isInfinite(evaluateSeconds)) {
            throw new InvalidConfigException("'drift.evaluateSeconds' must be finite and not negative, found " + evaluateSeconds);
        }
        try {
            thresholds(minRows, psiModerate, psiDrifted, ksDrifted);
        } catch (org.prognos.PrognosException e) {
            throw new InvalidConfigException("'drift': " + e.getMessage());
        }
    }

    @JsonCreator
    static DriftConfig of(@JsonProperty("window") Integer window, @JsonProperty("minRows") Integer minRows,
                    @JsonProperty("psiModerate") Double psiModerate, @JsonProperty("psiDrifted") Double psiDrifted,
                    @JsonProperty("ksDrifted") Double ksDrifted, @JsonProperty("evaluateSeconds") Double evaluateSeconds,
                    @JsonProperty("ignore") List<String> ignore) {
        org.prognos.models.drift.DriftThresholds d = org.prognos.models.drift.DriftThresholds.defaults();
        return new DriftConfig(window == null ? 500 : window, minRows == null ? d.minRows() : minRows,
                psiModerate == null ? d.psiModerate() : psiModerate, psiDrifted == null ? d.psiDrifted() : psiDrifted,
                ksDrifted == null ? d.ksDrifted() : ksDrifted, evaluateSeconds == null ? 30 : evaluateSeconds, ignore);
    }

    public static DriftConfig defaults() {
        return of(null, null, null, null, null, null, null);
    }

    /** Whether a feature counts towards its model's status: it matches none of {@link #ignore()}. */
    public boolean counts(String feature) {
        for (String g : ignore) {
            if (java.util.regex.Pattern.matches(java.util.Arrays.stream(g.split("\\*", -1))
                    .map(java.util.regex.Pattern::quote).collect(java.util.stream.Collectors.joining(".*")), feature)) {
                return false;
            }
        }
        return true;
    }

    /** The thresholds these settings give. */
    public org.prognos.models.drift.DriftThresholds thresholds() {
        return thresholds(minRows, psiModerate, psiDrifted, ksDrifted);
    }

    private static org.prognos.models.drift.DriftThresholds thresholds(int minRows, double moderate, double drifted, double ks) {
        return new org.prognos.models.drift.DriftThresholds(moderate, drifted, ks, minRows);
    }
}
