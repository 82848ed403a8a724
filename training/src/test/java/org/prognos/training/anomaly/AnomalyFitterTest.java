package org.prognos.training.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.prognos.models.anomaly.AnomalyJson;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.ColumnScaling;
import org.prognos.models.bundle.ManifestJson;

/**
 * {@link AnomalyFitter#fitEachAsset} ({@code task.scaling: asset}) with every family, on synthetic rows (an edge case
 * the bundled data has no clean instance of: two pumps whose normal levels differ by far more than their spread, and a
 * third with a single fitting row). Every family takes its rows through the one scaled path: fitted on one asset, the
 * per-asset fit is the fleet fit plus that asset's table; on two, each pump's level is judged against its own normal.
 * With {@code task.detector: asset}, on two pumps of one level whose pressure and flow co-vary in opposite senses (the
 * case a detector per asset is for) and two small assets: each family's own detectors are those fitted on each pump
 * alone, a row normal for one pump is judged abnormal by the other's, and the small assets keep the fleet's.
 */
class AnomalyFitterTest {
    private static final List<String> COLUMNS = List.of("pressure", "flow", "vibration");
    private static final double[] PUMP_A = {10, 100, 1};
    private static final double[] PUMP_B = {90, 300, 5};
    private static final long SEED = 7;

    private static List<DetectorSettings> families() {
        return List.of(DetectorSettings.Pca.defaults(), DetectorSettings.Knn.defaults(), new DetectorSettings.ZScore(),
                DetectorSettings.IsolationForest.defaults(), new DetectorSettings.Autoencoder(4, 2, 3, 2, 64, 0.01));
    }

