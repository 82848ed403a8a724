package org.prognos.models.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.spec.SpecJson;
import org.prognos.models.BundleFormatException;
import org.prognos.models.BundleIntegrityException;
import org.prognos.models.Fixtures;

class BundleRoundTripTest {
    static final Instant CREATED = Instant.parse("2025-06-01T12:00:00Z");
    static final byte[] WEIGHTS = "0123456789".repeat(100).getBytes(StandardCharsets.US_ASCII);
    static final PayloadKind TEST_KIND = new PayloadKind("test-bytes");

    @TempDir
    Path tmp;

    static Payload bytesPayload() {
        return new Payload(TEST_KIND, "weights.bin", dir -> Files.write(dir.resolve("weights.bin"), WEIGHTS));
    }

    Path written() throws Exception {
        Path dir = tmp.resolve("bundle");
        BundleWriter.write(Fixtures.contents("pump-failure", Fixtures.FAILURE, bytesPayload()).withReport("<html></html>"),
                1, CREATED, dir);
        return dir;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void written_bundle_reads_back_with_its_manifest_spec_and_payload() throws Exception {
        Path dir = written();
        LoadedBundle b = BundleReader.read(dir);
        Manifest m = b.manifest();
        assertEquals("pump-failure", m.name());
        assertEquals(1, m.version());
        assertEquals(CREATED, m.createdAt());
        assertEquals(Fixtures.FAILURE, m.task());
        assertEquals(Fixtures.columns(), m.featureColumns());
        assertEquals(Fixtures.spec().hash(), m.featureSpecHash());
        assertEquals(Fixtures.spec(), b.spec());
        assertEquals(Fixtures.provenance(), m.provenance());
        assertEquals(Fixtures.metrics(), m.metrics());
        assertEquals(dir.resolve("weights.bin"), b.payloadPath());
        assertArrayEquals(WEIGHTS, b.readVerified("weights.bin"));
        assertEquals(dir.resolve("report.html"), b.report().orElseThrow());
        assertTrue(b.verified());
    }

    @Test
    void manifest_lists_every_other_file_with_its_sha256() throws Exception {
        Path dir = written();
        Manifest m = BundleReader.read(dir).manifest();
        Set<String> onDisk;
        try (Stream<Path> s = Files.list(dir)) {
            onDisk = s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        assertEquals(Set.of("manifest.json", "spec.json", "metrics.json", "report.html", "weights.bin"), onDisk);
        assertEquals(Set.of("spec.json", "metrics.json", "report.html", "weights.bin"), m.files().keySet());
        for (var e : m.files().entrySet()) {
            assertEquals(sha256(Files.readAllBytes(dir.resolve(e.getKey()))), e.getValue(), e.getKey());
        }
    }

    @Test
    void altered_payload_is_refused_naming_the_file_and_both_digests() throws Exception {
        Path dir = written();
        byte[] altered = WEIGHTS.clone();
        altered[17] ^= 1;
        Files.write(dir.resolve("weights.bin"), altered);
        BundleIntegrityException e = assertThrows(BundleIntegrityException.class, () -> BundleReader.read(dir));
        assertEquals(dir.resolve("weights.bin") + ": checksum mismatch for 'weights.bin': expected SHA-256 "
                + sha256(WEIGHTS) + ", found " + sha256(altered) + " (1000 bytes); the file is truncated, altered or"
                + " from another bundle", e.getMessage());
    }

    @Test
    void truncated_file_is_refused() throws Exception {
        Path dir = written();
        Files.write(dir.resolve("weights.bin"), Arrays.copyOf(WEIGHTS, 10));
        BundleIntegrityException e = assertThrows(BundleIntegrityException.class, () -> BundleReader.read(dir));
        assertTrue(e.getMessage().contains("expected SHA-256 " + sha256(WEIGHTS) + ", found "
                + sha256(Arrays.copyOf(WEIGHTS, 10)) + " (10 bytes)"), e.getMessage());
    }

    @Test
    void missing_file_is_refused() throws Exception {
        Path dir = written();
        Files.delete(dir.resolve("metrics.json"));
        BundleIntegrityException e = assertThrows(BundleIntegrityException.class, () -> BundleReader.read(dir));
        assertTrue(e.getMessage().contains("'metrics.json' is missing; expected SHA-256 "), e.getMessage());
        assertTrue(e.getMessage().endsWith(", found none"), e.getMessage());
    }

    @Test
    void a_link_in_place_of_a_file_is_refused_even_when_its_target_matches() throws Exception {
        Path dir = written();
        Path outside = tmp.resolve("outside.bin");
        Files.write(outside, WEIGHTS);
        Files.delete(dir.resolve("weights.bin"));
        Files.createSymbolicLink(dir.resolve("weights.bin"), outside);
        BundleIntegrityException e = assertThrows(BundleIntegrityException.class, () -> BundleReader.read(dir));
        assertTrue(e.getMessage().contains("'weights.bin' must be a plain file"), e.getMessage());
    }

    @Test
    void a_file_changed_after_loading_is_refused_when_read() throws Exception {
        Path dir = written();
        LoadedBundle b = BundleReader.read(dir);
        Files.write(dir.resolve("weights.bin"), "evil".getBytes(StandardCharsets.US_ASCII));
        BundleIntegrityException e = assertThrows(BundleIntegrityException.class, () -> b.readVerified("weights.bin"));
        assertTrue(e.getMessage().contains("checksum mismatch for 'weights.bin'"), e.getMessage());
    }

    @Test
    void spec_whose_hash_differs_from_the_manifest_is_refused_even_with_a_matching_checksum() throws Exception {
        Path dir = written();
        String otherSpec = SpecJson.write(Fixtures.spec().withName("renamed")) + "\n";
        Files.writeString(dir.resolve("spec.json"), otherSpec);
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) mapper.readTree(dir.resolve("manifest.json").toFile());
        ((ObjectNode) manifest.get("files")).put("spec.json", sha256(otherSpec.getBytes(StandardCharsets.UTF_8)));
        mapper.writeValue(dir.resolve("manifest.json").toFile(), manifest);
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> BundleReader.read(dir));
        assertTrue(e.getMessage().contains("the spec hashes to " + Fixtures.spec().withName("renamed").hash()
                + " but the manifest records featureSpecHash " + Fixtures.spec().hash()), e.getMessage());
    }

