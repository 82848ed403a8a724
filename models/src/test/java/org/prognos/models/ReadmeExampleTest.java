package org.prognos.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.labels.FailureWithinHorizon;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.models.bundle.BundleContents;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.Payload;
import org.prognos.models.bundle.PayloadKind;
import org.prognos.models.bundle.Provenance;
import org.prognos.models.bundle.Task;
import org.prognos.models.predict.Predictions;
import org.prognos.models.predict.Predictor;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.BundleRef;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.FeatureVector;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.models.runtime.Scorer;
import org.prognos.models.runtime.answer.ScoreResponse;
import org.prognos.models.signing.BundleSigner;
import org.prognos.models.signing.KeyFiles;
import org.prognos.models.signing.SigningKey;
import org.prognos.models.signing.TrustList;
import org.prognos.models.signing.Verification;
import org.prognos.models.tribuo.TrainedModels;
import org.prognos.models.tribuo.TribuoPayloads;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;

/** The example of {@code models/README.md}, compiled and run. Keep the two in step. */
class ReadmeExampleTest {
    @TempDir
    Path tmp;

    @Test
    void readme_example_publishes_promotes_loads_and_predicts() {
        FeatureSpec fittedSpec = Fixtures.spec();
        List<String> columns = Fixtures.columns();
        MutableDataset<Label> dataset = TrainedModels.failureData(columns, Fixtures.rows(100, 3));
        Provenance provenance = Fixtures.provenance();
        ObjectNode metrics = Fixtures.metrics();
        double[][] featureRows = Fixtures.rows(2, 4);

        // --- README example
        ModelRegistry registry = new ModelRegistry(tmp.resolve("registry"));

        // training: examples come from TribuoExamples.of(columns, row, label), columns from the fitted spec
        Model<Label> model = new XGBoostClassificationTrainer(10).train(dataset);
        BundleRef ref = registry.publish(BundleContents.of("pump-failure",
                Task.of(FailureWithinHorizon.binary(48), "48 cycles"), fittedSpec, provenance, metrics,
                TribuoPayloads.of(model)));
        registry.promote(ref.name(), ref.version(), "production");

        // serving
        try (Predictor predictor = Predictors.load(registry.load("pump-failure@production"))) {
            Predictions.Probabilities p = (Predictions.Probabilities) predictor.predict(featureRows);
            double risk = p.get(0).probability("failure");
            // --- end of README example
            assertTrue(risk >= 0 && risk <= 1);
            assertEquals("pump-failure:1", predictor.info().reference());
        }
    }

    @Test
    void readme_runtime_example_scores_and_explains() {
        ModelRegistry registry = TestModels.pumpRegistry(tmp.resolve("registry"));
        long time = 100;
        double[] featureRow = TestModels.rows(1, 6, 1)[0];
        long readings = 20;

        // --- README example (Runtime)
        try (LoadedModel model = LoadedModel.load(registry, "pump@production")) {   // or load(LoadedBundle)
            FeatureVector v = new FeatureVector(Optional.of("pump-7"), time, featureRow, readings, List.of());
            ScoreResponse answer = Scorer.score(model, List.of(v), 5).get(0);   // top 5 features explained; 0: none
            // --- end of README example
            assertEquals("pump", answer.model().name());
            assertEquals(5, answer.explanation().orElseThrow().topFeatures().size());
        }
    }

    @Test
    void readme_signing_example_signs_and_verifies() {
        ModelRegistry registry = new ModelRegistry(tmp.resolve("registry"));
        Path keysDir = tmp.resolve("keys");
        BundleContents contents = Fixtures.contents("pump-failure", Fixtures.FAILURE,
                new Payload(new PayloadKind("test-bytes"), "weights.bin", dir -> Files.writeString(dir.resolve("weights.bin"), "w")));

        // --- README example (Signatures)
        SigningKey key = SigningKey.generate();                                // or SigningKey.read(Path.of("keys/ops.key"))
        KeyFiles.Written files = KeyFiles.write(key, keysDir, "ops");          // ops.key (PKCS#8 PEM, 0600), ops.pub (X.509 PEM)
        BundleRef ref = registry.publish(contents, new BundleSigner(key));     // signed in staging: appears signed or not at all
        TrustList trust = TrustList.read(List.of(files.publicKey()));
        LoadedBundle bundle = registry.load(ref, trust);                       // BundleSignatureException unless ops signed it
        Verification v = trust.verify(bundle);                                 // Verified[keyId=…]
        // --- end of README example
        assertEquals(new Verification.Verified(key.id()), v);
    }
}
