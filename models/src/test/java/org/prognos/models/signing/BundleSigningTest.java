package org.prognos.models.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.models.BundleSignatureException;
import org.prognos.models.Fixtures;
import org.prognos.models.bundle.BundleReader;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.Manifest;
import org.prognos.models.bundle.Payload;
import org.prognos.models.bundle.PayloadKind;
import org.prognos.models.registry.BundleRef;
import org.prognos.models.registry.ModelRegistry;

/**
 * Signed bundles: a signature made at publish or afterwards verifies against the trust list, and each way of
 * passing off a bundle the key holder did not sign is refused with its own named reason, above all the attack the
 * checksums alone do not stop: another model's payload copied in and the manifest's digest rewritten to match.
 */
class BundleSigningTest {
    static final PayloadKind KIND = new PayloadKind("test-bytes");
    static final String PAYLOAD = "weights.bin";

    @TempDir
    Path tmp;

    ModelRegistry registry;
    SigningKey ops;
    BundleSigner signer;
    TrustList trust;

    @BeforeEach
    void setUp() {
        registry = new ModelRegistry(tmp.resolve("registry"));
        ops = SigningKey.generate();
        signer = new BundleSigner(ops);
        trust = TrustList.of(List.of(ops.publicKey()));
    }

    static Payload bytes(String content) {
        return new Payload(KIND, PAYLOAD, dir -> Files.writeString(dir.resolve(PAYLOAD), content.repeat(50)));
    }

    BundleRef publish(String name, String content) {
        return registry.publish(Fixtures.contents(name, Fixtures.FAILURE, bytes(content)));
    }

    BundleRef publishSigned(String name, String content) {
        return registry.publish(Fixtures.contents(name, Fixtures.FAILURE, bytes(content)), signer);
    }

    Verification verify(BundleRef ref) {
        return trust.verify(registry.load(ref));
    }

    BundleSignatureException refused(BundleRef ref) {
        return assertThrows(BundleSignatureException.class, () -> registry.load(ref, trust));
    }

    @Test
    void a_bundle_signed_at_publish_verifies_and_loads_through_the_trust_list() {
        BundleRef ref = publishSigned("pump", "good model ");
        assertEquals(new Verification.Verified(ops.id()), verify(ref));
        LoadedBundle b = registry.load("pump", trust);
        assertEquals("pump", b.manifest().name());
        assertTrue(Files.isRegularFile(registry.directory(ref).resolve(BundleSignature.FILE)));
        assertNoStagingLeft(ref);
    }

    @Test
    void signing_a_published_bundle_in_place_makes_it_verify_and_resigning_replaces_the_signature() throws Exception {
        BundleRef ref = publish("pump", "good model ");
        assertEquals(new Verification.Unsigned(), verify(ref));
        BundleSignature first = registry.sign(ref, new BundleSigner(SigningKey.generate()));
        assertInstanceOf(Verification.UnknownKey.class, verify(ref));
        BundleSignature second = registry.sign(ref, signer);
        assertEquals(new Verification.Verified(ops.id()), verify(ref));
        assertEquals("pump:1", second.bundle());
        assertEquals(sha256(Files.readAllBytes(registry.directory(ref).resolve(Manifest.MANIFEST_FILE))), second.manifestSha256());
        assertFalse(first.keyId().equals(second.keyId()));
        assertNoStagingLeft(ref);
    }

    @Test
    void an_unsigned_bundle_is_refused_as_unsigned_and_still_loads_without_a_trust_list() {
        BundleRef ref = publish("pump", "good model ");
        BundleSignatureException e = refused(ref);
        assertEquals("unsigned", e.reason());
        assertTrue(e.getMessage().startsWith("pump:1 is not signed (no signature.json); sign it with 'prognos models sign"), e.getMessage());
        assertEquals("pump", registry.load(ref, BundleTrust.unchecked()).manifest().name());
    }

    @Test
    void a_manifest_edited_after_signing_is_refused_as_a_bad_signature() throws Exception {
        BundleRef ref = publishSigned("pump", "good model ");
        Path manifest = registry.directory(ref).resolve(Manifest.MANIFEST_FILE);
        ObjectNode m = (ObjectNode) new ObjectMapper().readTree(manifest.toFile());
        ((ObjectNode) m.get("metrics")).put("auc", 0.99);   // still a valid manifest: only the signature can tell
        Files.writeString(manifest, m.toPrettyString(), StandardCharsets.UTF_8);
        BundleSignatureException e = refused(ref);
        assertEquals("bad-signature", e.reason());
        assertTrue(e.getMessage().contains("manifest.json changed after it was signed"), e.getMessage());
    }

