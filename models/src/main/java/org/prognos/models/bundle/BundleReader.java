package org.prognos.models.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.spec.SpecJson;
import org.prognos.models.BundleFormatException;
import org.prognos.models.BundleIntegrityException;

/**
 * Reads and verifies a bundle directory. In order: the manifest is parsed (its {@code format} first); every file it
 * lists must be a plain file (not a link) whose SHA-256 matches; the spec is parsed from the verified bytes, its
 * hash must equal the manifest's {@code featureSpecHash}, and the columns this version of Prognos computes from it
 * must equal the manifest's {@code featureColumns} (a features upgrade that renames or reorders columns is caught
 * here, not as silently wrong scores). Nothing is ever read with Java deserialization.
 */
public final class BundleReader {
    private BundleReader() {
    }

    /** Reads the bundle in {@code directory}, verifying every checksum. */
    public static LoadedBundle read(Path directory) {
        Path manifestFile = directory.resolve(Manifest.MANIFEST_FILE);
        if (!Files.isRegularFile(manifestFile, LinkOption.NOFOLLOW_LINKS)) {
            throw new BundleFormatException(directory + " is not a Prognos bundle: it has no " + Manifest.MANIFEST_FILE);
        }
        byte[] manifestBytes;
        try {
            manifestBytes = Files.readAllBytes(manifestFile);
        } catch (IOException e) {
            throw new BundleFormatException("cannot read " + manifestFile + ": " + e.getMessage(), e);
        }
        Manifest manifest = ManifestJson.parse(manifestBytes, manifestFile.toString());
        for (Map.Entry<String, String> f : manifest.files().entrySet()) {
            Path p = directory.resolve(f.getKey());
            requirePlainFile(p, f.getKey(), f.getValue());
            String actual;
            long size;
            try {
                actual = Digests.sha256(p);
                size = Files.size(p);
            } catch (IOException e) {
                throw missing(p, f.getKey(), f.getValue(), e);
            }
            requireDigest(p, f.getKey(), f.getValue(), actual, size);
        }
        byte[] specBytes = readVerified(directory, manifest, Manifest.SPEC_FILE);
        Path specFile = directory.resolve(Manifest.SPEC_FILE);
        FeatureSpec spec = SpecJson.parse(new String(specBytes, StandardCharsets.UTF_8), specFile.toString());
        if (!spec.hash().equals(manifest.featureSpecHash())) {
            throw new BundleFormatException(specFile + ": the spec hashes to " + spec.hash() + " but the manifest records"
                    + " featureSpecHash " + manifest.featureSpecHash() + " (was it written by another Prognos version?)");
        }
        List<String> columns = new FeatureExtractor(spec).columns();
        if (!columns.equals(manifest.featureColumns())) {
            throw new BundleFormatException(directory + ": this version of Prognos computes the columns "
                    + describeDifference(columns, manifest.featureColumns()) + " from the bundle's spec; the model was"
                    + " trained on the manifest's featureColumns, so its scores would be wrong");
        }
        return new LoadedBundle(manifest, manifestBytes, spec, directory);
    }

    static byte[] readVerified(Path directory, Manifest manifest, String file) {
        String expected = manifest.files().get(file);
        if (expected == null) {
            throw new BundleFormatException(directory + ": the manifest does not list '" + file + "'");
        }
        Path p = directory.resolve(file);
        requirePlainFile(p, file, expected);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(p);
        } catch (IOException e) {
            throw missing(p, file, expected, e);
        }
        requireDigest(p, file, expected, Digests.sha256(bytes), bytes.length);
        return bytes;
    }

    private static void requirePlainFile(Path p, String file, String expected) {
        if (Files.isSymbolicLink(p) || (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))) {
            throw new BundleIntegrityException(p + ": '" + file + "' must be a plain file (links and directories are"
                    + " refused); expected SHA-256 " + expected + ", found none");
        }
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new BundleIntegrityException(p + ": '" + file + "' is missing; expected SHA-256 " + expected
                    + ", found none");
        }
    }

    private static BundleIntegrityException missing(Path p, String file, String expected, IOException e) {
        return new BundleIntegrityException(p + ": '" + file + "' cannot be read (" + e.getMessage()
                + "); expected SHA-256 " + expected + ", found none", e);
    }

    private static void requireDigest(Path p, String file, String expected, String actual, long size) {
        if (!expected.equals(actual)) {
            throw new BundleIntegrityException(p + ": checksum mismatch for '" + file + "': expected SHA-256 " + expected
                    + ", found " + actual + " (" + size + " bytes); the file is truncated, altered or from another bundle");
        }
    }

    private static String describeDifference(List<String> now, List<String> manifest) {
        List<String> missing = new ArrayList<>(manifest);
        missing.removeAll(now);
        List<String> extra = new ArrayList<>(now);
        extra.removeAll(manifest);
        if (missing.isEmpty() && extra.isEmpty()) {
            return "in another order (" + now.size() + " columns)";
        }
        return "with " + (missing.isEmpty() ? "" : "missing " + head(missing)) + (missing.isEmpty() || extra.isEmpty() ? "" : " and ")
                + (extra.isEmpty() ? "" : "new " + head(extra));
    }

    private static String head(List<String> names) {
        return names.size() <= 5 ? names.toString() : names.subList(0, 5) + " and " + (names.size() - 5) + " more";
    }
}
