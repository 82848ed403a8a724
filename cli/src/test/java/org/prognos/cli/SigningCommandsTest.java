package org.prognos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.cli.score.ScoreFixtures;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.signing.BundleSignature;
import org.prognos.models.signing.SigningKey;
import org.prognos.models.signing.TrustList;

/**
 * {@code prognos keys generate}, {@code train --sign-key}, {@code models sign} and {@code --trust} on the score tests'
 * models: {@link ScoreFixtures#FLEET} was trained signed with the fixture key, {@link ScoreFixtures#RUL} unsigned.
 */
class SigningCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void keys_generate_writes_an_owner_only_private_key_and_a_public_key_and_never_overwrites() throws Exception {
        CliRun r = CliRun.run("keys", "generate", "--out", tmp.toString(), "--name", "ops");
        assertEquals(0, r.code(), r.err());
        String id = SigningKey.read(tmp.resolve("ops.key")).id().value();
        assertTrue(r.out().startsWith("key " + id + ":"), r.out());
        assertTrue(r.out().contains(tmp.resolve("ops.pub") + "  public: list it under trust.keys or pass it as --trust"), r.out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("ops.key"))));
        String before = Files.readString(tmp.resolve("ops.key"));
        CliRun again = CliRun.run("keys", "generate", "--out", tmp.toString(), "--name", "ops");
        assertEquals(2, again.code());
        assertTrue(again.err().startsWith("prognos keys generate: " + tmp.resolve("ops.key") + " already exists"), again.err());
        assertEquals(before, Files.readString(tmp.resolve("ops.key")));
    }

    @Test
    void train_with_a_sign_key_publishes_a_bundle_the_key_verifies_and_score_trusts_it() {
        ModelRegistry registry = new ModelRegistry(ScoreFixtures.registry());
        TrustList trust = TrustList.read(List.of(ScoreFixtures.publicKey()));
        assertTrue(trust.verify(registry.load(ScoreFixtures.FLEET + "@production")).trusted());
        CliRun r = score(ScoreFixtures.registry(), ScoreFixtures.FLEET, "--trust", ScoreFixtures.publicKey().toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("scored "), r.out());
    }

    @Test
    void score_with_trust_refuses_an_unsigned_model() {
        CliRun r = score(ScoreFixtures.registry(), ScoreFixtures.RUL, "--trust", ScoreFixtures.publicKey().toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("prognos score: fd001-rul:1 is not signed (no signature.json); sign it with 'prognos models"
                + " sign"), r.err());
        assertTrue(Files.notExists(tmp.resolve("out.csv")), "nothing is written");
    }

    @Test
    void models_sign_signs_in_place_and_evaluate_then_trusts_only_that_key() throws Exception {
        Path registry = copy(ScoreFixtures.registry(), tmp.resolve("registry"));
        CliRun signed = CliRun.run("models", "sign", "--registry", registry.toString(), "--key",
                ScoreFixtures.privateKey().toString(), ScoreFixtures.RUL + "@production");
        assertEquals(0, signed.code(), signed.err());
        String id = SigningKey.read(ScoreFixtures.privateKey()).id().value();
        Path bundle = registry.resolve(ScoreFixtures.RUL).resolve("1");
        assertEquals("signed fd001-rul:1 with key " + id + " (" + bundle.resolve(BundleSignature.FILE) + ")", signed.out().strip());
        assertEquals(id, BundleSignature.read(bundle).orElseThrow().keyId().value());

        CliRun trusted = evaluate(registry, "--trust", ScoreFixtures.publicKey().toString());
        assertEquals(0, trusted.code(), trusted.err());
        assertTrue(trusted.out().contains("\"rmse\""), trusted.out());

        assertEquals(0, CliRun.run("keys", "generate", "--out", tmp.resolve("other").toString()).code());
        CliRun foreign = evaluate(registry, "--trust", tmp.resolve("other/prognos.pub").toString());
        assertEquals(2, foreign.code());
        assertTrue(foreign.err().startsWith("prognos evaluate: fd001-rul:1 is signed by key " + id + ", which the trust list does"
                + " not hold"), foreign.err());
        CliRun both = evaluate(registry, "--trust", tmp.resolve("other/prognos.pub").toString(), "--trust",
                ScoreFixtures.publicKey().toString());
        assertEquals(0, both.code(), both.err());
    }

    private CliRun score(Path registry, String model, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("score", "--registry", registry.toString(), "--model", model,
                "--data", model.equals(ScoreFixtures.FLEET) ? ScoreFixtures.fleet().toString()
                        : ScoreFixtures.notebooksData().resolve("cmapss").toString(), "--last", "--out", tmp.resolve("out.csv").toString()));
        if (!model.equals(ScoreFixtures.FLEET)) {
            args.addAll(List.of("--subset", "FD001:test"));
        }
        args.addAll(List.of(options));
        return CliRun.run(args.toArray(String[]::new));
    }

    private static CliRun evaluate(Path registry, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("evaluate", "--registry", registry.toString(), "--model",
                ScoreFixtures.RUL, "--data", ScoreFixtures.notebooksData().resolve("cmapss").toString(), "--subset", "FD001:test",
                "--last"));
        args.addAll(List.of(options));
        return CliRun.run(args.toArray(String[]::new));
    }

    private static Path copy(Path from, Path to) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
