package org.prognos.models.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prognos.models.BundleFormatException;

/**
 * The profile's bins and percentiles, the PSI and the KS distance against values worked out by hand (synthetic
 * numbers: the point is the arithmetic; the real-data checks are the service's drift tests).
 */
class DriftMeasureTest {
    private static final double EXACT = 1e-12;
    private static final DriftThresholds DEFAULTS = DriftThresholds.defaults();

    /** 1, 2, …, 10 in two bins: edges at the minimum, the median 5.5 and the maximum. */
    private static FeatureProfile oneToTen() {
        double[][] rows = new double[10][1];
        for (int i = 0; i < 10; i++) {
            rows[i][0] = i + 1;
        }
        return ProfileFitter.fit(List.of("x"), rows, 2, "1..10").features().get(0);
    }

    @Test
    void quantile_edges_and_training_shares_are_the_type_7_quantiles() {
        FeatureProfile p = oneToTen();
        assertArrayEquals(new double[] {1, 5.5, 10}, p.edges(), EXACT);
        assertArrayEquals(new double[] {0, 0.5, 0.5, 0}, p.fractions(), EXACT);
        assertEquals(0, p.missing(), EXACT);
        assertEquals(5.5, p.mean(), EXACT);
        assertEquals(Math.sqrt(82.5 / 9), p.std(), EXACT);   // Σ(i − 5.5)² = 82.5, n − 1 = 9
        assertEquals(1 + 9 * 0.37, p.percentiles()[37], EXACT);
        assertEquals(0, p.binOf(0.99));
        assertEquals(1, p.binOf(1));
        assertEquals(2, p.binOf(5.5));
        assertEquals(2, p.binOf(10));
        assertEquals(3, p.binOf(10.01));
    }

    @Test
    void psi_by_hand_with_a_value_beyond_the_training_maximum() {
        // live 2, 3 | 7 | 11: shares 0.5, 0.25 and 0.25 above the maximum, against 0.5, 0.5, 0
        double psi = DriftMeasure.psi(oneToTen(), new double[] {2, 3, 7, 11}, 0);
        double byHand = (0.25 - 0.5) * Math.log(0.25 / 0.5) + (0.25 - 1e-4) * Math.log(0.25 / 1e-4);
        assertEquals(byHand, psi, EXACT);
        assertEquals(2.128516, psi, 1e-6);
    }

    @Test
    void ks_by_hand_against_the_interpolated_training_distribution() {
        // F_train(x) = (x − 1) / 9 on [1, 10]; the largest gap is at 3: 2/4 − 2/9 = 5/18
        assertEquals(5.0 / 18, DriftMeasure.ks(oneToTen(), new double[] {2, 3, 7, 11}), EXACT);
        assertEquals(1, DriftMeasure.ks(oneToTen(), new double[] {10.5}), EXACT);   // all mass past the maximum
    }

    @Test
    void a_constant_training_feature_has_one_bin_and_a_jump_in_its_distribution() {
        FeatureProfile p = ProfileFitter.fit(List.of("c"), new double[][] {{0}, {0}, {0}, {0}, {0}}, 10, "zeros").features().get(0);
        assertArrayEquals(new double[] {0}, p.edges(), EXACT);
        assertArrayEquals(new double[] {0, 1, 0}, p.fractions(), EXACT);
        double[] live = {0, 0, 1};
        assertEquals(1.0 / 3, DriftMeasure.ks(p, live), EXACT);
        double byHand = (2.0 / 3 - 1) * Math.log(2.0 / 3) + (1.0 / 3 - 1e-4) * Math.log((1.0 / 3) / 1e-4);
        assertEquals(byHand, DriftMeasure.psi(p, live, 0), EXACT);
        assertEquals(0, DriftMeasure.ks(p, new double[] {0, 0}), EXACT);
        assertEquals(0, DriftMeasure.psi(p, new double[] {0, 0}, 0), EXACT);
    }

