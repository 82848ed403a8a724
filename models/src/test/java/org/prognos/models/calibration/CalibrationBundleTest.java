package org.prognos.models.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.models.BundleFormatException;
import org.prognos.models.BundleIntegrityException;
import org.prognos.models.Fixtures;
import org.prognos.models.baseline.Baseline;
import org.prognos.models.bundle.BundleContents;
import org.prognos.models.bundle.BundleReader;
import org.prognos.models.bundle.BundleWriter;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.Manifest;
import org.prognos.models.bundle.Task;
import org.prognos.models.predict.Predictions;
import org.prognos.models.predict.Predictor;
import org.prognos.models.predict.Predictors;
import org.prognos.models.runtime.FeatureVector;
import org.prognos.models.runtime.CalibratedPredictor;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.models.runtime.Scorer;
import org.prognos.models.runtime.answer.ScoreResponse;

/**
 * A classifier bundle carries its probability calibration as a digest-checked file; the runtime's answers (risk,
 * per-component probabilities, health) and the calibrated predictor show calibrated probabilities; a bundle without
 * the file answers with the model's own. The model here is a class prior over three classes (70 % none, 20 % comp1,
 * 10 % comp2: P(any) = 0.3), so every expected number is known exactly.
 */
class CalibrationBundleTest {
    private static final double EXACT = 1e-12;
    private static final Task.FailureWithinHorizon TASK = new Task.FailureWithinHorizon(48, "48 cycles",
            List.of("none", "comp1", "comp2"));
    /** Synthetic knots: 0.3 maps to 0.5 (halfway between (0.2, 0.4) and (0.4, 0.6)). */
    private static final ProbabilityCalibration ISOTONIC = ProbabilityCalibration.isotonic(new double[] {0, 0.2, 0.4, 1},
            new double[] {0, 0.4, 0.6, 0.9}, 500, 20, "synthetic");

    @TempDir
    Path tmp;

    private static BundleContents classifier() {
        double[] labels = new double[100];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i < 70 ? 0 : i < 90 ? 1 : 2;
        }
        return Fixtures.contents("pump-failure", TASK, Baseline.ClassPrior.fit(TASK.classes(), labels).payload());
    }

    private static ScoreResponse scoreOne(LoadedModel model) {
        return Scorer.score(model, List.of(new FeatureVector(Optional.of("p1"), 10, Fixtures.rows(1, 3)[0], 1, List.of())), 0)
                .get(0);
    }

    @Test
    void the_calibration_is_listed_with_its_digest_read_back_and_applied_to_answers() throws Exception {
        Path dir = tmp.resolve("b");
        Manifest m = BundleWriter.write(classifier().withCalibration(ISOTONIC), 1, Instant.EPOCH, dir);
        assertTrue(m.files().containsKey(Manifest.CALIBRATION_FILE));
        LoadedBundle b = BundleReader.read(dir);
        assertEquals(Optional.of(ISOTONIC), b.calibration());
        try (LoadedModel model = LoadedModel.load(b)) {
            ScoreResponse answer = scoreOne(model);
            assertEquals(0.5, answer.risk().score(), EXACT);
            assertEquals(0.5, answer.failure().orElseThrow().any(), EXACT);
            // proportions kept: comp1 : comp2 = 2 : 1 of the calibrated 0.5
            assertEquals(0.5 * 2 / 3, answer.failure().orElseThrow().byComponent().get("comp1"), EXACT);
            assertEquals(0.5 / 3, answer.failure().orElseThrow().byComponent().get("comp2"), EXACT);
            assertEquals(50, answer.healthIndex(), EXACT);
        }
        try (Predictor p = new CalibratedPredictor(Predictors.load(b), b.calibration().orElseThrow())) {
            double[] row = ((Predictions.Probabilities) p.predict(Fixtures.rows(2, 5))).probabilities()[1];
            assertArrayEquals(new double[] {0.5, 0.5 * 2 / 3, 0.5 / 3}, row, EXACT);
        }
    }

    @Test
    void a_bundle_without_a_calibration_answers_with_the_models_own_probabilities() throws Exception {
        Path dir = tmp.resolve("b");
        Manifest m = BundleWriter.write(classifier(), 1, Instant.EPOCH, dir);
        assertFalse(m.files().containsKey(Manifest.CALIBRATION_FILE));
        LoadedBundle b = BundleReader.read(dir);
        assertEquals(Optional.empty(), b.calibration());
        try (LoadedModel model = LoadedModel.load(b)) {
            assertEquals(0.3, scoreOne(model).risk().score(), 1e-9);
        }
    }

    @Test
    void a_changed_calibration_file_is_refused() throws Exception {
        Path dir = tmp.resolve("b");
        BundleWriter.write(classifier().withCalibration(ISOTONIC), 1, Instant.EPOCH, dir);
        Files.writeString(dir.resolve(Manifest.CALIBRATION_FILE),
                Files.readString(dir.resolve(Manifest.CALIBRATION_FILE)).replace("0.9", "0.99"));
        assertThrows(BundleIntegrityException.class, () -> BundleReader.read(dir));
    }

    @Test
    void a_rul_bundle_cannot_carry_a_calibration() {
        BundleContents rul = Fixtures.contents("pump-rul", Fixtures.RUL,
                new Baseline.LinearDegradation(Fixtures.columns().get(0), 325, -4, 60).payload());
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> rul.withCalibration(ISOTONIC));
        assertTrue(e.getMessage().contains("probability calibration"), e.getMessage());
    }
}
