package org.prognos.models.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.prognos.features.spec.SpecJson;
import org.prognos.models.BundleFormatException;

/**
 * Writes a bundle directory: the payload first (so it cannot overwrite the bundle's own files), then
 * {@code spec.json}, {@code metrics.json}, the optional {@code report.html}, {@code interval.json},
 * {@code profile.json} and {@code calibration.json}, and last {@code manifest.json} with
 * the SHA-256 of every other file. Every file is flushed to disk ({@code fsync}) before the manifest is written.
 *
 * <p>The writer does not make the directory appear atomically; the registry writes into a staging directory and
 * renames it. Use this class directly only to export a bundle outside a registry.
 */
public final class BundleWriter {
    private BundleWriter() {
    }

    /**
     * Writes {@code contents} as version {@code version} into {@code directory}, which must be absent or empty.
     *
     * @return the manifest written
     * @throws IOException when a file cannot be written (including any exception of the payload writer)
     */
    public static Manifest write(BundleContents contents, int version, Instant createdAt, Path directory) throws IOException {
        Files.createDirectories(directory);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory)) {
            if (ds.iterator().hasNext()) {
                throw new BundleFormatException("cannot write a bundle into " + directory + ": the directory is not empty");
            }
        }
        Payload payload = contents.payload();
        payload.writer().writeTo(directory);
        for (String own : new String[] {Manifest.MANIFEST_FILE, Manifest.SPEC_FILE, Manifest.METRICS_FILE, Manifest.REPORT_FILE,
                Manifest.INTERVAL_FILE, Manifest.PROFILE_FILE, Manifest.CALIBRATION_FILE}) {
            if (Files.exists(directory.resolve(own), LinkOption.NOFOLLOW_LINKS)) {
                throw new BundleFormatException("the " + payload.kind() + " payload writer created '" + own
                        + "', a file name the bundle itself uses");
            }
        }
        if (!Files.isRegularFile(directory.resolve(payload.file()), LinkOption.NOFOLLOW_LINKS)) {
            throw new BundleFormatException("the " + payload.kind() + " payload writer did not create its file '"
                    + payload.file() + "' in " + directory);
        }
        Files.writeString(directory.resolve(Manifest.SPEC_FILE), SpecJson.write(contents.spec()) + "\n", StandardCharsets.UTF_8);
        Files.writeString(directory.resolve(Manifest.METRICS_FILE), json(contents.metrics()) + "\n", StandardCharsets.UTF_8);
        if (contents.reportHtml().isPresent()) {
            Files.writeString(directory.resolve(Manifest.REPORT_FILE), contents.reportHtml().get(), StandardCharsets.UTF_8);
        }
        if (contents.interval().isPresent()) {
            Files.writeString(directory.resolve(Manifest.INTERVAL_FILE),
                    ManifestJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(contents.interval().get()) + "\n",
                    StandardCharsets.UTF_8);
        }
        if (contents.profile().isPresent()) {
            Files.writeString(directory.resolve(Manifest.PROFILE_FILE),
                    ManifestJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(contents.profile().get()) + "\n",
                    StandardCharsets.UTF_8);
        }
        if (contents.calibration().isPresent()) {
            Files.writeString(directory.resolve(Manifest.CALIBRATION_FILE),
                    ManifestJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(contents.calibration().get()) + "\n",
                    StandardCharsets.UTF_8);
        }

        Map<String, String> files = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory)) {
            for (Path p : ds) {
                String file = p.getFileName().toString();
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || !Names.isFileName(file)) {
                    throw new BundleFormatException("the " + payload.kind() + " payload writer created '" + file
                            + "'; a bundle holds plain files with simple names only (no directories or links)");
                }
                fsync(p);
                files.put(file, Digests.sha256(p));
            }
        }
        Manifest manifest = new Manifest(Manifest.FORMAT, contents.name(), version, createdAt, contents.task(),
                contents.featureColumns(), contents.spec().hash(), contents.provenance(), contents.metrics(),
                new Manifest.PayloadFile(payload.kind(), payload.file()), files);
        Path manifestFile = directory.resolve(Manifest.MANIFEST_FILE);
        Files.writeString(manifestFile, ManifestJson.write(manifest) + "\n", StandardCharsets.UTF_8);
        fsync(manifestFile);
        return manifest;
    }

    /** Forces a file's contents to the storage device. */
    static void fsync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    private static String json(com.fasterxml.jackson.databind.JsonNode node) {
        try {
            return ManifestJson.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new BundleFormatException("cannot write metrics: " + e.getOriginalMessage(), e);
        }
    }
}