    @Test
    void a_bundle_of_another_format_version_is_refused_before_anything_else_is_read() throws Exception {
        Path dir = written();
        String json = Files.readString(dir.resolve("manifest.json")).replace("prognos-bundle/1", "prognos-bundle/9");
        Files.writeString(dir.resolve("manifest.json"), json);
        Files.delete(dir.resolve("weights.bin"));
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> BundleReader.read(dir));
        assertTrue(e.getMessage().endsWith("bundle format is 'prognos-bundle/9'; this version of Prognos reads"
                + " 'prognos-bundle/1' only"), e.getMessage());
    }

    @Test
    void a_directory_without_manifest_is_not_a_bundle() {
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> BundleReader.read(tmp));
        assertEquals(tmp + " is not a Prognos bundle: it has no manifest.json", e.getMessage());
    }

    @Test
    void a_payload_writer_may_not_write_the_bundles_own_files() {
        Payload sneaky = new Payload(TEST_KIND, "weights.bin", dir -> {
            Files.write(dir.resolve("weights.bin"), WEIGHTS);
            Files.writeString(dir.resolve("spec.json"), "{}");
        });
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> BundleWriter.write(
                Fixtures.contents("m", Fixtures.FAILURE, sneaky), 1, CREATED, tmp.resolve("b")));
        assertEquals("the test-bytes payload writer created 'spec.json', a file name the bundle itself uses",
                e.getMessage());
    }

    @Test
    void a_payload_writer_that_forgets_its_file_is_refused() {
        Payload lazy = new Payload(TEST_KIND, "weights.bin", dir -> { });
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> BundleWriter.write(
                Fixtures.contents("m", Fixtures.FAILURE, lazy), 1, CREATED, tmp.resolve("b")));
        assertTrue(e.getMessage().startsWith("the test-bytes payload writer did not create its file 'weights.bin'"));
    }

    @Test
    void writer_refuses_a_directory_that_is_not_empty() throws Exception {
        Files.writeString(tmp.resolve("old.txt"), "x");
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> BundleWriter.write(
                Fixtures.contents("m", Fixtures.FAILURE, bytesPayload()), 1, CREATED, tmp));
        assertEquals("cannot write a bundle into " + tmp + ": the directory is not empty", e.getMessage());
    }
}
