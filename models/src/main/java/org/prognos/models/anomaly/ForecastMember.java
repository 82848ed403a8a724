package org.prognos.models.anomaly;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prognos.PrognosException;

/**
 * The forecast-residual member of adaptive scoring: an online linear predictor of one feature column from the whole
 * feature row before it (recursive least squares with a forgetting factor, an intercept beside the row), whose
 * absolute one-step residual is a second raw score, judged by the same likelihood as the main raw score against its
 * own history of residuals; the adaptive score keeps the larger of the two likelihoods, as it does with the slow mean.
 * Why: a prediction error is the standard detector for spacecraft and plant telemetry (Hundman et al., KDD 2018,
 * with an LSTM; here a linear predictor that learns as the asset streams): it sees a value that breaks the series'
 * own dynamics (a step that is not where the recent trajectory leads, an oscillation that changes its period) even
 * where the lag window as a whole is near windows already seen, which is what online neighbours judge.
 *
 * <p>How it runs, per asset (in the model's scaled units, {@link ForecastMemberState}): row t's {@code column} is
 * predicted from row t − 1 (on a lag-window spec, the latest value from the ten before it: an AR(10) fit) with the
 * weights learned from every earlier pair; the residual is the prediction error before the weights learn from row
 * t. The gain matrix starts at {@value ForecastMemberState#INITIAL_GAIN} · I (Haykin's small regularisation for
 * well-scaled inputs: the first rows decide) and its trace never exceeds that start's, so a stretch of constant
 * values (no excitation) cannot wind it up. A row with a missing or non-finite value neither predicts nor learns,
 * and the row after it predicts nothing (it has no finite row before it).
 *
 * @param column     the feature column predicted; resolved to an index when a scorer is made, so a model without it
 *                   fails then, naming the columns
 * @param forgetting the forgetting factor λ, in (0, 1]: a pair k rows old weighs λ^k; the effective memory is
 *                   1 / (1 − λ) rows (1: never forgets)
 */
public record ForecastMember(String column, double forgetting) {
    public ForecastMember {
        require(column != null && !column.isBlank(), "column", column, "a feature column's name");
        require(forgetting > 0 && forgetting <= 1, "forgetting", forgetting, "in (0, 1]");
    }

    /**
     * A member whose forgetting factor gives an effective memory of {@code rows} rows: λ = 1 − 1 / rows; at least 2
     * rows (1 would be λ = 0, a predictor that forgets each pair as it learns it, which the record refuses).
     */
    public static ForecastMember remembering(String column, int rows) {
        require(rows >= 2, "memory", rows, "at least 2 rows");
        return new ForecastMember(column, 1 - 1.0 / rows);
    }

    /** The index of {@link #column} among {@code columns}; fails naming the columns when it is not one of them. */
    public int columnIn(List<String> columns) {
        return MemberColumn.indexIn(columns, column, "the forecast member predicts");
    }

    /** The member by name, for provenance and the settings' fingerprint. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("column", column);
        m.put("forgetting", forgetting);
        return m;
    }

    private static void require(boolean ok, String name, Object value, String what) {
        if (!ok) {
            throw new PrognosException("forecast member '" + name + "' must be " + what + ", found " + value);
        }
    }
}
