package org.prognos.models.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.prognos.models.BundleFormatException;
import org.prognos.models.bundle.Task;
import org.prognos.models.predict.ModelInfo;
import org.prognos.models.predict.Predictions;
import org.prognos.models.runtime.CombiningPredictor;

/**
 * Per-asset scaling ({@code task.scaling: asset}) in the payload and its scoring, on synthetic rows: two pumps whose
 * normal levels differ by far more than their spread (the case a fleet's one scaling gets wrong). The job that fits
 * it is tested in {@code org.prognos.training}.
 */
class AssetScalingTest {
    private static final List<String> COLUMNS = List.of("pressure", "flow");
    private static final ColumnScaling FLEET = new ColumnScaling(new double[] {50, 10}, new double[] {40, 2});
    private static final ColumnScaling PUMP_A = new ColumnScaling(new double[] {10, 9}, new double[] {1, 2});
    private static final ColumnScaling PUMP_B = new ColumnScaling(new double[] {90, 11}, new double[] {1, 2});

    private static AnomalyModel model() {
        Detector z = new ZScoreDetector(2);
        ScoreCalibration cal = ScoreCalibration.fit(new double[] {0.1, 0.5, 1, 1.5, 2, 2.5, 3}, 0.1);
        return AnomalyModel.of(COLUMNS, FLEET, z, cal).withAssetScaling(Map.of("pump-a", PUMP_A, "pump-b", PUMP_B));
    }

    @Test
    void each_asset_is_scored_on_its_own_scaling_and_an_unknown_one_on_the_fleets() {
        AnomalyModel m = model();
        double[][] rows = {{10.5, 9}, {10.5, 9}, {10.5, 9}, {10.5, 9}};
        List<Optional<String>> assets = List.of(Optional.of("pump-a"), Optional.of("pump-b"), Optional.of("pump-new"),
                Optional.empty());
        Predictions.Anomalies p = m.score(rows, assets);
        assertEquals(m.detector().score(PUMP_A.apply(rows[0]), new double[2]), p.raw()[0], 0, "pump-a, its own");
        assertEquals(m.detector().score(PUMP_B.apply(rows[1]), new double[2]), p.raw()[1], 0, "pump-b, its own");
        assertEquals(m.detector().score(FLEET.apply(rows[2]), new double[2]), p.raw()[2], 0, "an unknown asset: the fleet's");
        assertEquals(p.raw()[2], p.raw()[3], 0, "no asset: the fleet's");
        assertTrue(p.raw()[1] > 10 * p.raw()[0], "10.5 is normal for pump-a and far off for pump-b");
        assertArrayEquals(m.score(new double[][] {rows[0]}).raw(), new double[] {p.raw()[2]}, 0,
                "rows without assets are the fleet's, as before");
        for (int r = 0; r < rows.length; r++) {   // = the one-scaling model forAsset gives a per-asset scorer
            Predictions.Anomalies alone = m.forAsset(assets.get(r)).score(new double[][] {rows[r]});
            assertEquals(alone.raw()[0], p.raw()[r], 0);
            assertEquals(alone.scores()[0], p.scores()[r], 0);
            assertArrayEquals(alone.contributions()[0], p.contributions()[r], 0);
        }
        assertTrue(m.forAsset(Optional.of("pump-a")).assetScaling().isEmpty());
        assertEquals(PUMP_A, m.forAsset(Optional.of("pump-a")).scaling());
        assertEquals(FLEET, m.forAsset(Optional.of("pump-new")).scaling());
        AnomalyModel fleetOnly = AnomalyModel.of(COLUMNS, FLEET, m.detector(), m.calibration());
        assertSame(fleetOnly, fleetOnly.forAsset(Optional.of("pump-a")));
    }

    @Test
    void an_adaptive_scorer_is_made_for_one_asset_and_refuses_a_model_with_a_table() {
        AnomalyModel m = model().withScoring(new AnomalyScoring.Adaptive(AdaptiveScoring.likelihood()));
        org.prognos.PrognosException e = assertThrows(org.prognos.PrognosException.class,
                () -> new AdaptiveScorer(m, m.adaptive().orElseThrow()));
        assertTrue(e.getMessage().contains("forAsset"), e.getMessage());
        AdaptiveScorer own = new AdaptiveScorer(m.forAsset(Optional.of("pump-a")), m.adaptive().orElseThrow());
        assertEquals(1, own.next(new double[] {10, 9}).rows());
    }