    @Test
    void missing_values_have_their_own_bin_in_the_psi() {
        double[][] rows = {{1}, {Double.NaN}, {2}, {Double.NaN}};
        FeatureProfile p = ProfileFitter.fit(List.of("m"), rows, 2, "half missing").features().get(0);
        assertEquals(0.5, p.missing(), EXACT);
        // live: every row missing. Missing bin 1 vs 0.5; both value bins (0.25 each in training) empty
        FeatureDrift d = DriftMeasure.feature(p, new double[] {Double.NaN, Double.NaN}, DEFAULTS);
        double byHand = (1 - 0.5) * Math.log(1 / 0.5) + 2 * (1e-4 - 0.25) * Math.log(1e-4 / 0.25);
        assertEquals(byHand, d.psi(), EXACT);
        assertTrue(Double.isNaN(d.ks()));
        assertEquals(1, d.liveMissing(), EXACT);
        assertEquals(DriftStatus.DRIFTED, d.status());
    }

    @Test
    void identical_live_values_are_stable() {
        double[] live = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        FeatureDrift d = DriftMeasure.feature(oneToTen(), live, DEFAULTS);
        assertEquals(0, d.psi(), EXACT);
        assertEquals(0.1, d.ks(), EXACT);   // the step function against its own linear interpolation: 1/n at each step
        assertEquals(DriftStatus.STABLE, d.status());
    }

    @Test
    void thresholds_follow_the_psi_convention_and_the_fixed_ks_distance() {
        assertEquals(DriftStatus.STABLE, DEFAULTS.status(0.1, 0.29));
        assertEquals(DriftStatus.MODERATE, DEFAULTS.status(0.1001, 0));
        assertEquals(DriftStatus.MODERATE, DEFAULTS.status(0.25, 0));
        assertEquals(DriftStatus.DRIFTED, DEFAULTS.status(0.2501, 0));
        assertEquals(DriftStatus.DRIFTED, DEFAULTS.status(0.01, 0.3));
        assertEquals(DriftStatus.STABLE, DEFAULTS.status(0.01, Double.NaN));
    }

    @Test
    void the_verdict_waits_for_enough_rows_then_takes_the_worst_feature() {
        double[][] train = new double[200][2];
        for (int i = 0; i < 200; i++) {
            train[i][0] = i;
            train[i][1] = i % 7;
        }
        ReferenceProfile profile = ProfileFitter.fit(List.of("a", "b"), train, "synthetic");
        DriftThresholds t = new DriftThresholds(0.1, 0.25, 0.3, 150);
        assertInstanceOf(DriftVerdict.WarmingUp.class, DriftMeasure.judge(profile, java.util.Arrays.copyOf(train, 149), t));
        double[][] live = new double[200][];
        for (int i = 0; i < 200; i++) {
            live[i] = new double[] {train[i][0], 3};           // feature b stuck at 3
        }
        DriftVerdict.Judged v = assertInstanceOf(DriftVerdict.Judged.class, DriftMeasure.judge(profile, live, t));
        assertEquals(DriftStatus.STABLE, v.features().get(0).status());
        assertEquals(DriftStatus.DRIFTED, v.features().get(1).status());
        assertEquals("drifted", v.label());
        assertEquals("b", v.byPsi().get(0).feature());
    }

    @Test
    void a_malformed_profile_is_refused_with_the_reason() {
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> new FeatureProfile("x", new double[] {1, 1},
                new double[] {0, 1, 0}, 0, new double[101], 1, 0, 1));
        assertTrue(e.getMessage().contains("strictly ascending"), e.getMessage());
        e = assertThrows(BundleFormatException.class, () -> new FeatureProfile("x", new double[] {1, 2},
                new double[] {0, 0.5, 0}, 0, new double[101], 1, 0, 1));
        assertTrue(e.getMessage().contains("add up to 1"), e.getMessage());
        e = assertThrows(BundleFormatException.class, () -> ProfileFitter.fit(List.of("x"), new double[0][], "none"));
        assertTrue(e.getMessage().contains("without training rows"), e.getMessage());
    }
}
