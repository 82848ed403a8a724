package org.prognos.models.signing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;
import org.prognos.models.BundleSignatureException;
import org.prognos.models.RegistryException;
import org.prognos.models.bundle.LoadedBundle;

/**
 * Signs bundles with one {@link SigningKey}: the Ed25519 signature of the exact manifest bytes a
 * {@link LoadedBundle} was verified from, written as {@code signature.json} into its directory.
 *
 * <p><b>Atomic.</b> The file is written beside the bundle directory as {@code .staging-signature-<id>} (so it is
 * never inside the bundle half-written, and a registry's next publish removes one left by a killed signer), flushed
 * to disk, then moved over {@code signature.json} in one atomic rename. A reader sees the old signature or the new
 * one, never a partial file; a failed sign leaves the bundle as it was.
 */
public final class BundleSigner {
    /** Prefix of the temporary signature file, beside the bundle directory (a registry's staging prefix). */
    public static final String TEMP_PREFIX = ".staging-signature-";

    private final SigningKey key;

    /** A signer with {@code key}. */
    public BundleSigner(SigningKey key) {
        this.key = key;
    }

    /**
     * A signer with the private key in {@code privateKeyFile}.
     *
     * @throws org.prognos.models.KeyFileException naming the file when it is not an Ed25519 private key
     */
    public static BundleSigner read(Path privateKeyFile) {
        return new BundleSigner(SigningKey.read(privateKeyFile));
    }

    /** The id of the key this signer signs with. */
    public KeyId keyId() {
        return key.id();
    }

    /**
     * Signs {@code bundle} (replacing any signature it had).
     *
     * @throws BundleSignatureException when the directory holds a file the manifest does not cover (it would be
     *                                  refused anyway; signing it would vouch for nothing)
     * @throws RegistryException        when the file cannot be written; the bundle is unchanged
     */
    public BundleSignature sign(LoadedBundle bundle) {
        String name = BundleFiles.name(bundle);
        Optional<String> uncovered = BundleFiles.firstUncovered(bundle);
        if (uncovered.isPresent()) {
            throw new BundleSignatureException("uncovered-file", "refusing to sign " + name + ": "
                    + new Verification.UncoveredFile(uncovered.get()).explain(name) + " (" + bundle.directory() + ")");
        }
        byte[] manifest = bundle.manifestBytes();
        BundleSignature signature = BundleSignature.of(key.id(), name, Signatures.sha256Hex(manifest), key.sign(manifest));
        write(bundle.directory(), signature);
        return signature;
    }

    private static void write(Path directory, BundleSignature signature) {
        Path temp = directory.toAbsolutePath().resolveSibling(TEMP_PREFIX + UUID.randomUUID());
        try {
            Files.write(temp, signature.toJson(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(temp, directory.resolve(BundleSignature.FILE), StandardCopyOption.ATOMIC_MOVE);
            fsyncDirectory(directory);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a leftover staging file is outside the bundle; a registry's next publish removes it
            }
            throw new RegistryException("cannot write " + BundleSignature.FILE + " into " + directory + " (" + e
                    + "); the bundle is unchanged", e);
        }
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms cannot open a directory for fsync; the rename is still atomic there
        }
    }

    @Override
    public String toString() {
        return "signer with " + key;
    }
}
