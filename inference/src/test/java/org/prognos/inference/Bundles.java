package org.prognos.inference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.prognos.models.bundle.Manifest;
import org.prognos.models.registry.BundleRef;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.tribuo.TribuoPayloads;

/** Ways a published bundle is damaged or tampered with, for the service's fault tests. */
final class Bundles {
    private Bundles() {
    }

    /**
     * The attack checksums alone do not stop: {@code from}'s payload copied over {@code victim}'s, and the victim's
     * manifest digest rewritten to match, so every checksum passes.
     */
    static void swapPayloadAndRehash(ModelRegistry registry, BundleRef victim, BundleRef from) {
        Path dir = registry.directory(victim);
        Path source = registry.directory(from).resolve(TribuoPayloads.FILE);
        try {
            Files.copy(source, dir.resolve(TribuoPayloads.FILE), StandardCopyOption.REPLACE_EXISTING);
            Path manifest = dir.resolve(Manifest.MANIFEST_FILE);
            ObjectNode m = (ObjectNode) new ObjectMapper().readTree(manifest.toFile());
            ((ObjectNode) m.get("files")).put(TribuoPayloads.FILE, sha256(Files.readAllBytes(source)));
            Files.writeString(manifest, m.toPrettyString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cuts the payload of {@code ref} in half: a checksum mismatch. Returns the original bytes. */
    static byte[] truncatePayload(ModelRegistry registry, BundleRef ref) {
        Path payload = registry.directory(ref).resolve(TribuoPayloads.FILE);
        try {
            byte[] original = Files.readAllBytes(payload);
            Files.write(payload, Arrays.copyOf(original, original.length / 2));
            return original;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
