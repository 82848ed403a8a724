package org.prognos.models.signing;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;

/** Ed25519 verification that answers false, never throws, for any signature that does not check out; and SHA-256. */
final class Signatures {
    private Signatures() {
    }

    /** Whether {@code signature} is {@code key}'s Ed25519 signature of {@code message}. */
    static boolean verifies(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature s = Signature.getInstance(SigningKey.ALGORITHM);
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;   // a signature of the wrong length or encoding is not a valid signature
        }
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
