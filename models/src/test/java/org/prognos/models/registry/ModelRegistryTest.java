package org.prognos.models.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.models.BundleFormatException;
import org.prognos.models.BundleIntegrityException;
import org.prognos.models.Fixtures;
import org.prognos.models.InvalidModelNameException;
import org.prognos.models.ModelNotFoundException;
import org.prognos.models.RegistryException;
import org.prognos.models.bundle.BundleContents;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.Payload;
import org.prognos.models.bundle.PayloadKind;

class ModelRegistryTest {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final PayloadKind KIND = new PayloadKind("test-bytes");

    @TempDir
    Path tmp;

    ModelRegistry registry() {
        return new ModelRegistry(tmp.resolve("registry"), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static BundleContents contents(String name, String weights) {
        return Fixtures.contents(name, Fixtures.FAILURE, new Payload(KIND, "weights.bin",
                dir -> Files.writeString(dir.resolve("weights.bin"), weights)));
    }

    static Set<String> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void versions_start_at_1_and_increase_with_each_publish() {
        ModelRegistry r = registry();
        assertEquals(new BundleRef("pump", 1), r.publish(contents("pump", "a")));
        assertEquals(new BundleRef("pump", 2), r.publish(contents("pump", "b")));
        assertEquals(new BundleRef("fan", 1), r.publish(contents("fan", "c")));
        assertEquals(List.of("fan", "pump"), r.list());
        assertEquals(List.of(new BundleRef("pump", 1), new BundleRef("pump", 2)), r.versions("pump"));
        assertEquals(List.of(), r.versions("unknown"));
    }

    @Test
    void a_published_version_loads_verified_with_its_creation_time() throws Exception {
        ModelRegistry r = registry();
        BundleRef ref = r.publish(contents("pump", "weights-1"));
        LoadedBundle b = r.load(ref);
        assertEquals(ref.name(), b.manifest().name());
        assertEquals(1, b.manifest().version());
        assertEquals(NOW, b.manifest().createdAt());
        assertArrayEquals("weights-1".getBytes(StandardCharsets.UTF_8), b.readVerified("weights.bin"));
        assertEquals(Set.of("1", ".lock"), entries(tmp.resolve("registry/pump")));
    }

    @Test
    void references_resolve_to_latest_exact_and_aliased_versions() {
        ModelRegistry r = registry();
        r.publish(contents("pump", "a"));
        r.publish(contents("pump", "b"));
        r.publish(contents("pump", "c"));
        r.promote("pump", 2, "production");
        r.promote("pump", 3, "candidate");
        assertEquals(new BundleRef("pump", 3), r.resolve("pump"));
        assertEquals(new BundleRef("pump", 1), r.resolve("pump:1"));
        assertEquals(new BundleRef("pump", 2), r.resolve("pump@production"));
        assertEquals(Map.of("candidate", 3, "production", 2), r.aliases("pump"));
        assertEquals(2, r.load("pump@production").manifest().version());
        assertEquals(Optional.empty(), r.find("pump:9"));
    }

    @Test
    void promote_moves_an_alias_atomically_leaving_no_temporary_file() throws Exception {
        ModelRegistry r = registry();
        r.publish(contents("pump", "a"));
        r.publish(contents("pump", "b"));
        r.promote("pump", 1, "production");
        r.promote("pump", 2, "production");
        assertEquals(Map.of("production", 2), r.aliases("pump"));
        assertEquals(Set.of("1", "2", ".lock", "aliases.json"), entries(tmp.resolve("registry/pump")));
        assertEquals("{\n  \"production\" : 2\n}", Files.readString(tmp.resolve("registry/pump/aliases.json")));
    }

    @Test
    void unknown_models_versions_and_aliases_are_reported_with_what_exists() {
        ModelRegistry r = registry();
        r.publish(contents("pump", "a"));
        r.promote("pump", 1, "candidate");
        ModelNotFoundException e = assertThrows(ModelNotFoundException.class, () -> r.resolve("fan"));
        assertEquals("no model 'fan' in registry " + r.root() + "; models: [pump]", e.getMessage());
        e = assertThrows(ModelNotFoundException.class, () -> r.resolve("pump:7"));
        assertEquals("model 'pump' has no version 7; versions: [1]", e.getMessage());
        e = assertThrows(ModelNotFoundException.class, () -> r.resolve("pump@production"));
        assertEquals("model 'pump' has no alias 'production'; aliases: {candidate=1}, versions: [1]", e.getMessage());
        e = assertThrows(ModelNotFoundException.class, () -> r.promote("pump", 5, "production"));
        assertEquals("cannot point alias 'production' at pump:5: no such version; versions: [1]", e.getMessage());
    }

    @Test
    void concurrent_publishers_get_distinct_consecutive_versions() throws Exception {
        ModelRegistry r = registry();
        int publishers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<BundleRef>> futures = new ArrayList<>();
            for (int i = 0; i < publishers; i++) {
                String weights = "w" + i;
                // each thread uses its own registry object, as separate processes would
                ModelRegistry own = new ModelRegistry(r.root());
                Callable<BundleRef> publish = () -> {
                    start.await();
                    return own.publish(contents("pump", weights));
                };
                futures.add(pool.submit(publish));
            }
            start.countDown();
            Set<Integer> versions = new HashSet<>();
            for (Future<BundleRef> f : futures) {
                versions.add(f.get(60, TimeUnit.SECONDS).version());
            }
            assertEquals(Set.of(1, 2, 3, 4, 5, 6, 7, 8), versions);
        } finally {
            pool.shutdownNow();
        }
        Set<String> weights = new HashSet<>();
        for (BundleRef ref : r.versions("pump")) {
            weights.add(new String(r.load(ref).readVerified("weights.bin"), StandardCharsets.UTF_8));
        }
        assertEquals(8, weights.size(), "every publisher's payload landed in its own version");
    }

    @Test
    void a_publish_that_fails_mid_write_leaves_no_version_and_no_alias_change() throws Exception {
        ModelRegistry r = registry();
        r.publish(contents("pump", "good"));
        r.promote("pump", 1, "production");
        Payload crashing = new Payload(KIND, "weights.bin", dir -> {
            Files.writeString(dir.resolve("weights.bin"), "half a mod");
            throw new IOException("disk full");
        });
        RegistryException e = assertThrows(RegistryException.class,
                () -> r.publish(Fixtures.contents("pump", Fixtures.FAILURE, crashing)));
        assertEquals("publishing pump:2 failed and nothing was published: java.io.IOException: disk full", e.getMessage());
        assertEquals(List.of(new BundleRef("pump", 1)), r.versions("pump"));
        assertEquals(Map.of("production", 1), r.aliases("pump"));
        assertEquals(Set.of("1", ".lock", "aliases.json"), entries(tmp.resolve("registry/pump")));
        assertEquals(new BundleRef("pump", 2), r.publish(contents("pump", "next")));
    }

    @Test
    void a_killed_publish_leaves_staging_that_listing_ignores_and_the_next_publish_removes() throws Exception {
        ModelRegistry r = registry();
        r.publish(contents("pump", "a"));
        Path stale = tmp.resolve("registry/pump/.staging-2-dead");
        Files.createDirectories(stale);
        Files.writeString(stale.resolve("weights.bin"), "partial");
        Files.createDirectories(tmp.resolve("registry/ghost/.staging-1-dead"));
        assertEquals(List.of("pump"), r.list());
        assertEquals(List.of(new BundleRef("pump", 1)), r.versions("pump"));
        assertEquals(new BundleRef("pump", 2), r.publish(contents("pump", "b")));
        assertFalse(Files.exists(stale));
    }

    @Test
    void an_existing_version_directory_is_never_overwritten() throws Exception {
        ModelRegistry r = registry();
        r.publish(contents("pump", "a"));
        Files.createDirectories(tmp.resolve("registry/pump/5"));
        Files.writeString(tmp.resolve("registry/pump/5/keep.txt"), "hands off");
        assertEquals(new BundleRef("pump", 6), r.publish(contents("pump", "b")));
        assertEquals("hands off", Files.readString(tmp.resolve("registry/pump/5/keep.txt")));
    }

    @Test
    void a_corrupted_version_is_refused_on_load() throws Exception {
        ModelRegistry r = registry();
        BundleRef ref = r.publish(contents("pump", "weights"));
        Files.writeString(r.directory(ref).resolve("weights.bin"), "weightz");
        BundleIntegrityException e = assertThrows(BundleIntegrityException.class, () -> r.load(ref));
        assertTrue(e.getMessage().contains("checksum mismatch for 'weights.bin'"), e.getMessage());
    }

    @Test
    void a_version_directory_holding_another_versions_bundle_is_refused() throws Exception {
        ModelRegistry r = registry();
        r.publish(contents("pump", "a"));
        Path copy = tmp.resolve("registry/pump/2");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(tmp.resolve("registry/pump/1"))) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> r.load("pump:2"));
        assertEquals(copy + " holds the manifest of pump:1, not of pump:2; a bundle directory was moved or copied by hand",
                e.getMessage());
    }

    @Test
    void names_that_could_leave_the_registry_are_refused_before_touching_disk() throws Exception {
        ModelRegistry r = registry();
        for (String bad : new String[] {"..", "../evil", "a/b", ".hidden", "", "x".repeat(65), "a\\b"}) {
            InvalidModelNameException e = assertThrows(InvalidModelNameException.class,
                    () -> r.publish(contents(bad, "a")));
            assertTrue(e.getMessage().startsWith("model name '" + bad + "' is not allowed"), e.getMessage());
        }
        r.publish(contents("pump", "a"));
        for (String bad : new String[] {"../x", "Production", "1st", "a b"}) {
            InvalidModelNameException e = assertThrows(InvalidModelNameException.class, () -> r.promote("pump", 1, bad));
            assertTrue(e.getMessage().startsWith("alias '" + bad + "' is not allowed"), e.getMessage());
        }
        assertEquals(Set.of("pump"), entries(r.root()));
        assertFalse(Files.exists(tmp.resolve("evil")));
    }

    @Test
    void a_registry_that_is_not_writable_fails_with_one_message_and_stays_untouched() throws Exception {
        ModelRegistry r = registry();
        r.publish(contents("pump", "a"));
        Path root = r.root();
        Set<String> before = entries(root.resolve("pump"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.setPosixFilePermissions(root.resolve("pump"), PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // root ignores permissions: only a real read-only directory makes this test meaningful
            assumeTrue(!Files.isWritable(root), "running as root: directory permissions are not enforced");
            RegistryException e = assertThrows(RegistryException.class, () -> r.publish(contents("pump", "b")));
            assertEquals("registry " + root + " is not writable (" + root.resolve("pump") + " cannot be written);"
                    + " cannot publish pump", e.getMessage());
            e = assertThrows(RegistryException.class, () -> r.publish(contents("fan", "b")));
            assertEquals("registry " + root + " is not writable (" + root + " cannot be written); cannot publish fan",
                    e.getMessage());
            e = assertThrows(RegistryException.class, () -> r.promote("pump", 1, "production"));
            assertTrue(e.getMessage().startsWith("registry " + root + " is not writable"), e.getMessage());
            assertEquals(before, entries(root.resolve("pump")));
            assertEquals(Set.of("pump"), entries(root));
            assertEquals(1, r.load("pump").manifest().version(), "a read-only registry still serves");
        } finally {
            Files.setPosixFilePermissions(root.resolve("pump"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void a_missing_registry_lists_nothing_and_is_created_on_first_publish() {
        ModelRegistry r = new ModelRegistry(tmp.resolve("not/yet/there"));
        assertEquals(List.of(), r.list());
        assertEquals(new BundleRef("pump", 1), r.publish(contents("pump", "a")));
        assertEquals(List.of("pump"), r.list());
    }

    @Test
    void a_malformed_alias_file_is_reported_by_name() throws Exception {
        ModelRegistry r = registry();
        r.publish(contents("pump", "a"));
        Path aliases = tmp.resolve("registry/pump/aliases.json");
        Files.writeString(aliases, "{\"production\": 0}");
        RegistryException e = assertThrows(RegistryException.class, () -> r.aliases("pump"));
        assertEquals(aliases + ": alias 'production' points to version 0; versions start at 1", e.getMessage());
    }
}
