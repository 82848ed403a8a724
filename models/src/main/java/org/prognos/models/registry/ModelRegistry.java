package org.prognos.models.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.prognos.PrognosException;
import org.prognos.models.BundleFormatException;
import org.prognos.models.ModelNotFoundException;
import org.prognos.models.RegistryException;
import org.prognos.models.bundle.BundleContents;
import org.prognos.models.bundle.BundleReader;
import org.prognos.models.bundle.BundleWriter;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.Manifest;
import org.prognos.models.bundle.Names;
import org.prognos.models.signing.BundleSignature;
import org.prognos.models.signing.BundleSigner;
import org.prognos.models.signing.BundleTrust;

/**
 * Versioned model bundles on a file system:
 *
 * <pre>
 * &lt;root&gt;/&lt;name&gt;/1/…            one bundle per version, never modified after publish (but for its signature)
 * &lt;root&gt;/&lt;name&gt;/2/…
 * &lt;root&gt;/&lt;name&gt;/aliases.json    {"production": 1, "candidate": 2}
 * &lt;root&gt;/&lt;name&gt;/.lock           serializes publishers and alias updates (FileChannel.lock)
 * &lt;root&gt;/&lt;name&gt;/.staging-…      a publish in progress, or the remains of one that died
 * </pre>
 *
 * <p><b>Guarantees.</b> A version directory appears all at once: a publish writes the bundle into a
 * {@code .staging-*} directory next to the versions, flushes every file to disk, then renames it to its version
 * number with an atomic move. Readers never see a partial bundle and never take a lock. Publishers of one model,
 * in this JVM or in other processes, are serialized by an exclusive lock on {@code .lock} (held for the whole
 * publish, so every {@code .staging-*} found while holding it belongs to a publisher that died, and is removed);
 * each gets the next version number (highest existing + 1, from 1), and an existing version is never overwritten.
 * Alias updates write a temporary file and move it over {@code aliases.json} atomically, under the same lock. A
 * failed publish removes its staging directory and changes nothing; a killed one leaves at most a
 * {@code .staging-*} directory that listings ignore and the next publish removes.
 *
 * <p><b>Signatures.</b> {@link #publish(BundleContents, BundleSigner)} signs in the staging directory, so a signed
 * version is never seen unsigned. {@link #sign} adds or replaces the {@code signature.json} of a published version:
 * the one change a version ever sees, made by an atomic rename under the model's lock (see {@link BundleSigner}); the
 * files the manifest covers never change. {@link #load(BundleRef, BundleTrust)} refuses what a trust list does not
 * vouch for.
 *
 * <p>Names are checked against {@link Names} before they touch the file system, so no name escapes the root.
 * Reading works on a read-only registry; writing to one fails up front with one {@link RegistryException} and
 * leaves it untouched.
 */
public final class ModelRegistry {
    /** Name of the alias file in a model directory. */
    public static final String ALIASES_FILE = "aliases.json";
    /** Name of the lock file in a model directory. */
    public static final String LOCK_FILE = ".lock";
    /** Prefix of staging directories in a model directory. */
    public static final String STAGING_PREFIX = ".staging-";

    private static final Pattern VERSION_DIR = Pattern.compile("[1-9][0-9]{0,8}");
    /** FileChannel.lock is held per process: threads of this JVM queue on these before taking the file lock. */
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path root;
    private final Clock clock;

    /** A registry rooted at {@code root}, which is created on the first publish if absent. */
    public ModelRegistry(Path root) {
        this(root, Clock.systemUTC());
    }

    /** A registry whose bundles take their creation time from {@code clock}. */
    public ModelRegistry(Path root, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.clock = clock;
    }

    /** The registry's root directory. */
    public Path root() {
        return root;
    }

    /**
     * Checks, before any expensive work, that a model named {@code name} could be published here.
     *
     * @throws RegistryException with one clear message when the registry is not writable
     */
    public void checkWritable(String name) {
        checkWritableWithoutCreating(modelDir(name), "publish " + name);
    }

    /**
     * Publishes {@code contents} as the next version of its model.
     *
     * @return the new version
     * @throws RegistryException when the registry is not writable or the publish failed (nothing was published)
     */
    public BundleRef publish(BundleContents contents) {
        return publish(contents, Optional.empty());
    }

    /**
     * Publishes {@code contents} as the next version of its model, signed by {@code signer}: the signature is written
     * into the staging directory, so the version appears signed or not at all.
     *
     * @return the new version
     * @throws RegistryException when the registry is not writable or the publish failed (nothing was published)
     */
    public BundleRef publish(BundleContents contents, BundleSigner signer) {
        return publish(contents, Optional.of(signer));
    }

