package org.prognos.models.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.models.BundleFormatException;
import org.prognos.models.Fixtures;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.Payload;
import org.prognos.models.bundle.PayloadKind;
import org.prognos.models.registry.ModelRegistry;

class PredictorsTest {
    @TempDir
    Path tmp;

    private static final PayloadKind ONNX = new PayloadKind("onnx");

    LoadedBundle onnxLikeBundle() {
        ModelRegistry r = new ModelRegistry(tmp);
        r.publish(Fixtures.contents("rul-onnx", Fixtures.RUL, new Payload(ONNX, "model.onnx",
                dir -> Files.write(dir.resolve("model.onnx"), new byte[] {'O', 'N'}))));
        return r.load("rul-onnx");
    }

    @Test
    void standard_adapters_load_tribuo_dl4j_baseline_and_anomaly_payloads() {
        assertEquals(Set.of(PayloadKind.ANOMALY_JSON, PayloadKind.BASELINE_JSON, PayloadKind.DL4J_ZIP, PayloadKind.TRIBUO_PROTOBUF),
                Predictors.standard().kinds());
    }

    @Test
    void a_payload_kind_without_adapter_is_refused_naming_the_known_kinds() {
        LoadedBundle b = onnxLikeBundle();
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> Predictors.load(b));
        assertTrue(e.getMessage().endsWith("no adapter loads payload kind 'onnx'; known kinds: [anomaly-json,"
                + " baseline-json, dl4j-zip, tribuo-protobuf]"), e.getMessage());
    }

    @Test
    void a_new_library_plugs_in_by_payload_kind() {
        LoadedBundle b = onnxLikeBundle();
        PredictionsTest.CountingPredictor stub = new PredictionsTest.CountingPredictor();
        Predictors withOnnx = Predictors.standard().with(ONNX, bundle -> stub);
        assertSame(stub, withOnnx.create(b));
        assertEquals(5, withOnnx.kinds().size());
        assertEquals(4, Predictors.standard().kinds().size(), "standard() is unchanged");
    }
}