    @Test
    void an_own_scaling_keeps_the_fleets_scale_where_the_asset_shows_no_spread() {
        double[][] rows = {{10, 7}, {12, 7}, {11, 7}};
        ColumnScaling own = ColumnScaling.fitOwn(rows, FLEET);
        assertArrayEquals(new double[] {11, 7}, own.center(), 1e-12);
        assertArrayEquals(new double[] {1, 2}, own.scale(), 1e-12, "flow is constant for this asset: the fleet's 2");
        ColumnScaling unseen = ColumnScaling.fitOwn(new double[][] {{10, Double.NaN}, {12, Double.NaN}}, FLEET);
        assertArrayEquals(new double[] {11, 10}, unseen.center(), 1e-12, "a column the asset never showed: the fleet's centre");
        assertArrayEquals(new double[] {Math.sqrt(2), 2}, unseen.scale(), 1e-12);
    }

    @Test
    void the_payload_reads_back_bit_for_bit_and_a_fleet_scaled_one_writes_what_it_always_did() {
        AnomalyModel m = model();
        String json = AnomalyJson.write(m);
        assertTrue(json.contains("\"assetScaling\""), json);
        AnomalyModel back = AnomalyJson.parse(json.getBytes(StandardCharsets.UTF_8), "test");
        assertEquals(m.assetScaling(), back.assetScaling());
        assertEquals(json, AnomalyJson.write(back));
        AnomalyModel fleetOnly = AnomalyModel.of(COLUMNS, FLEET, m.detector(), m.calibration());
        String old = AnomalyJson.write(fleetOnly);
        assertFalse(old.contains("assetScaling"), "written only when not empty: " + old);
        assertTrue(AnomalyJson.parse(old.getBytes(StandardCharsets.UTF_8), "test").assetScaling().isEmpty());
        String bad = json.replace("[ 10.0, 9.0 ]", "[ 10.0 ]");   // pump-a's centre one column short
        assertNotEquals(json, bad);
        BundleFormatException e = assertThrows(BundleFormatException.class,
                () -> AnomalyJson.parse(bad.getBytes(StandardCharsets.UTF_8), "anomaly.json"));
        assertTrue(e.getMessage().contains("anomaly.json"), e.getMessage());
    }

    @Test
    void combined_concurrent_calls_keep_each_rows_asset() throws Exception {
        AnomalyModel m = model();
        ModelInfo info = ModelInfoFixture.anomaly(COLUMNS, m);
        CombiningPredictor combining = new CombiningPredictor(AnomalyPredictor.of(m, info));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> answers = new ArrayList<>();
            List<String> assets = List.of("pump-a", "pump-b", "pump-new", "pump-a");
            for (int i = 0; i < 400; i++) {
                String asset = assets.get(i % assets.size());
                double[][] rows = {{10 + i % 7, 9}, {90 - i % 5, 11}};
                answers.add(pool.submit(() -> ((Predictions.Anomalies) combining.predict(rows,
                        List.of(Optional.of(asset), Optional.of(asset)))).raw()));
            }
            for (int i = 0; i < answers.size(); i++) {
                String asset = assets.get(i % assets.size());
                double[][] rows = {{10 + i % 7, 9}, {90 - i % 5, 11}};
                assertArrayEquals(m.forAsset(Optional.of(asset)).score(rows).raw(), answers.get(i).get(), 0, "call " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A manifest's view of an anomaly model, as a bundle of it would give. */
    private static final class ModelInfoFixture {
        static ModelInfo anomaly(List<String> columns, AnomalyModel m) {
            return new ModelInfo("pumps", 1, new Task.Anomaly(m.detector().family(), m.calibration().falseAlarmRate()),
                    columns, "spec-hash", org.prognos.models.bundle.PayloadKind.ANOMALY_JSON, java.time.Instant.EPOCH);
        }
    }
}
