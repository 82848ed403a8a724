package org.prognos.models.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.prognos.PrognosException;
import org.prognos.models.BundleFormatException;
import org.prognos.models.predict.Predictions;

/**
 * Per-asset detectors ({@code task.detector: asset}) in the payload and its scoring, on real data: two NAB
 * realKnownCause files as two assets (machine temperature, about 80 °F, and ambient temperature, about 70 °F, whose
 * lag rows co-vary differently), each with its own scaling and a nearest-neighbour detector remembering its own first
 * scaled rows; a third asset with its own scaling and the fleet's detector. The job that fits them is tested in
 * {@code org.prognos.training}.
 */
class AssetDetectorsTest {
    private static final Path NAB = Path.of("../notebooks-data/nab/data/realKnownCause");
    private static final List<String> COLUMNS = List.of("lag2", "lag1", "now");
    private static final int LEARNING = 300;
    private static final int K = 5;

    private static double[][] rows(String file, int n) throws IOException {
        double[] v = Files.readAllLines(NAB.resolve(file)).subList(1, n + 1).stream()
                .mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
        return MachineTemperatureRows.rows(v);
    }

    private static double[][] scaled(ColumnScaling s, double[][] rows) {
        return Arrays.stream(rows).map(s::apply).toArray(double[][]::new);
    }

    /** machine and ambient with their own detectors; third (machine's rows again) with its own scaling only. */
    private static AnomalyModel model() throws IOException {
        double[][] machine = Arrays.copyOf(rows("machine_temperature_system_failure.csv", 2000), LEARNING);
        double[][] ambient = Arrays.copyOf(rows("ambient_temperature_system_failure.csv", 2000), LEARNING);
        double[][] pooled = new double[2 * LEARNING][];
        System.arraycopy(machine, 0, pooled, 0, LEARNING);
        System.arraycopy(ambient, 0, pooled, LEARNING, LEARNING);
        ColumnScaling fleet = ColumnScaling.fit(pooled, 3);
        ColumnScaling ownMachine = ColumnScaling.fitOwn(machine, fleet);
        ColumnScaling ownAmbient = ColumnScaling.fitOwn(ambient, fleet);
        NeighbourDetector fleetKnn = new NeighbourDetector(scaled(fleet, pooled), K);
        ScoreCalibration cal = ScoreCalibration.fit(Arrays.stream(scaled(fleet, pooled))
                .mapToDouble(z -> fleetKnn.score(z, new double[3]) + 0.01).toArray(), 0.01);
        return AnomalyModel.of(COLUMNS, fleet, fleetKnn, cal)
                .withAssetScaling(Map.of("machine", ownMachine, "ambient", ownAmbient, "third", ownMachine))
                .withAssetDetectors(Map.of("machine", new NeighbourDetector(scaled(ownMachine, machine), K),
                        "ambient", new NeighbourDetector(scaled(ownAmbient, ambient), K)));
    }

    @Test
    void each_asset_is_scored_by_its_own_detector_on_its_own_scaling_and_any_other_by_the_fleets() throws IOException {
        AnomalyModel m = model();
        double[][] later = rows("machine_temperature_system_failure.csv", 2000);
        double[][] x = {later[1500], later[1500], later[1500], later[1500], later[1500]};
        List<Optional<String>> assets = List.of(Optional.of("machine"), Optional.of("ambient"), Optional.of("third"),
                Optional.of("joined"), Optional.empty());
        Predictions.Anomalies p = m.score(x, assets);
        double[] c = new double[3];
        assertEquals(m.assetDetectors().get("machine").score(m.assetScaling().get("machine").apply(x[0]), c), p.raw()[0], 0);
        assertEquals(m.assetDetectors().get("ambient").score(m.assetScaling().get("ambient").apply(x[1]), c), p.raw()[1], 0);
        assertEquals(m.detector().score(m.assetScaling().get("third").apply(x[2]), c), p.raw()[2], 0,
                "its own scaling, the fleet's detector");
        assertEquals(m.detector().score(m.scaling().apply(x[3]), c), p.raw()[3], 0, "an unknown asset: the fleet's both");
        assertEquals(p.raw()[3], p.raw()[4], 0, "no asset: the fleet's both");
        assertNotEquals(p.raw()[0], p.raw()[2], "the same row and scaling: the own detector is not the fleet's");
        for (int r = 0; r < x.length; r++) {   // = the one-detector model forAsset gives a per-asset scorer
            AnomalyModel view = m.forAsset(assets.get(r));
            assertTrue(view.assetScaling().isEmpty() && view.assetDetectors().isEmpty(), "a view has no tables");
            assertSame(m.detectorOf(assets.get(r)), view.detector());
            Predictions.Anomalies alone = view.score(new double[][] {x[r]});
            assertEquals(alone.raw()[0], p.raw()[r], 0);
            assertEquals(alone.scores()[0], p.scores()[r], 0);
            assertArrayEquals(alone.contributions()[0], p.contributions()[r], 0);
        }
        assertTrue(m.hasOwnDetector(Optional.of("machine")));
        assertFalse(m.hasOwnDetector(Optional.of("third")));
        assertFalse(m.hasOwnDetector(Optional.empty()));
    }

