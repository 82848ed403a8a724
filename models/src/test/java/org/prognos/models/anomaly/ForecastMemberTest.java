package org.prognos.models.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.prognos.models.anomaly.MachineTemperatureRows.COLUMNS;
import static org.prognos.models.anomaly.MachineTemperatureRows.PLAIN;
import static org.prognos.models.anomaly.MachineTemperatureRows.ROWS;
import static org.prognos.models.anomaly.MachineTemperatureRows.model;
import static org.prognos.models.anomaly.MachineTemperatureRows.rows;
import static org.prognos.models.anomaly.MachineTemperatureRows.values;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;
import org.prognos.PrognosException;

/**
 * The forecast-residual member of adaptive scoring, on NAB's machine-temperature file (real data, rows of its last
 * three values): its residual is the one-step error of the λ-weighted least-squares predictor computed from scratch
 * (the naive reference: a linear solve over every earlier pair), its likelihood joins the neighbours' as the larger,
 * and a scorer restored at any point goes on with the same bits.
 */
class ForecastMemberTest {
    /** Memory 250 rows (λ = 0.996): short, so that forgetting matters within the 3000 rows. */
    private static final ForecastMember MEMBER = ForecastMember.remembering("now", 250);
    private static final AdaptiveScoring WITH_FORECAST = PLAIN.withForecast(MEMBER);

