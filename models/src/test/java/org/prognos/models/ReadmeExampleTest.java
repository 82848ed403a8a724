package org.prognos.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.labels.FailureWithinHorizon;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.models.bundle.BundleContents;
import org.prognos.models.bundle.Provenance;
import org.prognos.models.bundle.Task;
import org.prognos.models.predict.Predictions;
import org.prognos.models.predict.Predictor;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.BundleRef;
import org.prognos.models.registry.ModelRegistry;
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
}
