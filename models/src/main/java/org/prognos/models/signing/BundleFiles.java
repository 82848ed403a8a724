package org.prognos.models.signing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.prognos.models.BundleIntegrityException;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.Manifest;

/** What a signed bundle directory may hold: the manifest's files, the manifest, and the signature; nothing else. */
final class BundleFiles {
    private BundleFiles() {
    }

    /** The first entry of the bundle directory (by name) that the manifest does not cover, if any. */
    static Optional<String> firstUncovered(LoadedBundle bundle) {
        Set<String> allowed = new TreeSet<>(bundle.manifest().files().keySet());
        allowed.add(Manifest.MANIFEST_FILE);
        allowed.add(BundleSignature.FILE);
        TreeSet<String> extra = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(bundle.directory())) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (!allowed.contains(name)) {
                    extra.add(name);
                }
            }
        } catch (IOException e) {
            throw new BundleIntegrityException("cannot list bundle directory " + bundle.directory() + ": " + e.getMessage(), e);
        }
        return extra.isEmpty() ? Optional.empty() : Optional.of(extra.first());
    }

    /** {@code name:version} of the bundle. */
    static String name(LoadedBundle bundle) {
        return bundle.manifest().name() + ":" + bundle.manifest().version();
    }
}
