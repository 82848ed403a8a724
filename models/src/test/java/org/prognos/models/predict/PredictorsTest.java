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

    LoadedBundle dl4jLikeBundle() {
        ModelRegistry r = new ModelRegistry(tmp);
        r.publish(Fixtures.contents("rul-lstm", Fixtures.RUL, new Payload(PayloadKind.DL4J_ZIP, "model.zip",
                dir -> Files.write(dir.resolve("model.zip"), new byte[] {'P', 'K'}))));
        return r.load("rul-lstm");
    }

    @Test
    void standard_adapters_load_tribuo_and_baseline_payloads() {
        assertEquals(Set.of(PayloadKind.BASELINE_JSON, PayloadKind.TRIBUO_PROTOBUF), Predictors.standard().kinds());
    }

    @Test
    void a_payload_kind_without_adapter_is_refused_naming_the_known_kinds() {
        LoadedBundle b = dl4jLikeBundle();
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> Predictors.load(b));
        assertTrue(e.getMessage().endsWith("no adapter loads payload kind 'dl4j-zip'; known kinds: [baseline-json,"
                + " tribuo-protobuf]"), e.getMessage());
    }

    @Test
    void a_new_library_plugs_in_by_payload_kind() {
        LoadedBundle b = dl4jLikeBundle();
        PredictionsTest.CountingPredictor stub = new PredictionsTest.CountingPredictor();
        Predictors withDl4j = Predictors.standard().with(PayloadKind.DL4J_ZIP, bundle -> stub);
        assertSame(stub, withDl4j.create(b));
        assertEquals(3, withDl4j.kinds().size());
        assertEquals(2, Predictors.standard().kinds().size(), "standard() is unchanged");
    }
}
