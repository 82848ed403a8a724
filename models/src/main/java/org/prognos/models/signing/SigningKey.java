package org.prognos.models.signing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import org.prognos.models.KeyFileException;

/**
 * An Ed25519 key pair that signs bundles: the private key, its public key and the public key's {@link KeyId}.
 *
 * <p>A private key file holds the private key only (PKCS#8, as {@code openssl genpkey} writes it). Its public key is
 * recomputed when it is read: an Ed25519 key pair is a function of the private key's 32-byte seed, and the JDK's
 * generator builds the pair from the 32 bytes its random source gives, so it is handed the seed. The result is
 * checked by signing and verifying a probe, so a JDK that generated differently fails loudly instead of signing under
 * a wrong key id.
 */
public final class SigningKey {
    /** The JCA name of the algorithm. */
    public static final String ALGORITHM = "Ed25519";

    private static final byte[] PROBE = "prognos signing key probe".getBytes(StandardCharsets.US_ASCII);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final KeyId id;

    private SigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.id = KeyId.of(publicKey);
    }

    /** A fresh key pair from the platform's strong random source. */
    public static SigningKey generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            return new SigningKey(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 15+ runtime provides Ed25519", e);
        }
    }

    /**
     * Reads a private key file ({@code -----BEGIN PRIVATE KEY-----}, PKCS#8).
     *
     * @throws KeyFileException naming the file when it cannot be read as an Ed25519 private key
     */
    public static SigningKey read(Path file) {
        PrivateKey key = KeyFiles.readPrivate(file);
        byte[] seed = ((EdECPrivateKey) key).getBytes()
                .orElseThrow(() -> new KeyFileException(file + ": the private key's bytes cannot be read"));
        PublicKey pub = publicKeyOf(seed, file);
        SigningKey signing = new SigningKey(key, pub);
        if (!Signatures.verifies(pub, PROBE, signing.sign(PROBE))) {
            throw new KeyFileException(file + ": its public key could not be derived on this Java runtime");
        }
        return signing;
    }

    /** The public key: what a trust list holds. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public key's id. */
    public KeyId id() {
        return id;
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    /** The Ed25519 signature of {@code message} (64 bytes). */
    byte[] sign(byte[] message) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(privateKey);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with Ed25519 key " + id + ": " + e.getMessage(), e);
        }
    }

    private static PublicKey publicKeyOf(byte[] seed, Path file) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(ALGORITHM);
            g.initialize(NamedParameterSpec.ED25519, new SeedSource(seed));
            return g.generateKeyPair().getPublic();
        } catch (GeneralSecurityException | IllegalStateException e) {
            throw new KeyFileException(file + ": cannot compute its public key: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Ed25519 key " + id;
    }

    /** A "random" source that gives the one seed it holds: makes the generator rebuild a known key pair. */
    private static final class SeedSource extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        SeedSource(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("the Ed25519 generator asked for " + bytes.length + " bytes, not a 32-byte seed");
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
