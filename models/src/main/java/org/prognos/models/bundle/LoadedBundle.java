package org.prognos.models.bundle;

import java.nio.file.Path;
import java.util.Optional;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.models.calibration.ProbabilityCalibration;
import org.prognos.models.interval.RulInterval;

/**
 * A bundle whose files all matched their manifest checksums when it was read, with its manifest and feature
 * spec parsed. Only {@link BundleReader} makes one, so holding a {@code LoadedBundle} means the bundle was
 * verified. Adapters read payload bytes through {@link #readVerified}, which checks the digest again on the
 * bytes actually used, so a file swapped after verification is still refused.
 */
public final class LoadedBundle {
    private final Manifest manifest;
    private final byte[] manifestBytes;
    private final FeatureSpec spec;
    private final Path directory;

    LoadedBundle(Manifest manifest, byte[] manifestBytes, FeatureSpec spec, Path directory) {
        this.manifest = manifest;
        this.manifestBytes = manifestBytes.clone();
        this.spec = spec;
        this.directory = directory;
    }

    /** The manifest. */
    public Manifest manifest() {
        return manifest;
    }

    /**
     * The exact bytes of {@code manifest.json} this bundle was parsed and verified from; a copy. A signature is checked
     * against these bytes, not against the file as it is later, so a manifest swapped after loading cannot pass.
     */
    public byte[] manifestBytes() {
        return manifestBytes.clone();
    }

    /** The fitted feature spec the model was trained on (its hash matches the manifest's). */
    public FeatureSpec spec() {
        return spec;
    }

    /** The bundle directory. */
    public Path directory() {
        return directory;
    }

    /** The payload's main file. */
    public Path payloadPath() {
        return directory.resolve(manifest.payload().file());
    }

    /** The HTML report, if the bundle has one. */
    public Optional<Path> report() {
        return manifest.files().containsKey(Manifest.REPORT_FILE)
                ? Optional.of(directory.resolve(Manifest.REPORT_FILE)) : Optional.empty();
    }

    /**
     * The fitted RUL interval, read from the verified {@value Manifest#INTERVAL_FILE}; empty for a bundle without one
     * (every bundle written before intervals existed, and every classifier), which then answers with the estimate alone.
     */
    public Optional<RulInterval> interval() {
        if (!manifest.files().containsKey(Manifest.INTERVAL_FILE)) {
            return Optional.empty();
        }
        byte[] bytes = readVerified(Manifest.INTERVAL_FILE);
        try {
            return Optional.of(ManifestJson.mapper().readValue(bytes, RulInterval.class));
        } catch (java.io.IOException e) {
            throw new org.prognos.models.BundleFormatException(directory.resolve(Manifest.INTERVAL_FILE) + ": "
                    + (e.getCause() instanceof org.prognos.models.BundleFormatException b ? b.getMessage() : e.getMessage()), e);
        }
    }

    /**
     * The reference profile of the training inputs, read from the verified {@value Manifest#PROFILE_FILE}; empty for a
     * bundle without one (every bundle written before profiles existed), whose drift then reads "no profile".
     *
     * @throws org.prognos.models.BundleFormatException when the file is malformed or profiles other columns than the
     *                                                   manifest's
     */
    public Optional<org.prognos.models.drift.ReferenceProfile> profile() {
        if (!manifest.files().containsKey(Manifest.PROFILE_FILE)) {
            return Optional.empty();
        }
        byte[] bytes = readVerified(Manifest.PROFILE_FILE);
        try {
            return Optional.of(ManifestJson.mapper().readValue(bytes, org.prognos.models.drift.ReferenceProfile.class)
                    .requireColumns(manifest.featureColumns()));
        } catch (java.io.IOException e) {
            throw new org.prognos.models.BundleFormatException(directory.resolve(Manifest.PROFILE_FILE) + ": "
                    + (e.getCause() instanceof org.prognos.models.BundleFormatException b ? b.getMessage() : e.getMessage()), e);
        } catch (org.prognos.models.BundleFormatException e) {
            throw new org.prognos.models.BundleFormatException(directory.resolve(Manifest.PROFILE_FILE) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The fitted probability calibration, read from the verified {@value Manifest#CALIBRATION_FILE}; empty for a bundle
     * without one (every bundle written before calibration existed, and every RUL model), which then answers with the
     * model's own probabilities.
     */
    public Optional<ProbabilityCalibration> calibration() {
        if (!manifest.files().containsKey(Manifest.CALIBRATION_FILE)) {
            return Optional.empty();
        }
        byte[] bytes = readVerified(Manifest.CALIBRATION_FILE);
        try {
            return Optional.of(ManifestJson.mapper().readValue(bytes, ProbabilityCalibration.class));
        } catch (java.io.IOException e) {
            throw new org.prognos.models.BundleFormatException(directory.resolve(Manifest.CALIBRATION_FILE) + ": "
                    + (e.getCause() instanceof org.prognos.models.BundleFormatException b ? b.getMessage() : e.getMessage()), e);
        }
    }

    /** Always true: a {@code LoadedBundle} exists only for a bundle whose checksums matched. */
    public boolean verified() {
        return true;
    }

    /**
     * The bytes of a file listed in the manifest, after checking their SHA-256 against it.
     *
     * @throws org.prognos.models.BundleIntegrityException when the file is missing, not a plain file, or its bytes
     *                                                     differ from the manifest's digest
     * @throws org.prognos.models.BundleFormatException    when the manifest does not list {@code file}
     */
    public byte[] readVerified(String file) {
        return BundleReader.readVerified(directory, manifest, file);
    }

    @Override
    public String toString() {
        return manifest.name() + ":" + manifest.version() + " (" + directory + ")";
    }
}
