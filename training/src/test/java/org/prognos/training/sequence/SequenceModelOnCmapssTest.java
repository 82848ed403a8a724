package org.prognos.training.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.extract.FeatureTable;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.Task;
import org.prognos.models.dl4j.Dl4jPredictor;
import org.prognos.models.predict.Predictions;
import org.prognos.models.predict.Predictor;
import org.prognos.models.registry.BundleRef;
import org.prognos.models.registry.ModelRegistry;

/**
 * A small 1-D CNN trained for a few epochs on C-MAPSS FD001 (CI-sized: one network, at most 8 epochs): it must beat
 * both baselines on the standard test protocol, stop early, and serve the same predictions from a bundle. Quality
 * figures of the full-size models are measured by {@code CmapssSequenceBenchmark}, not here.
 */
class SequenceModelOnCmapssTest {
    static final long SEED = 42;
    static CmapssData fd001;
    static SequenceModel model;
    static List<EpochReport> heard = new ArrayList<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void train() throws Exception {
        fd001 = CmapssData.load("FD001", 2);
        model = new SequenceTrainer(SequenceSettings.ciCnn(SEED)).fit(fd001.training(), heard::add);
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void a_few_epochs_beat_both_baselines_on_the_fd001_test_set() {
        CmapssProtocol.Evaluation e = CmapssProtocol.evaluate("FD001", model, fd001.training(), fd001.test(),
                fd001.testRul());
        assertEquals(100, e.model().n());
        assertTrue(e.model().rmseCapped() < e.meanRul().rmseCapped(), e.format("cnn"));
        assertTrue(e.model().rmseCapped() < e.linear().rmseCapped(), e.format("cnn"));
        assertTrue(e.model().phm08Capped() < e.linear().phm08Capped(), e.format("cnn"));
    }

    @Test
    void channels_are_chosen_on_training_units_without_a_sensor_list() {
        List<String> kept = model.selection().kept();
        // the six sensors that are constant in FD001 and the quantized, trendless sensor_6 are dropped
        for (String constant : List.of("sensor_1", "sensor_5", "sensor_6", "sensor_10", "sensor_16", "sensor_18",
                "sensor_19")) {
            assertTrue(!kept.contains(constant), constant + " kept: " + kept);
        }
        assertEquals(14, kept.size(), kept.toString());
        assertEquals(kept, model.input().channels());
    }

    @Test
    void every_epoch_is_reported_and_the_best_weights_are_kept() {
        assertEquals(model.history(), heard);
        SequenceModel.MemberSummary m = model.members().get(0);
        assertEquals(m.epochs(), heard.size());
        EpochReport best = heard.get(m.bestEpoch() - 1);
        assertTrue(best.improved());
        assertEquals(heard.stream().mapToDouble(EpochReport::validationLoss).min().orElseThrow(), best.validationLoss());
        assertEquals(best.validationRmse(), validationRmse(m.fold()), VALIDATION_RMSE_TOLERANCE,
                "the returned network is the best epoch's");
        assertEquals(best.validationRmse(), model.validationRmse(), VALIDATION_RMSE_TOLERANCE);
    }

    /** Float32 network output against the double-precision recomputation here. */
    static final double VALIDATION_RMSE_TOLERANCE = 1e-3;

    double validationRmse(AssetFold fold) {
        Set<String> held = new HashSet<>(fold.validation());
        FeatureTable t = fd001.training().table();
        int[] rows = java.util.stream.IntStream.range(0, t.size()).filter(i -> held.contains(t.asset(i))).toArray();
        double[] p = model.predict(t, rows);
        double se = 0;
        for (int i = 0; i < rows.length; i++) {
            double d = p[i] - fd001.training().rul(rows[i]);
            se += d * d;
        }
        return Math.sqrt(se / rows.length);
    }

    @Test
    void the_validation_units_are_whole_units_held_out_of_fitting() {
        AssetFold fold = model.members().get(0).fold();
        Set<String> fit = new HashSet<>(fold.fit());
        assertEquals(20, fold.validation().size());
        assertEquals(80, fit.size());
        assertTrue(fold.validation().stream().noneMatch(fit::contains));
    }

    @Test
    void a_bundle_serves_the_same_predictions() {
        ModelRegistry registry = new ModelRegistry(tmp.resolve("registry"));
        ObjectNode metrics = JsonNodeFactory.instance.objectNode().put("rmseCapped", 20.0);
        BundleRef ref = registry.publish(model.bundle("fd001-cnn", fd001.spec(), fd001.labeler(), "cycle",
                fd001.fingerprint(), metrics));
        LoadedBundle bundle = registry.load(ref);
        assertEquals(new Task.RemainingUsefulLife("cycle", java.util.OptionalDouble.of(125)), bundle.manifest().task());
        assertEquals("1.0.0-M2.1", bundle.manifest().provenance().libraries().dl4j().orElseThrow());
        assertEquals("cnn", bundle.manifest().provenance().hyperparameters().get("architecture").get("type").asText());
        int[] last = CmapssProtocol.lastCycleRows(fd001.test());
        double[][] rows = java.util.Arrays.stream(last).mapToObj(fd001.test()::row).toArray(double[][]::new);
        double[] trained = model.predict(fd001.test(), last);
        try (Predictor p = Dl4jPredictor.load(bundle)) {
            assertArrayEquals(trained, ((Predictions.Values) p.predict(rows)).values(), 0.0);
        }
    }
}
