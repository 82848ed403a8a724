package org.prognos.models.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.models.KeyFileException;

/** Key files: PEM as OpenSSL writes it, the private key owner-only, never overwritten, and wrong files named. */
class KeyFilesTest {
    /** RFC 8032, section 7.1, test 1: the secret key (seed) and its public key. */
    static final String RFC8032_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    static final String RFC8032_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    @TempDir
    Path tmp;

    @Test
    void a_written_pair_reads_back_as_the_same_key_with_the_private_file_owner_only() throws Exception {
        SigningKey key = SigningKey.generate();
        KeyFiles.Written w = KeyFiles.write(key, tmp.resolve("keys"), "ops");
        assertEquals(tmp.resolve("keys/ops.key"), w.privateKey());
        assertEquals(tmp.resolve("keys/ops.pub"), w.publicKey());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(w.privateKey())));
        assertTrue(Files.readString(w.privateKey()).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertTrue(Files.readString(w.publicKey()).startsWith("-----BEGIN PUBLIC KEY-----\n"));
        SigningKey back = SigningKey.read(w.privateKey());
        assertEquals(key.id(), back.id());
        assertArrayEquals(key.publicKey().getEncoded(), KeyFiles.readPublic(w.publicKey()).getEncoded());
    }

    @Test
    void an_existing_key_file_is_never_overwritten() throws Exception {
        KeyFiles.write(SigningKey.generate(), tmp, "ops");
        String before = Files.readString(tmp.resolve("ops.key"));
        KeyFileException e = assertThrows(KeyFileException.class, () -> KeyFiles.write(SigningKey.generate(), tmp, "ops"));
        assertTrue(e.getMessage().endsWith("ops.key already exists; a key file is never overwritten (choose another --name or --out)"),
                e.getMessage());
        assertEquals(before, Files.readString(tmp.resolve("ops.key")));
        Files.delete(tmp.resolve("ops.key"));
        assertThrows(KeyFileException.class, () -> KeyFiles.write(SigningKey.generate(), tmp, "ops"), "the .pub is kept too");
        assertFalse(Files.exists(tmp.resolve("ops.key")), "nothing is written when either file exists");
    }

    @Test
    void an_openssl_style_private_key_derives_the_rfc_8032_public_key() throws Exception {
        byte[] pkcs8 = HexFormat.of().parseHex("302e020100300506032b657004220420" + RFC8032_SEED);
        Path file = tmp.resolve("rfc.key");
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
        SigningKey key = SigningKey.read(file);
        assertEquals("302a300506032b6570032100" + RFC8032_PUBLIC, HexFormat.of().formatHex(key.publicKey().getEncoded()));
        assertEquals(KeyId.of(key.publicKey()), key.id());
    }

    @Test
    void the_wrong_kind_of_key_file_is_named() throws Exception {
        KeyFiles.Written w = KeyFiles.write(SigningKey.generate(), tmp, "ops");
        KeyFileException asPublic = assertThrows(KeyFileException.class, () -> KeyFiles.readPublic(w.privateKey()));
        assertTrue(asPublic.getMessage().contains("holds a PRIVATE KEY, not a PUBLIC KEY; a trust list takes public keys"),
                asPublic.getMessage());
        KeyFileException asPrivate = assertThrows(KeyFileException.class, () -> SigningKey.read(w.publicKey()));
        assertTrue(asPrivate.getMessage().contains("holds a PUBLIC KEY, not a PRIVATE KEY"), asPrivate.getMessage());
        Files.writeString(tmp.resolve("junk.pub"), "not a key");
        assertTrue(assertThrows(KeyFileException.class, () -> KeyFiles.readPublic(tmp.resolve("junk.pub"))).getMessage()
                .endsWith("junk.pub is not a PEM key file (no -----BEGIN PUBLIC KEY----- block)"));
        assertEquals("key file not found: " + tmp.resolve("none.pub").toAbsolutePath().normalize(),
                assertThrows(KeyFileException.class, () -> KeyFiles.readPublic(tmp.resolve("none.pub"))).getMessage());
        assertThrows(KeyFileException.class, () -> KeyFiles.write(SigningKey.generate(), tmp, "../escape"));
    }
}
