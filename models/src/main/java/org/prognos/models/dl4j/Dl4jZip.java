package org.prognos.models.dl4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.prognos.models.BundleFormatException;

/**
 * Reads and writes DL4J {@link MultiLayerNetwork}s in DL4J's own zip format ({@link ModelSerializer}), without the
 * updater state and without a normalizer, and reads them without Java deserialization.
 *
 * <p><b>Why reading is guarded.</b> DL4J 1.0.0-M2.1's {@code ModelSerializer.restoreMultiLayerNetwork} reads the
 * zip's entries into a map and then, besides parsing {@code configuration.json} (Jackson) and
 * {@code coefficients.bin} (ND4J's binary array format, {@code Nd4j.read(DataInputStream)}), Java-deserializes an
 * entry named {@code preprocessor.bin} with {@code ObjectInputStream} whenever one is present, whoever wrote the file;
 * its normalizer helpers also Java-deserialize legacy normalizers. So this class never hands the payload to DL4J as
 * is: it reads the entries itself, refuses any entry other than {@link #ENTRIES}, refuses type ids in the
 * configuration outside {@link #CLASS_PREFIXES}, and gives DL4J a new zip holding only those two entries. With no
 * {@code preprocessor.bin} (and no {@code normalizer.bin}, {@code updaterState.bin}) there is nothing for DL4J to
 * deserialize. Standardization statistics live in the bundle as JSON ({@link SequenceInput}), never in the zip.
 *
 * <p><b>Configuration type ids.</b> DL4J's configuration JSON names classes in {@code "@class"} properties (layers,
 * activations, updaters, weight initializers, schedules). Jackson checks each against the declared base type, but it
 * resolves the name first; requiring every {@code "@class"} to lie in DL4J's or ND4J's packages keeps a crafted
 * configuration from naming anything else on the class path. The bundle checksum has already been verified by then;
 * as for every payload kind, a bundle is as trusted as whoever can write to the registry.
 */
public final class Dl4jZip {
    /** The zip entries a payload network may have: the configuration and the parameters. */
    public static final Set<String> ENTRIES = Set.of("configuration.json", "coefficients.bin");
    /** Packages every {@code "@class"} type id of the configuration must belong to. */
    public static final List<String> CLASS_PREFIXES = List.of("org.deeplearning4j.nn.", "org.nd4j.linalg.");

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private Dl4jZip() {
    }

    /**
     * Writes {@code network} with {@link ModelSerializer}, without the updater state (a payload serves, it does not
     * resume training) and without a normalizer.
     */
    public static void write(MultiLayerNetwork network, Path file) throws IOException {
        ModelSerializer.writeModel(network, file.toFile(), false);
    }

    /**
     * Restores a network from zip bytes written by {@link #write}.
     *
     * @param source names the bytes in error messages
     * @throws BundleFormatException when the zip has entries other than {@link #ENTRIES}, a type id outside
     *                               {@link #CLASS_PREFIXES}, or DL4J cannot build a network from it
     */
    public static MultiLayerNetwork read(byte[] zip, String source) {
        Map<String, byte[]> entries = entries(zip, source);
        checkTypeIds(entries.get("configuration.json"), source);
        byte[] clean = rezip(entries, source);
        try {
            return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(clean), false);
        } catch (IOException | RuntimeException e) {
            throw new BundleFormatException(source + ": DL4J cannot restore the network: " + e.getMessage(), e);
        }
    }

    /** The DL4J version on the class path, from the deeplearning4j-nn jar's Maven metadata ({@code "unknown"} if absent). */
    public static String dl4jVersion() {
        try (InputStream in = MultiLayerNetwork.class.getResourceAsStream(
                "/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Map<String, byte[]> entries(byte[] zip, String source) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                String name = e.getName();
                if (e.isDirectory() || !ENTRIES.contains(name)) {
                    throw new BundleFormatException(source + ": the DL4J zip has an entry '" + name + "'; a payload"
                            + " network holds only " + new TreeSet<>(ENTRIES) + " (preprocessors, normalizers and"
                            + " updater state are refused: DL4J would Java-deserialize some of them)");
                }
                if (out.put(name, in.readAllBytes()) != null) {
                    throw new BundleFormatException(source + ": the DL4J zip has entry '" + name + "' twice");
                }
            }
        } catch (IOException e) {
            throw new BundleFormatException(source + ": not a readable zip: " + e.getMessage(), e);
        }
        List<String> missing = new ArrayList<>(new TreeSet<>(ENTRIES));
        missing.removeAll(out.keySet());
        if (!missing.isEmpty()) {
            throw new BundleFormatException(source + ": the DL4J zip lacks " + missing);
        }
        return out;
    }

    private static void checkTypeIds(byte[] configuration, String source) {
        JsonNode tree;
        try {
            tree = JSON.readTree(configuration);
        } catch (IOException e) {
            throw new BundleFormatException(source + ": configuration.json is not JSON: " + e.getMessage(), e);
        }
        List<String> refused = new ArrayList<>();
        walk(tree, refused);
        if (!refused.isEmpty()) {
            throw new BundleFormatException(source + ": configuration.json names classes outside " + CLASS_PREFIXES
                    + ": " + refused);
        }
    }

    private static void walk(JsonNode node, List<String> refused) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getKey().equals("@class")) {
                    String name = f.getValue().asText();
                    if (!f.getValue().isTextual() || CLASS_PREFIXES.stream().noneMatch(name::startsWith)) {
                        refused.add(f.getValue().toString());
                    }
                }
                walk(f.getValue(), refused);
            }
        } else if (node.isArray()) {
            for (JsonNode n : node) {
                walk(n, refused);
            }
        }
    }

    private static byte[] rezip(Map<String, byte[]> entries, String source) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new BundleFormatException(source + ": cannot repackage the DL4J zip: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }
}
