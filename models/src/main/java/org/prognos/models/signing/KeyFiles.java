package org.prognos.models.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.prognos.FileProblems;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.prognos.models.KeyFileException;

/**
 * Ed25519 keys as PEM files, the format {@code openssl genpkey -algorithm ed25519} writes and reads: a private key is
 * {@code -----BEGIN PRIVATE KEY-----} (PKCS#8), a public key {@code -----BEGIN PUBLIC KEY-----} (X.509
 * SubjectPublicKeyInfo). {@link #write} creates {@code NAME.key} readable by its owner only ({@code 0600}, set when the
 * file is created, so it is never readable by others even for a moment) and {@code NAME.pub}, and never overwrites.
 */
public final class KeyFiles {
    /** Extension of private key files. */
    public static final String PRIVATE_SUFFIX = ".key";
    /** Extension of public key files. */
    public static final String PUBLIC_SUFFIX = ".pub";

    private static final String PRIVATE_LABEL = "PRIVATE KEY";
    private static final String PUBLIC_LABEL = "PUBLIC KEY";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    /**
     * The two files of a key pair.
     *
     * @param privateKey {@code NAME.key}, owner-only
     * @param publicKey  {@code NAME.pub}, for trust lists
     */
    public record Written(Path privateKey, Path publicKey) {
    }

    private KeyFiles() {
    }

    /**
     * Writes {@code key} as {@code dir/NAME.key} and {@code dir/NAME.pub}, creating {@code dir} if needed.
     *
     * @throws KeyFileException when either file exists (nothing is written then) or cannot be written
     */
    public static Written write(SigningKey key, Path dir, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new KeyFileException("key name " + (name == null ? "(none)" : "'" + name + "'") + " is not allowed: use 1 to"
                    + " 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        Path priv = dir.resolve(name + PRIVATE_SUFFIX);
        Path pub = dir.resolve(name + PUBLIC_SUFFIX);
        for (Path p : new Path[] {priv, pub}) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new KeyFileException(p + " already exists; a key file is never overwritten (choose another --name or --out)");
            }
        }
        try {
            Files.createDirectories(dir);
            createOwnerOnly(priv);
            Files.writeString(priv, pem(PRIVATE_LABEL, key.privateKey().getEncoded()), StandardCharsets.US_ASCII,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new KeyFileException("cannot write " + priv + ": " + e, e);
        }
        try {
            Files.writeString(pub, pem(PUBLIC_LABEL, key.publicKey().getEncoded()), StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(priv);
            } catch (IOException ignored) {
                // the message below tells the user which files to look at
            }
            throw new KeyFileException("cannot write " + pub + " (" + e + "); " + priv + " was removed again", e);
        }
        return new Written(priv, pub);
    }

    /**
     * Reads a public key file ({@code -----BEGIN PUBLIC KEY-----}).
     *
     * @throws KeyFileException naming the file when it is missing, not PEM, a private key, or not Ed25519
     */
    public static PublicKey readPublic(Path file) {
        byte[] der = read(file, PUBLIC_LABEL, "a trust list takes public keys (NAME" + PUBLIC_SUFFIX + "); keep the private key"
                + " with whoever signs");
        try {
            return requireEd25519(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)), file);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KeyFileException(file + " is not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a private key file ({@code -----BEGIN PRIVATE KEY-----}).
     *
     * @throws KeyFileException naming the file when it is missing, not PEM, a public key, or not Ed25519
     */
    static PrivateKey readPrivate(Path file) {
        byte[] der = read(file, PRIVATE_LABEL, "signing takes the private key (NAME" + PRIVATE_SUFFIX + ")");
        try {
            return requireEd25519(KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der)), file);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KeyFileException(file + " is not an Ed25519 private key: " + e.getMessage(), e);
        }
    }

    private static <K extends java.security.Key> K requireEd25519(K key, Path file) {
        if (!(key instanceof EdECKey ed) || !NamedParameterSpec.ED25519.getName().equalsIgnoreCase(ed.getParams().getName())) {
            throw new KeyFileException(file + " holds a " + key.getAlgorithm() + " key; Prognos signs with Ed25519 only");
        }
        return key;
    }

    /** The DER bytes of the one PEM block labelled {@code label} in {@code file}. */
    private static byte[] read(Path file, String label, String hint) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new KeyFileException(FileProblems.cannotRead("key file", file, e), e);
        }
        Matcher m = BLOCK.matcher(text);
        if (!m.find()) {
            throw new KeyFileException(file + " is not a PEM key file (no -----BEGIN " + label + "----- block)");
        }
        if (!m.group(1).equals(label)) {
            throw new KeyFileException(file + " holds a " + m.group(1) + ", not a " + label + "; " + hint);
        }
        try {
            return Base64.getMimeDecoder().decode(m.group(2).strip());
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(file + ": the " + label + " block is not valid base64", e);
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** Creates an empty file with mode 0600 where the file system has POSIX permissions (elsewhere: as created). */
    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new KeyFileException(file + " already exists; a key file is never overwritten", e);
        }
    }
}
