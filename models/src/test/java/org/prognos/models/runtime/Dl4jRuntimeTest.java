package org.prognos.models.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.spec.EmitConfig;
import org.prognos.features.spec.FeatureGroup;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.spec.TimeConfig;
import org.prognos.features.spec.WindowConfig;
import org.prognos.models.bundle.BundleContents;
import org.prognos.models.bundle.LibraryVersions;
import org.prognos.models.bundle.Provenance;
import org.prognos.models.bundle.Task;
import org.prognos.models.dl4j.Dl4jPredictor;
import org.prognos.models.dl4j.SequenceEnsemble;
import org.prognos.models.dl4j.SequenceInput;
import org.prognos.models.predict.Predictions;
import org.prognos.models.registry.BundleRef;
import org.prognos.models.registry.ModelRegistry;

/**
 * A DL4J sequence bundle ({@code dl4j-zip}) loads where the service, the report and batch jobs load bundles
 * ({@link LoadedModel#load} with the standard adapters) and scores the same numbers as the DL4J adapter itself.
 * The network is small and untrained: this is about loading.
 */
class Dl4jRuntimeTest {
    static final int WINDOW = 5;
    static final List<String> CHANNELS = List.of("temp", "vib");

    @TempDir
    Path dir;

    static FeatureSpec spec() {
        Map<String, WindowConfig> windows = new LinkedHashMap<>();
        windows.put("n5", WindowConfig.ofSamples(WINDOW));
        return new FeatureSpec(null, "pump-seq", "test spec", TimeConfig.cycles(), CHANNELS, windows,
                EmitConfig.everySample(), false, null, null, List.of(new FeatureGroup.Sequence(CHANNELS, "n5")),
                null, null);
    }

    static MultiLayerNetwork cnn(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .updater(new Adam(1e-3)).list()
                .layer(new Convolution1DLayer.Builder().kernelSize(3).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).rnnDataFormat(RNNFormat.NCW).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.SIGMOID)
                        .build())
                .setInputType(InputType.recurrent(CHANNELS.size(), WINDOW, RNNFormat.NCW))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    BundleRef publish(ModelRegistry registry) {
        SequenceInput input = new SequenceInput(WINDOW, CHANNELS, new double[] {60, 3}, new double[] {10, 2});
        try (SequenceEnsemble ensemble = new SequenceEnsemble(List.of(cnn(1), cnn(2)), input, 125, OptionalDouble.of(125))) {
            Map<String, JsonNode> hp = new LinkedHashMap<>();
            hp.put("architecture", JsonNodeFactory.instance.textNode("cnn"));
            Provenance provenance = new Provenance("sha256:" + "ab".repeat(32), "pumps 1-10 (test fixture)", 42L, hp,
                    LibraryVersions.current());
            BundleRef ref = registry.publish(BundleContents.of("pump-seq-rul",
                    new Task.RemainingUsefulLife("cycle", OptionalDouble.of(125)), spec(), provenance,
                    JsonNodeFactory.instance.objectNode(), ensemble.payload()));
            registry.promote(ref.name(), ref.version(), "production");
            return ref;
        }
    }

    static double[][] rows(int n, int width, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][width];
        for (double[] r : x) {
            for (int c = 0; c < width; c++) {
                r[c] = c < width / 2 ? 60 + 10 * rng.nextGaussian() : 3 + 2 * rng.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void the_runtime_loads_a_dl4j_bundle_and_scores_what_the_dl4j_adapter_scores() {
        ModelRegistry registry = new ModelRegistry(dir);
        publish(registry);
        int width = new FeatureExtractor(spec()).columns().size();
        double[][] x = rows(40, width, 7);
        try (LoadedModel loaded = LoadedModel.load(registry, "pump-seq-rul@production");
             Dl4jPredictor direct = Dl4jPredictor.load(registry.load("pump-seq-rul@production"))) {
            Predictions expected = direct.predict(x);
            assertInstanceOf(Predictions.Values.class, expected);
            assertEquals(expected, loaded.predictor().predict(x));
            for (double v : ((Predictions.Values) expected).values()) {
                assertTrue(v >= 0 && v <= 125, "clipped to the cap: " + v);
            }
        }
    }

    @Test
    void one_member_predicts_as_an_ensemble_of_that_network_alone_and_the_members_average_to_the_ensemble() {
        SequenceInput input = new SequenceInput(WINDOW, CHANNELS, new double[] {60, 3}, new double[] {10, 2});
        int width = new FeatureExtractor(spec()).columns().size();
        double[][] x = rows(40, width, 7);
        int[] at = input.indicesIn(new FeatureExtractor(spec()).columns());
        // an uncapped scale-1 ensemble does not clip above, so the mean of its members is its prediction wherever
        // both members answer at or above 0
        try (SequenceEnsemble both = new SequenceEnsemble(List.of(cnn(1), cnn(2)), input, 1, OptionalDouble.empty());
             SequenceEnsemble first = new SequenceEnsemble(List.of(cnn(1)), input, 1, OptionalDouble.empty())) {
            double[] m0 = both.predictMember(0, x, at);
            double[] m1 = both.predictMember(1, x, at);
            double[] alone = first.predict(x, at);
            double[] mean = both.predict(x, at);
            int compared = 0;
            for (int r = 0; r < x.length; r++) {
                assertEquals(alone[r], m0[r], 0.0, "row " + r);
                if (m0[r] > 0 && m1[r] > 0) {
                    assertEquals((m0[r] + m1[r]) / 2, mean[r], 1e-9, "row " + r);
                    compared++;
                }
            }
            assertTrue(compared > 0, "some rows where neither member clips at 0");
        }
    }
}
