package org.prognos.models.signing;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.prognos.models.BundleFormatException;
import org.prognos.models.BundleSignatureException;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.Manifest;

/**
 * The public keys whose bundle signatures are trusted. {@link #verify} checks, in order: a {@code signature.json}
 * exists and parses; every file in the bundle directory is covered by the manifest (only {@code manifest.json} and
 * {@code signature.json} are not); the key it names is on the list; and the signature is that key's Ed25519
 * signature of the exact manifest bytes the bundle was loaded from. Because the manifest holds every file's SHA-256,
 * which were checked when the bundle was read, this vouches for every byte the model runs on.
 *
 * <p>Thereby refused: an unsigned bundle; one signed by another key; a payload swapped and the manifest's digests
 * rewritten (the manifest bytes changed); a signature file copied from another bundle (it signs another manifest);
 * a file slipped in beside the covered ones.
 */
public final class TrustList implements BundleTrust {
    private final Map<KeyId, PublicKey> keys;

    private TrustList(Map<KeyId, PublicKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a trust list holds at least one key; use BundleTrust.unchecked() for none");
        }
        this.keys = Map.copyOf(keys);
    }

    /** A list of the given keys (a key given twice counts once). */
    public static TrustList of(Collection<PublicKey> publicKeys) {
        Map<KeyId, PublicKey> byId = new LinkedHashMap<>();
        for (PublicKey k : publicKeys) {
            byId.put(KeyId.of(k), k);
        }
        return new TrustList(byId);
    }

    /**
     * A list of the public keys in {@code files} ({@code -----BEGIN PUBLIC KEY-----}, Ed25519).
     *
     * @throws org.prognos.models.KeyFileException naming the first file that is not one
     */
    public static TrustList read(List<Path> files) {
        return of(files.stream().map(KeyFiles::readPublic).toList());
    }

    /** The ids of the trusted keys. */
    public Set<KeyId> keyIds() {
        return keys.keySet();
    }

    /** What the bundle's signature shows (never throws for a bad signature: that is a case of the answer). */
    public Verification verify(LoadedBundle bundle) {
        Optional<BundleSignature> found;
        try {
            found = BundleSignature.read(bundle.directory());
        } catch (BundleFormatException e) {
            return new Verification.Malformed(e.getMessage());
        }
        if (found.isEmpty()) {
            return new Verification.Unsigned();
        }
        Optional<String> uncovered = BundleFiles.firstUncovered(bundle);
        if (uncovered.isPresent()) {
            return new Verification.UncoveredFile(uncovered.get());
        }
        BundleSignature signature = found.get();
        PublicKey key = keys.get(signature.keyId());
        if (key == null) {
            return new Verification.UnknownKey(signature.keyId(), keys.keySet());
        }
        byte[] manifest = bundle.manifestBytes();
        if (Signatures.verifies(key, manifest, signature.signatureBytes())) {
            return new Verification.Verified(signature.keyId());
        }
        return new Verification.BadSignature(signature.keyId(), mismatch(signature, BundleFiles.name(bundle), manifest));
    }

    @Override
    public void require(LoadedBundle bundle) {
        Verification v = verify(bundle);
        if (!v.trusted()) {
            throw new BundleSignatureException(v.reason(), v.explain(BundleFiles.name(bundle)) + " (" + bundle.directory() + ")");
        }
    }

    @Override
    public boolean checksSignatures() {
        return true;
    }

    /** What the signature file says it signed, against what is here: a hint for the operator, never evidence. */
    private static String mismatch(BundleSignature signature, String bundle, byte[] manifest) {
        String digest = Signatures.sha256Hex(manifest);
        if (!signature.bundle().equals(bundle)) {
            return "it was made for " + signature.bundle() + " and copied here (a signature file belongs to one bundle)";
        }
        if (!signature.manifestSha256().equals(digest)) {
            return Manifest.MANIFEST_FILE + " changed after it was signed (signed SHA-256 " + signature.manifestSha256()
                    + ", now " + digest + "); a file was replaced and its digest rewritten, or the manifest edited";
        }
        return "the signature is forged or damaged";
    }

    @Override
    public String toString() {
        return "trust list " + keys.keySet();
    }
}
