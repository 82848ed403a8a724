package org.prognos.models.signing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.prognos.models.BundleFormatException;

/**
 * A public key's short name: the first 16 hex digits (64 bits) of the SHA-256 of its X.509 encoding, as
 * {@code openssl pkey -pubin -outform DER | sha256sum} prints it. It names the key in {@code signature.json}, logs
 * and messages; it is a label for finding the key, never a substitute for checking the signature with it.
 *
 * @param value 16 lower-case hex digits
 */
public record KeyId(String value) {
    private static final Pattern HEX16 = Pattern.compile("[0-9a-f]{16}");

    public KeyId {
        if (value == null || !HEX16.matcher(value).matches()) {
            throw new BundleFormatException("a key id is 16 lower-case hex digits, found " + (value == null ? "none" : "'" + value + "'"));
        }
    }

    /** Reads an id as written in {@code signature.json} (a JSON string). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static KeyId parse(String value) {
        return new KeyId(value);
    }

    /** The 16 hex digits (the id's JSON form). */
    @JsonValue
    @Override
    public String value() {
        return value;
    }

    /** The id of {@code key}. */
    public static KeyId of(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return new KeyId(HexFormat.of().formatHex(digest, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