    private BundleRef publish(BundleContents contents, Optional<BundleSigner> signer) {
        String name = contents.name();
        Path modelDir = modelDir(name);
        requireWritable(modelDir, "publish " + name);
        return underLock(modelDir, () -> {
            removeStaleStaging(modelDir);
            int version = scanVersions(modelDir).stream().max(Integer::compare).orElse(0) + 1;
            Path staging = modelDir.resolve(STAGING_PREFIX + version + "-" + UUID.randomUUID());
            Path target = modelDir.resolve(Integer.toString(version));
            try {
                BundleWriter.write(contents, version, clock.instant().truncatedTo(ChronoUnit.MILLIS), staging);
                if (signer.isPresent()) {
                    signer.get().sign(BundleReader.read(staging));
                }
                fsyncDirectory(staging);
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw new RegistryException(target + " already exists; a published version is never overwritten");
                }
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                fsyncDirectory(modelDir);
                return new BundleRef(name, version);
            } catch (IOException | RuntimeException e) {
                deleteTree(staging);
                if (e instanceof PrognosException p) {
                    throw p;
                }
                throw new RegistryException("publishing " + name + ":" + version + " failed and nothing was published: "
                        + e, e);
            }
        });
    }

    /**
     * Signs a published version in place with {@code signer}, after verifying its checksums: writes (or replaces) its
     * {@code signature.json} atomically, under the model's lock. A failed sign leaves the version as it was.
     *
     * @return the signature written
     * @throws ModelNotFoundException when the version does not exist
     * @throws RegistryException      when the registry is not writable or the file cannot be written
     */
    public BundleSignature sign(BundleRef ref, BundleSigner signer) {
        LoadedBundle bundle = load(ref);
        Path modelDir = modelDir(ref.name());
        requireWritable(modelDir, "sign " + ref);
        return underLock(modelDir, () -> signer.sign(bundle));
    }

    /** The names of the models that have at least one version, sorted. */
    public List<String> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (Names.MODEL_NAME.matcher(n).matches() && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                        && !scanVersions(p).isEmpty()) {
                    names.add(n);
                }
            }
        } catch (IOException e) {
            throw new RegistryException("cannot list registry " + root + ": " + e.getMessage(), e);
        }
        names.sort(Comparator.naturalOrder());
        return List.copyOf(names);
    }

    /** The published versions of {@code name}, oldest first; empty for an unknown model. */
    public List<BundleRef> versions(String name) {
        return scanVersions(modelDir(name)).stream().map(v -> new BundleRef(name, v)).toList();
    }

    /** The aliases of {@code name} (alias to version), sorted by alias; empty when it has none. */
    public Map<String, Integer> aliases(String name) {
        return AliasFile.read(modelDir(name).resolve(ALIASES_FILE));
    }

    /** The version {@code reference} ({@code name}, {@code name:3} or {@code name@alias}) names, if it exists. */
    public Optional<BundleRef> find(String reference) {
        ModelReference ref = ModelReference.parse(reference);
        Path dir = modelDir(ref.name());
        OptionalInt v = ref.pick(scanVersions(dir), AliasFile.read(dir.resolve(ALIASES_FILE)));
        return v.isPresent() ? Optional.of(new BundleRef(ref.name(), v.getAsInt())) : Optional.empty();
    }

    /**
     * The version {@code reference} names.
     *
     * @throws ModelNotFoundException naming what the registry has instead
     */
    public BundleRef resolve(String reference) {
        Optional<BundleRef> found = find(reference);
        if (found.isPresent()) {
            return found.get();
        }
        ModelReference ref = ModelReference.parse(reference);
        SortedSet<Integer> versions = scanVersions(modelDir(ref.name()));
        if (versions.isEmpty()) {
            throw new ModelNotFoundException("no model '" + ref.name() + "' in registry " + root + "; models: " + list());
        }
        if (ref instanceof ModelReference.Alias a) {
            Map<String, Integer> aliases = aliases(ref.name());
            throw new ModelNotFoundException("model '" + ref.name() + "' has no alias '" + a.alias() + "'"
                    + (aliases.containsKey(a.alias()) ? " pointing to a published version" : "")
                    + "; aliases: " + aliases + ", versions: " + versions);
        }
        throw new ModelNotFoundException("model '" + ref.name() + "' has no version " + reference.substring(
                reference.indexOf(':') + 1) + "; versions: " + versions);
    }

    /** The bundle directory of a version (which may not exist). */
    public Path directory(BundleRef ref) {
        return modelDir(ref.name()).resolve(Integer.toString(ref.version()));
    }

    /**
     * Loads and verifies a version: every checksum, the spec hash, and that the manifest is the one of this name
     * and version.
     *
     * @throws ModelNotFoundException                       when the version does not exist
     * @throws org.prognos.models.BundleIntegrityException when a file does not match its checksum
     * @throws BundleFormatException                       when the bundle is malformed or of an unsupported format
     */
    public LoadedBundle load(BundleRef ref) {
        Path dir = directory(ref);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new ModelNotFoundException("no version " + ref + " in registry " + root + "; versions: "
                    + scanVersions(modelDir(ref.name())));
        }
        LoadedBundle bundle = BundleReader.read(dir);
        Manifest m = bundle.manifest();
        if (!m.name().equals(ref.name()) || m.version() != ref.version()) {
            throw new BundleFormatException(dir + " holds the manifest of " + m.name() + ":" + m.version()
                    + ", not of " + ref + "; a bundle directory was moved or copied by hand");
        }
        return bundle;
    }

    /** Loads the version {@code reference} names (see {@link #resolve} and {@link #load(BundleRef)}). */
    public LoadedBundle load(String reference) {
        return load(resolve(reference));
    }

    /**
     * Loads a version as {@link #load(BundleRef)} does, then asks {@code trust} whether it may be used: with a trust
     * list, only when it is signed by one of its keys over the manifest bytes just verified.
     *
     * @throws org.prognos.models.BundleSignatureException naming the reason when {@code trust} refuses it
     */
    public LoadedBundle load(BundleRef ref, BundleTrust trust) {
        LoadedBundle bundle = load(ref);
        trust.require(bundle);
        return bundle;
    }

    /** Loads the version {@code reference} names, if {@code trust} accepts it (see {@link #load(BundleRef, BundleTrust)}). */
    public LoadedBundle load(String reference, BundleTrust trust) {
        return load(resolve(reference), trust);
    }

    /**
     * Points {@code alias} of {@code name} at {@code version} (creating or moving it), atomically.
     *
     * @throws ModelNotFoundException when the version does not exist
     * @throws RegistryException      when the registry is not writable
     */
    public void promote(String name, int version, String alias) {
        BundleRef ref = new BundleRef(name, version);
        Names.requireAlias(alias);
        Path modelDir = modelDir(name);
        if (!scanVersions(modelDir).contains(version)) {
            throw new ModelNotFoundException("cannot point alias '" + alias + "' at " + ref + ": no such version; versions: "
                    + scanVersions(modelDir));
        }
        requireWritable(modelDir, "move alias " + name + "@" + alias);
        underLock(modelDir, () -> {
            Map<String, Integer> aliases = new TreeMap<>(AliasFile.read(modelDir.resolve(ALIASES_FILE)));
            aliases.put(alias, version);
            AliasFile.write(modelDir, ALIASES_FILE, aliases);
            fsyncDirectory(modelDir);
            return null;
        });
    }

    // ---- internals

    private Path modelDir(String name) {
        return root.resolve(Names.requireModelName(name));
    }

    private static SortedSet<Integer> scanVersions(Path modelDir) {
        SortedSet<Integer> versions = new TreeSet<>();
        if (!Files.isDirectory(modelDir, LinkOption.NOFOLLOW_LINKS)) {
            return versions;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(modelDir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (VERSION_DIR.matcher(n).matches() && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    versions.add(Integer.parseInt(n));
                }
            }
        } catch (IOException e) {
            throw new RegistryException("cannot list versions in " + modelDir + ": " + e.getMessage(), e);
        }
        return versions;
    }

    /** Fails before anything is created when the registry (or the model's directory) cannot be written. */
    private void requireWritable(Path modelDir, String what) {
        checkWritableWithoutCreating(modelDir, what);
        try {
            Files.createDirectories(modelDir);
        } catch (IOException e) {
            throw new RegistryException("registry " + root + " is not writable (" + e + "); cannot " + what, e);
        }
    }

    /** The nearest existing directory on the way to {@code modelDir} must be a writable directory. Creates nothing. */
    private void checkWritableWithoutCreating(Path modelDir, String what) {
        Path existing = Files.exists(modelDir) ? modelDir : root;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new RegistryException("registry " + root + " is not writable" + (existing == null ? "" : " (" + existing
                    + " cannot be written)") + "; cannot " + what);
        }
    }

    /** An action that may fail with an I/O error. */
    @FunctionalInterface
    private interface LockedAction<T> {
        T run() throws IOException;
    }

    private static <T> T underLock(Path modelDir, LockedAction<T> action) {
        Path lockFile = modelDir.resolve(LOCK_FILE);
        Path key;
        try {
            key = modelDir.toRealPath().resolve(LOCK_FILE);
        } catch (IOException e) {
            throw new RegistryException("cannot open " + modelDir + ": " + e.getMessage(), e);
        }
        ReentrantLock inJvm = JVM_LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
        inJvm.lock();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.lock();
            try {
                return action.run();
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw new RegistryException("registry operation in " + modelDir + " failed: " + e.getMessage(), e);
        } finally {
            inJvm.unlock();
        }
    }

    /** Called under the lock: any staging directory now belongs to a publisher that failed or was killed. */
    private static void removeStaleStaging(Path modelDir) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(modelDir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.startsWith(STAGING_PREFIX) || n.startsWith(AliasFile.TEMP_PREFIX)) {
                    deleteTree(p);
                }
            }
        }
    }

    static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms cannot open a directory for fsync; the rename is still atomic there.
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // Best effort: a leftover staging directory is ignored by listings and removed by the next publish.
        }
    }
}