    /** {@code n} rows around {@code level}, unit spread, seeded. */
    private static double[][] rows(double[] level, int n, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][level.length];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < level.length; c++) {
                x[i][c] = level[c] + r.nextGaussian();
            }
        }
        return x;
    }

    private static double[][] concat(double[][]... parts) {
        List<double[]> all = new ArrayList<>();
        for (double[][] p : parts) {
            all.addAll(List.of(p));
        }
        return all.toArray(double[][]::new);
    }

    private static List<String> assets(Object... nameThenCount) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nameThenCount.length; i += 2) {
            out.addAll(Collections.nCopies((Integer) nameThenCount[i + 1], (String) nameThenCount[i]));
        }
        return out;
    }

    @Test
    void on_one_asset_every_family_fits_what_the_fleet_fit_gives_plus_that_assets_table() {
        double[][] train = rows(PUMP_A, 200, 1);
        double[][] held = rows(PUMP_A, 60, 2);
        for (DetectorSettings family : families()) {
            AnomalyModel fleet = AnomalyFitter.fit(COLUMNS, train, held, family, 0.05, SEED);
            AnomalyModel own = AnomalyFitter.fitEachAsset(COLUMNS, train, assets("a", 200), held, assets("a", 60), family,
                    0.05, SEED, s -> { });
            assertEquals(List.of("a"), List.copyOf(own.assetScaling().keySet()), family.toString());
            assertEquals(AnomalyJson.write(fleet), AnomalyJson.write(own.withAssetScaling(Map.of())),
                    family + ": the same scaled rows reach the detector and the calibration");
        }
    }

    @Test
    void on_two_pumps_every_family_judges_each_level_against_its_own_pumps_normal() {
        double[][] train = concat(rows(PUMP_A, 200, 3), rows(PUMP_B, 200, 4), rows(PUMP_B, 1, 5));
        List<String> trainAssets = assets("a", 200, "b", 200, "c", 1);
        double[][] held = concat(rows(PUMP_A, 60, 6), rows(PUMP_B, 60, 7));
        List<String> heldAssets = assets("a", 60, "b", 60);
        double[][] levelOfA = {PUMP_A.clone()};
        for (DetectorSettings family : families()) {
            AnomalyModel m = AnomalyFitter.fitEachAsset(COLUMNS, train, trainAssets, held, heldAssets, family, 0.05, SEED,
                    s -> { });
            assertEquals(List.of("a", "b"), List.copyOf(m.assetScaling().keySet()), "c has one fitting row: the fleet's");
            assertEquals("each asset its own (3 assets; 1 on the fleet's: fewer than 2 normal fitting rows: c)",
                    AnomalyFitter.describeScaling(m, List.of("a", "b", "c")));
            double asA = m.score(levelOfA, List.of(Optional.of("a"))).raw()[0];
            double asB = m.score(levelOfA, List.of(Optional.of("b"))).raw()[0];
            assertFalse(m.calibration().alarm(asA), family + ": pump a's level is normal for pump a (raw " + asA + ")");
            assertTrue(m.calibration().alarm(asB), family + ": and far off for pump b (raw " + asB + ", threshold "
                    + m.calibration().threshold() + ")");
        }
    }

    /** {@code n} rows of one level whose flow follows pressure ({@code sense} 1) or mirrors it (−1), seeded. */
    private static double[][] coVarying(int sense, int n, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            double u = r.nextGaussian();
            x[i] = new double[] {10 + u, 100 + sense * u + 0.1 * r.nextGaussian(), 1 + r.nextGaussian()};
        }
        return x;
    }

    @Test
    void with_own_detectors_each_pump_is_judged_by_the_detector_fitted_on_it_alone() throws Exception {
        double[][] constant = new double[10][];
        java.util.Arrays.fill(constant, new double[] {10, 100, 1});
        double[][] train = concat(coVarying(1, 300, 8), coVarying(-1, 300, 9), coVarying(1, 3, 10), constant);
        List<String> trainAssets = assets("a", 300, "b", 300, "c", 3, "d", 10);
        double[][] held = concat(coVarying(1, 80, 11), coVarying(-1, 80, 12));
        List<String> heldAssets = assets("a", 80, "b", 80);
        double[][] alongA = {{12, 102, 1}};    // 2 sd along pump a's co-variation, across pump b's
        for (DetectorSettings family : families()) {
            if (family instanceof DetectorSettings.ZScore) {
                continue;    // refused with task.detector: asset (nothing fitted)
            }
            List<String> log = new ArrayList<>();
            AnomalyModel m = AnomalyFitter.fitEachAsset(COLUMNS, train, trainAssets, held, heldAssets, family, 0.05, SEED,
                    true /* own detectors */, log::add);
            List<String> expected = new ArrayList<>(List.of("a", "b"));
            if (3 >= family.ownDetectorMinRows(COLUMNS.size())) {
                expected.add("c");
            }
            assertEquals(expected, List.copyOf(m.assetDetectors().keySet()),
                    family + ": c has 3 fitting rows, d's never vary (fleet's)");
            for (String asset : expected) {
                ColumnScaling own = m.assetScaling().get(asset);
                double[][] mine = java.util.stream.IntStream.range(0, train.length)
                        .filter(i -> trainAssets.get(i).equals(asset)).mapToObj(i -> own.apply(train[i]))
                        .toArray(double[][]::new);
                assertEquals(ManifestJson.mapper().writeValueAsString(family.fit(mine, SEED, x -> { })),
                        ManifestJson.mapper().writeValueAsString(m.assetDetectors().get(asset)), family + ", " + asset);
            }
            assertEquals(AnomalyJson.write(AnomalyFitter.fitEachAsset(COLUMNS, train, trainAssets, held, heldAssets, family,
                    0.05, SEED, s -> { }).withAssetDetectors(Map.of()).withCalibration(m.calibration())),
                    AnomalyJson.write(m.withAssetDetectors(Map.of())), family + ": the fleet's detector and scaling as without");
            assertTrue(AnomalyFitter.describeDetectors(m, List.of("a", "b", "c", "d"), family, COLUMNS.size())
                    .startsWith("each asset its own (4 assets; " + (4 - expected.size()) + " on the fleet's: fewer than "
                            + family.ownDetectorMinRows(COLUMNS.size()) + " normal fitting rows, or none varying: "),
                    AnomalyFitter.describeDetectors(m, List.of("a", "b", "c", "d"), family, COLUMNS.size()));
            if (family instanceof DetectorSettings.Pca || family instanceof DetectorSettings.Knn) {
                double asA = m.score(alongA, List.of(Optional.of("a"))).raw()[0];
                double asB = m.score(alongA, List.of(Optional.of("b"))).raw()[0];
                assertFalse(m.calibration().alarm(asA), family + ": along pump a's co-variation is normal for a (" + asA + ")");
                assertTrue(m.calibration().alarm(asB), family + ": and abnormal for b (raw " + asB + ", threshold "
                        + m.calibration().threshold() + ")");
            }
        }
    }
}
