package org.prognos.models.signing;

import java.nio.file.Path;
import java.util.List;
import org.prognos.models.BundleSignatureException;
import org.prognos.models.bundle.LoadedBundle;

/**
 * Which bundles may be used: any whose checksums match ({@link Unchecked}, the behaviour without a trust list), or
 * only those signed by a key of a {@link TrustList}.
 */
public sealed interface BundleTrust permits BundleTrust.Unchecked, TrustList {
    /**
     * Returns when {@code bundle} may be used.
     *
     * @throws BundleSignatureException naming the bundle and the reason when it may not
     */
    void require(LoadedBundle bundle);

    /** Whether signatures are checked. */
    boolean checksSignatures();

    /** Every bundle whose checksums match: signatures are not checked. */
    static BundleTrust unchecked() {
        return new Unchecked();
    }

    /**
     * The bundles signed by one of the public keys in {@code publicKeyFiles}; with no file, {@link #unchecked()}.
     *
     * @throws org.prognos.models.KeyFileException naming a file that is not an Ed25519 public key
     */
    static BundleTrust of(List<Path> publicKeyFiles) {
        return publicKeyFiles.isEmpty() ? unchecked() : TrustList.read(publicKeyFiles);
    }

    /** No signature check: a bundle is used when its checksums match, as before signing existed. */
    record Unchecked() implements BundleTrust {
        @Override
        public void require(LoadedBundle bundle) {
            // checksums were verified when the bundle was read; nothing more is asked
        }

        @Override
        public boolean checksSignatures() {
            return false;
        }
    }
}