    @Test
    void the_table_survives_a_round_trip_and_a_model_without_one_writes_no_key() throws IOException {
        AnomalyModel m = model();
        String json = AnomalyJson.write(m);
        assertTrue(json.contains("\"assetDetectors\""), "written when not empty");
        AnomalyModel back = AnomalyJson.parse(json.getBytes(StandardCharsets.UTF_8), "anomaly.json");
        assertEquals(m.assetDetectors().keySet(), back.assetDetectors().keySet());
        assertEquals(json, AnomalyJson.write(back), "bit for bit");
        AnomalyModel without = m.withAssetDetectors(Map.of());
        String old = AnomalyJson.write(without);
        assertFalse(old.contains("assetDetectors"), "written only when not empty: a model without writes what it did");
        assertTrue(AnomalyJson.parse(old.getBytes(StandardCharsets.UTF_8), "test").assetDetectors().isEmpty());
    }

    @Test
    void a_payload_with_a_wrong_own_detector_is_refused_at_load_naming_the_asset() throws IOException {
        AnomalyModel m = model();
        AnomalyModel narrow = m.withAssetDetectors(Map.of());
        String good = AnomalyJson.write(m);
        // ambient's detector one column short: its remembered rows written over two columns
        double[][] two = Arrays.stream(((NeighbourDetector) m.assetDetectors().get("ambient")).memory())
                .map(r -> Arrays.copyOf(r, 2)).toArray(double[][]::new);
        String bad = AnomalyJson.write(narrow).replaceFirst("\\n}$", ",\n  \"assetDetectors\" : { \"ambient\" : "
                + AnomalyJson.write(AnomalyModel.of(List.of("a", "b"), new ColumnScaling(new double[2], new double[] {1, 1}),
                        new NeighbourDetector(two, K), m.calibration())).replaceAll("(?s).*\"detector\" : (\\{.*?\\n  }).*", "$1")
                + " }\n}");
        assertNotEquals(good, bad);
        BundleFormatException e = assertThrows(BundleFormatException.class,
                () -> AnomalyJson.parse(bad.getBytes(StandardCharsets.UTF_8), "anomaly.json"));
        assertTrue(e.getMessage().contains("asset 'ambient': its own detector must read the model's 3 columns, found 2"),
                e.getMessage());
        BundleFormatException family = assertThrows(BundleFormatException.class, () -> m.withAssetDetectors(
                Map.of("machine", new ZScoreDetector(3))));
        assertEquals("asset 'machine': its own detector is a zscore detector, the model's is knn", family.getMessage());
        BundleFormatException unscaled = assertThrows(BundleFormatException.class, () -> m.withAssetDetectors(
                Map.of("joined", m.detector())));
        assertTrue(unscaled.getMessage().startsWith("asset 'joined': its own detector needs its own scaling"),
                unscaled.getMessage());
    }

    @Test
    void an_adaptive_scorer_refuses_a_model_with_a_detector_table_and_takes_its_view() throws IOException {
        AnomalyModel m = model().withScoring(new AnomalyScoring.Adaptive(AdaptiveScoring.likelihood()));
        PrognosException e = assertThrows(PrognosException.class, () -> new AdaptiveScorer(m, m.adaptive().orElseThrow()));
        assertTrue(e.getMessage().contains("forAsset") && e.getMessage().contains("2 assets' own detectors"), e.getMessage());
        AdaptiveScorer own = new AdaptiveScorer(m.forAsset(Optional.of("ambient")), m.adaptive().orElseThrow());
        assertEquals(1, own.next(rows("ambient_temperature_system_failure.csv", 1)[0]).rows());
    }
}
