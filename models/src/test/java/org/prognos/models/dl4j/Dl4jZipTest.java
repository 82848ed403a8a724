package org.prognos.models.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.models.BundleFormatException;

/** DL4J zips are read without letting DL4J Java-deserialize anything. */
class Dl4jZipTest {
    @TempDir
    Path tmp;
    final java.util.List<MultiLayerNetwork> open = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void close() {
        open.forEach(MultiLayerNetwork::close);
    }

    MultiLayerNetwork cnn() {
        MultiLayerNetwork n = TinyNetworks.cnn(1, 3);
        open.add(n);
        return n;
    }

    byte[] saved(MultiLayerNetwork net) throws IOException {
        Path f = tmp.resolve("net.zip");
        Dl4jZip.write(net, f);
        return Files.readAllBytes(f);
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void a_network_is_written_without_updater_state_or_normalizer() throws IOException {
        assertEquals(java.util.Set.of("configuration.json", "coefficients.bin"), unzip(saved(cnn())).keySet());
    }

    @Test
    void a_restored_network_has_the_same_parameters() throws IOException {
        MultiLayerNetwork net = TinyNetworks.lstm(2, 5);
        open.add(net);
        MultiLayerNetwork back = Dl4jZip.read(saved(net), "net.zip");
        open.add(back);
        assertEquals(net.params(), back.params());
        assertEquals(net.getLayerWiseConfigurations(), back.getLayerWiseConfigurations());
    }

    @Test
    void a_zip_with_a_preprocessor_entry_is_refused_before_dl4j_sees_it() throws IOException {
        // DL4J's restore would hand preprocessor.bin to ObjectInputStream; this one holds a serialized object that
        // must never be read
        ByteArrayOutputStream serialized = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(serialized)) {
            out.writeObject(new java.util.ArrayList<>(java.util.List.of("not a preprocessor")));
        }
        MultiLayerNetwork net = cnn();
        Map<String, byte[]> entries = unzip(saved(net));
        entries.put("preprocessor.bin", serialized.toByteArray());
        BundleFormatException e = assertThrows(BundleFormatException.class,
                () -> Dl4jZip.read(zip(entries), "model.zip"));
        assertTrue(e.getMessage().startsWith("model.zip: the DL4J zip has an entry 'preprocessor.bin'; a payload"
                + " network holds only [coefficients.bin, configuration.json]"), e.getMessage());
    }

    @Test
    void normalizer_and_updater_entries_are_refused_too() throws IOException {
        MultiLayerNetwork net = cnn();
        for (String extra : java.util.List.of("normalizer.bin", "updaterState.bin", "../evil")) {
            Map<String, byte[]> entries = unzip(saved(net));
            entries.put(extra, new byte[] {1, 2, 3});
            assertThrows(BundleFormatException.class, () -> Dl4jZip.read(zip(entries), "model.zip"), extra);
        }
    }

    @Test
    void a_configuration_naming_a_class_outside_dl4j_is_refused() throws IOException {
        MultiLayerNetwork net = cnn();
        Map<String, byte[]> entries = unzip(saved(net));
        String json = new String(entries.get("configuration.json"), StandardCharsets.UTF_8)
                .replace("org.nd4j.linalg.activations.impl.ActivationReLU", "com.example.Gadget");
        entries.put("configuration.json", json.getBytes(StandardCharsets.UTF_8));
        BundleFormatException e = assertThrows(BundleFormatException.class,
                () -> Dl4jZip.read(zip(entries), "model.zip"));
        assertEquals("model.zip: configuration.json names classes outside [org.deeplearning4j.nn., org.nd4j.linalg.]:"
                + " [\"com.example.Gadget\"]", e.getMessage());
    }

    @Test
    void missing_parameters_and_non_zip_bytes_are_refused() throws IOException {
        MultiLayerNetwork net = cnn();
        Map<String, byte[]> entries = unzip(saved(net));
        entries.remove("coefficients.bin");
        BundleFormatException e = assertThrows(BundleFormatException.class,
                () -> Dl4jZip.read(zip(entries), "model.zip"));
        assertEquals("model.zip: the DL4J zip lacks [coefficients.bin]", e.getMessage());
        assertThrows(BundleFormatException.class,
                () -> Dl4jZip.read("not a zip".getBytes(StandardCharsets.UTF_8), "model.zip"));
    }

    @Test
    void the_dl4j_version_comes_from_the_jar() {
        assertEquals("1.0.0-M2.1", Dl4jZip.dl4jVersion());
    }
}