    @Test
    void the_residual_is_the_error_of_the_weighted_least_squares_prediction() throws IOException {
        double[][] rows = rows(values());
        AnomalyModel model = model(rows);
        double[][] z = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            z[i] = model.scaling().apply(rows[i]);
        }
        ForecastMemberState member = new ForecastMemberState(MEMBER, COLUMNS, WITH_FORECAST);
        int checked = 0;
        for (int t = 0; t < rows.length; t++) {
            member.next(z[t]);
            if (t == 1 || t == 2 || t == 10 || t == 333 || t == 1500 || t == ROWS - 1) {
                assertEquals(reference(z, t), member.lastResidual(), 1e-7, "row " + t);
                checked++;
            }
        }
        assertEquals(6, checked);
        assertEquals(Double.NaN, new ForecastMemberState(MEMBER, COLUMNS, WITH_FORECAST).lastResidual(),
                "no residual before a row with a row before it");
    }

    /**
     * |y_t − w·x_t|, w the weighted ridge solution over the pairs before t: (λ^m P₀⁻¹ + Σ λ^(m−i) x_i x_iᵀ) w =
     * Σ λ^(m−i) x_i y_i, x_i = (z_(i−1), 1), y_i = z_i's last column, m = t − 1 pairs, P₀ = 100 I.
     */
    private static double reference(double[][] z, int t) {
        int n = z[0].length + 1;
        double lambda = MEMBER.forgetting();
        int m = t - 1;
        RealMatrix a = new Array2DRowRealMatrix(n, n);
        for (int i = 0; i < n; i++) {
            a.setEntry(i, i, Math.pow(lambda, m) / ForecastMemberState.INITIAL_GAIN);
        }
        RealVector b = new ArrayRealVector(n);
        for (int i = 1; i <= m; i++) {
            RealVector x = pairInput(z, i);
            double weight = Math.pow(lambda, m - i);
            a = a.add(x.outerProduct(x).scalarMultiply(weight));
            b = b.add(x.mapMultiply(weight * z[i][n - 2]));
        }
        RealMatrix p = new LUDecomposition(a).getSolver().getInverse();
        assertTrue(p.getTrace() <= ForecastMemberState.INITIAL_GAIN * n, "the gain's bound never binds here, so the "
                + "reference is exact");
        RealVector w = p.operate(b);
        return Math.abs(z[t][n - 2] - w.dotProduct(pairInput(z, t)));
    }

    private static RealVector pairInput(double[][] z, int i) {
        RealVector x = new ArrayRealVector(z[i - 1].length + 1);
        for (int c = 0; c < z[i - 1].length; c++) {
            x.setEntry(c, z[i - 1][c]);
        }
        x.setEntry(z[i - 1].length, 1);
        return x;
    }

    @Test
    void its_likelihood_joins_the_neighbours_as_the_larger_one() throws IOException {
        double[][] rows = rows(values());
        AnomalyModel model = model(rows);
        AdaptiveScorer.Step[] plain = AdaptiveScorer.scoreAll(model, PLAIN, rows);
        AdaptiveScorer.Step[] joined = AdaptiveScorer.scoreAll(model, WITH_FORECAST, rows);
        ForecastMemberState member = new ForecastMemberState(MEMBER, COLUMNS, WITH_FORECAST);
        int raised = 0;
        for (int i = 0; i < rows.length; i++) {
            double own = member.next(model.scaling().apply(rows[i]));
            assertEquals(plain[i].raw(), joined[i].raw(), "the member leaves the raw score alone, row " + i);
            assertEquals(Math.max(plain[i].likelihood(), own), joined[i].likelihood(), "row " + i);
            if (joined[i].likelihood() > plain[i].likelihood()) {
                raised++;
            }
        }
        assertTrue(raised > 100, "the member raises some rows' likelihood: " + raised);
    }

    @Test
    void a_scorer_restored_anywhere_goes_on_with_the_same_bits() throws IOException {
        double[][] rows = rows(values());
        AnomalyModel model = model(rows);
        AdaptiveScorer.Step[] expected = AdaptiveScorer.scoreAll(model, WITH_FORECAST, rows);
        for (int cut : new int[] {0, 1, 2, 55, 1777, ROWS - 1}) {
            AdaptiveScorer first = new AdaptiveScorer(model, WITH_FORECAST);
            for (int i = 0; i < cut; i++) {
                first.next(rows[i]);
            }
            AdaptiveScorer restored = AdaptiveScorer.restore(model, WITH_FORECAST, first.snapshot());
            assertEquals(first.estimatedBytes(), restored.estimatedBytes(), "the same state, cut " + cut);
            for (int i = cut; i < rows.length; i++) {
                assertEquals(expected[i], restored.next(rows[i]), "cut at " + cut + ", row " + i);
            }
        }
    }

    @Test
    void settings_with_a_forecast_member_survive_the_models_json_and_without_one_keep_their_text() throws IOException {
        AnomalyModel model = model(rows(values()));
        AnomalyModel with = model.withScoring(new AnomalyScoring.Adaptive(WITH_FORECAST));
        AnomalyModel back = AnomalyJson.parse(AnomalyJson.write(with).getBytes(StandardCharsets.UTF_8), "v1");
        assertEquals(WITH_FORECAST, back.adaptive().orElseThrow());
        String plain = AnomalyJson.write(model.withScoring(new AnomalyScoring.Adaptive(PLAIN)));
        assertTrue(!plain.contains("forecast") && AnomalyJson.write(with).contains("\"forecast\""), plain);
        assertTrue(!PLAIN.asMap().containsKey("forecast"), "a fingerprint without the member keeps its text");
    }

    @Test
    void a_forecast_member_is_part_of_the_settings_a_snapshot_belongs_to() throws IOException {
        double[][] rows = rows(values());
        AnomalyModel model = model(rows);
        AdaptiveScorer without = new AdaptiveScorer(model, PLAIN);
        without.next(rows[0]);
        assertThrows(PrognosException.class, () -> AdaptiveScorer.restore(model, WITH_FORECAST, without.snapshot()));
        PrognosException e = assertThrows(PrognosException.class,
                () -> new AdaptiveScorer(model, PLAIN.withForecast(ForecastMember.remembering("later", 250))));
        assertTrue(e.getMessage().contains("'later'") && e.getMessage().contains("[lag2, lag1, now]"), e.getMessage());
        assertThrows(PrognosException.class, () -> new ForecastMember("now", 1.5));
    }
}