    @Test
    void another_models_payload_with_its_digest_rewritten_passes_the_checksums_but_not_the_signature() throws Exception {
        BundleRef victim = publishSigned("pump", "good model ");
        BundleRef other = publishSigned("other", "another model ");
        Path dir = registry.directory(victim);
        Path otherPayload = registry.directory(other).resolve(PAYLOAD);
        Files.copy(otherPayload, dir.resolve(PAYLOAD), StandardCopyOption.REPLACE_EXISTING);
        Path manifest = dir.resolve(Manifest.MANIFEST_FILE);
        ObjectNode m = (ObjectNode) new ObjectMapper().readTree(manifest.toFile());
        ((ObjectNode) m.get("files")).put(PAYLOAD, sha256(Files.readAllBytes(otherPayload)));
        Files.writeString(manifest, m.toPrettyString(), StandardCharsets.UTF_8);

        assertEquals("pump", BundleReader.read(dir).manifest().name(), "the checksums alone accept the swap");
        assertEquals("pump", registry.load(victim, BundleTrust.unchecked()).manifest().name());
        BundleSignatureException e = refused(victim);
        assertEquals("bad-signature", e.reason());
        assertTrue(e.getMessage().contains("manifest.json changed after it was signed"), e.getMessage());
    }

    @Test
    void a_signature_copied_from_another_bundle_is_refused_naming_where_it_came_from() throws Exception {
        BundleRef victim = publish("pump", "tampered model ");
        BundleRef other = publishSigned("other", "another model ");
        Files.copy(registry.directory(other).resolve(BundleSignature.FILE), registry.directory(victim).resolve(BundleSignature.FILE));
        BundleSignatureException e = refused(victim);
        assertEquals("bad-signature", e.reason());
        assertTrue(e.getMessage().contains("it was made for other:1 and copied here"), e.getMessage());
    }

    @Test
    void a_bundle_signed_by_a_foreign_key_is_refused_as_unknown_key() {
        SigningKey foreign = SigningKey.generate();
        BundleRef ref = registry.publish(Fixtures.contents("pump", Fixtures.FAILURE, bytes("x")), new BundleSigner(foreign));
        assertEquals(new Verification.UnknownKey(foreign.id(), java.util.Set.of(ops.id())), verify(ref));
        BundleSignatureException e = refused(ref);
        assertEquals("unknown-key", e.reason());
        assertTrue(e.getMessage().contains("signed by key " + foreign.id() + ", which the trust list does not hold (it holds ["
                + ops.id() + "])"), e.getMessage());
    }

    @Test
    void a_forged_signature_over_the_right_manifest_is_refused() throws Exception {
        BundleRef ref = publishSigned("pump", "good model ");
        Path file = registry.directory(ref).resolve(BundleSignature.FILE);
        BundleSignature s = BundleSignature.read(registry.directory(ref)).orElseThrow();
        byte[] sig = s.signatureBytes();
        sig[0] ^= 1;
        Files.writeString(file, new String(BundleSignature.of(s.keyId(), s.bundle(), s.manifestSha256(), sig).toJson(), StandardCharsets.UTF_8));
        assertEquals(new Verification.BadSignature(ops.id(), "the signature is forged or damaged"), verify(ref));
    }

    @Test
    void a_file_the_manifest_does_not_cover_is_refused_and_not_signed() throws Exception {
        BundleRef ref = publishSigned("pump", "good model ");
        Files.writeString(registry.directory(ref).resolve("extra.bin"), "not in the manifest");
        assertEquals("pump", BundleReader.read(registry.directory(ref)).manifest().name(), "the reader ignores extra files");
        assertEquals(new Verification.UncoveredFile("extra.bin"), verify(ref));
        assertEquals("uncovered-file", refused(ref).reason());

        BundleRef unsigned = publish("other", "x");
        Files.writeString(registry.directory(unsigned).resolve(".hidden"), "x");
        BundleSignatureException e = assertThrows(BundleSignatureException.class, () -> registry.sign(unsigned, signer));
        assertTrue(e.getMessage().startsWith("refusing to sign other:1"), e.getMessage());
        assertFalse(Files.exists(registry.directory(unsigned).resolve(BundleSignature.FILE)), "a refused sign writes nothing");
    }

    @Test
    void a_malformed_signature_file_is_refused_with_what_is_wrong() throws Exception {
        BundleRef ref = publishSigned("pump", "good model ");
        Path file = registry.directory(ref).resolve(BundleSignature.FILE);
        Files.writeString(file, Files.readString(file).replace("Ed25519", "RSA"));
        Verification v = verify(ref);
        assertEquals("malformed-signature", v.reason());
        assertTrue(v.explain("pump:1").contains("Prognos accepts Ed25519 only"), v.explain("pump:1"));
    }

    @Test
    void a_trust_list_with_the_new_key_beside_the_old_accepts_both_during_a_rotation() {
        SigningKey next = SigningKey.generate();
        BundleRef old = publishSigned("pump", "a");
        BundleRef resigned = publishSigned("other", "b");
        registry.sign(resigned, new BundleSigner(next));
        TrustList both = TrustList.of(List.of(ops.publicKey(), next.publicKey()));
        assertTrue(both.verify(registry.load(old)).trusted());
        assertTrue(both.verify(registry.load(resigned)).trusted());
        TrustList onlyNext = TrustList.of(List.of(next.publicKey()));
        assertEquals("unknown-key", onlyNext.verify(registry.load(old)).reason());
    }

    private void assertNoStagingLeft(BundleRef ref) {
        try (Stream<Path> s = Files.list(registry.directory(ref).getParent())) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".staging-")).toList());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
