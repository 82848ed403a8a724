package org.prognos.models.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prognos.models.BundleFormatException;
import org.prognos.models.Fixtures;

class ManifestJsonTest {
    static final String DIGEST = "0123456789abcdef".repeat(4);

    static Manifest manifest() {
        return new Manifest(Manifest.FORMAT, "pump-failure", 3, Instant.parse("2025-01-02T03:04:05.678Z"), Fixtures.FAILURE,
                Fixtures.columns(), Fixtures.spec().hash(), Fixtures.provenance(), Fixtures.metrics(),
                new Manifest.PayloadFile(PayloadKind.TRIBUO_PROTOBUF, "model.tribuo"),
                Map.of("spec.json", DIGEST, "metrics.json", DIGEST, "model.tribuo", DIGEST));
    }

    static byte[] edit(java.util.function.Consumer<ObjectNode> change) throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode tree = (ObjectNode) m.readTree(ManifestJson.write(manifest()));
        change.accept(tree);
        return m.writeValueAsBytes(tree);
    }

    @Test
    void manifest_round_trips_through_json_unchanged() {
        Manifest m = manifest();
        Manifest back = ManifestJson.parse(ManifestJson.write(m).getBytes(StandardCharsets.UTF_8), "manifest.json");
        assertEquals(m, back);
    }

    @Test
    void manifest_json_names_the_task_and_payload_kind_as_words() {
        String json = ManifestJson.write(manifest());
        assertTrue(json.contains("\"type\" : \"failure-within-horizon\""), json);
        assertTrue(json.contains("\"kind\" : \"tribuo-protobuf\""), json);
        assertTrue(json.contains("\"createdAt\" : \"2025-01-02T03:04:05.678Z\""), json);
    }

    @Test
    void unknown_format_is_refused_naming_the_supported_one() throws Exception {
        byte[] json = edit(t -> {
            t.put("format", "prognos-bundle/2");
            t.put("somethingNew", true);
        });
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> ManifestJson.parse(json, "m.json"));
        assertEquals("m.json: bundle format is 'prognos-bundle/2'; this version of Prognos reads 'prognos-bundle/1' only",
                e.getMessage());
    }

    @Test
    void missing_format_is_refused() throws Exception {
        byte[] json = edit(t -> t.remove("format"));
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> ManifestJson.parse(json, "m.json"));
        assertTrue(e.getMessage().contains("bundle format is missing"), e.getMessage());
    }

    @Test
    void unknown_field_is_refused() throws Exception {
        byte[] json = edit(t -> t.put("colour", "blue"));
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> ManifestJson.parse(json, "m.json"));
        assertTrue(e.getMessage().startsWith("m.json: ") && e.getMessage().contains("colour"), e.getMessage());
    }

    @Test
    void file_names_that_leave_the_bundle_are_refused() throws Exception {
        for (String bad : new String[] {"../escape", "a/b", ".hidden", "/etc/passwd"}) {
            byte[] json = edit(t -> ((ObjectNode) t.get("files")).put(bad, DIGEST));
            BundleFormatException e = assertThrows(BundleFormatException.class, () -> ManifestJson.parse(json, "m.json"));
            assertTrue(e.getMessage().contains("'" + bad + "', which is not a plain file name"), e.getMessage());
        }
    }

    @Test
    void digest_that_is_not_a_sha256_is_refused() throws Exception {
        byte[] json = edit(t -> ((ObjectNode) t.get("files")).put("spec.json", "abc"));
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> ManifestJson.parse(json, "m.json"));
        assertTrue(e.getMessage().contains("gives 'spec.json' the SHA-256 'abc'"), e.getMessage());
    }

    @Test
    void manifest_must_list_the_payload_file() throws Exception {
        byte[] json = edit(t -> ((ObjectNode) t.get("files")).remove("model.tribuo"));
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> ManifestJson.parse(json, "m.json"));
        assertTrue(e.getMessage().contains("'files' does not list 'model.tribuo'"), e.getMessage());
    }

    @Test
    void malformed_json_names_the_line() {
        BundleFormatException e = assertThrows(BundleFormatException.class,
                () -> ManifestJson.parse("{\n \"format\": ".getBytes(StandardCharsets.UTF_8), "m.json"));
        assertTrue(e.getMessage().startsWith("m.json: malformed JSON at line 2"), e.getMessage());
    }

    @Test
    void metrics_and_hyperparameters_cannot_be_changed_through_accessors() {
        Manifest m = manifest();
        ((ObjectNode) m.metrics()).put("auc", 0.0);
        m.provenance().hyperparameters().get("trees");
        assertEquals(0.91, m.metrics().get("auc").asDouble());
        JsonNode trees = m.provenance().hyperparameters().get("trees");
        assertEquals(5, trees.asInt());
    }

    /** A hyperparameter record as a trainer would define it. */
    record GbtSettings(int trees, double eta, int maxDepth) {
    }

    @Test
    void a_hyperparameter_record_becomes_provenance_hyperparameters() {
        Map<String, JsonNode> hp = Provenance.hyperparametersOf(new GbtSettings(100, 0.1, 6));
        assertEquals(java.util.List.of("trees", "eta", "maxDepth"), java.util.List.copyOf(hp.keySet()));
        assertEquals(0.1, hp.get("eta").asDouble());
    }
}
