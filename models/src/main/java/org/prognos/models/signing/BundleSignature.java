package org.prognos.models.signing;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.prognos.models.BundleFormatException;
import org.prognos.models.bundle.ManifestJson;

/**
 * The {@code signature.json} beside a bundle's manifest. Only {@code signature} is evidence: it is the Ed25519
 * signature of the exact bytes of {@code manifest.json}, which hold the SHA-256 of every other file. {@code bundle}
 * and {@code manifestSha256} record what was signed so that a refusal can say why the signature does not fit
 * ("copied from pump:1", "the manifest changed after signing"); they are never trusted on their own.
 *
 * <pre>
 * {"format": "prognos-signature/1", "algorithm": "Ed25519", "keyId": "3f9c0a6e12b4d785",
 *  "bundle": "pump:2", "manifestSha256": "9f…", "signature": "base64 of 64 bytes"}
 * </pre>
 *
 * @param format         always {@value #FORMAT}
 * @param algorithm      always {@value SigningKey#ALGORITHM}
 * @param keyId          the signing key's id
 * @param bundle         {@code name:version} of the manifest signed
 * @param manifestSha256 lower-case hex SHA-256 of the manifest bytes signed
 * @param signature      base64 of the 64-byte signature
 */
@JsonPropertyOrder({"format", "algorithm", "keyId", "bundle", "manifestSha256", "signature"})
public record BundleSignature(String format, String algorithm, KeyId keyId, String bundle, String manifestSha256,
                              String signature) {
    /** The signature file format this version writes and reads. */
    public static final String FORMAT = "prognos-signature/1";
    /** The file name, in the bundle directory beside {@code manifest.json}. */
    public static final String FILE = "signature.json";

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = ManifestJson.mapper();

    public BundleSignature {
        if (!FORMAT.equals(format)) {
            throw new BundleFormatException("signature format is " + (format == null ? "missing" : "'" + format + "'")
                    + "; this version of Prognos reads '" + FORMAT + "' only");
        }
        if (!SigningKey.ALGORITHM.equals(algorithm)) {
            throw new BundleFormatException("signature algorithm is " + (algorithm == null ? "missing" : "'" + algorithm + "'")
                    + "; Prognos accepts " + SigningKey.ALGORITHM + " only");
        }
        if (keyId == null) {
            throw new BundleFormatException("signature 'keyId' is required");
        }
        if (bundle == null || bundle.isBlank()) {
            throw new BundleFormatException("signature 'bundle' is required");
        }
        if (manifestSha256 == null || !SHA256.matcher(manifestSha256).matches()) {
            throw new BundleFormatException("signature 'manifestSha256' must be 64 lower-case hex digits");
        }
        if (signature == null || decode(signature).length != 64) {
            throw new BundleFormatException("signature 'signature' must be the base64 of 64 bytes");
        }
    }

    static BundleSignature of(KeyId keyId, String bundle, String manifestSha256, byte[] signature) {
        return new BundleSignature(FORMAT, SigningKey.ALGORITHM, keyId, bundle, manifestSha256,
                Base64.getEncoder().encodeToString(signature));
    }

    /** The signature bytes. */
    public byte[] signatureBytes() {
        return decode(signature);
    }

    /**
     * The signature file of the bundle in {@code directory}, if it has one.
     *
     * @throws BundleFormatException when the file is not a plain file or not a valid signature file
     */
    public static Optional<BundleSignature> read(Path directory) {
        Path file = directory.resolve(FILE);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new BundleFormatException(file + " must be a plain file (links and directories are refused)");
        }
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(file), BundleSignature.class));
        } catch (JsonProcessingException e) {
            throw new BundleFormatException(file + ": " + ManifestJson.reason(e), e);
        } catch (IOException e) {
            throw new BundleFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file's contents. */
    byte[] toJson() {
        try {
            return (JSON.writeValueAsString(this) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a signature: " + e.getOriginalMessage(), e);
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new BundleFormatException("signature 'signature' is not valid base64", e);
        }
    }
}
