package org.prognos.models.bundle;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.prognos.models.BundleFormatException;

/**
 * The {@code manifest.json} of a bundle: what the model is, what it needs as input, where it came from, and the
 * SHA-256 of every other file in the bundle. The manifest is the only file read before checksums are checked,
 * and it is read as plain JSON into this record, never with Java deserialization.
 *
 * @param format         always {@value #FORMAT}; other values are refused
 * @param name           the model name (a registry directory name)
 * @param version        the registry version, from 1
 * @param createdAt      when the bundle was written
 * @param task           what the model predicts
 * @param featureColumns the feature columns, in the order of a feature row: the spec's column names
 * @param featureSpecHash {@link org.prognos.features.spec.FeatureSpec#hash()} of {@code spec.json}
 * @param provenance     training data fingerprint, split, seed, hyperparameters, library versions
 * @param metrics        the evaluation summary (the same JSON as {@code metrics.json})
 * @param payload        the payload's kind and main file
 * @param files          every file of the bundle except the manifest, name to lower-case hex SHA-256
 */
@JsonPropertyOrder({"format", "name", "version", "createdAt", "task", "featureColumns", "featureSpecHash", "provenance",
    "metrics", "payload", "files"})
public record Manifest(String format, String name, int version, Instant createdAt, Task task, List<String> featureColumns,
                       String featureSpecHash, Provenance provenance, JsonNode metrics, PayloadFile payload,
                       Map<String, String> files) {
    /** The bundle format this version of Prognos reads and writes. */
    public static final String FORMAT = "prognos-bundle/1";
    /** File name of the manifest. */
    public static final String MANIFEST_FILE = "manifest.json";
    /** File name of the fitted feature spec. */
    public static final String SPEC_FILE = "spec.json";
    /** File name of the evaluation metrics. */
    public static final String METRICS_FILE = "metrics.json";
    /** File name of the optional HTML report. */
    public static final String REPORT_FILE = "report.html";
    /** File name of the optional fitted RUL interval (absent in bundles written before it existed). */
    public static final String INTERVAL_FILE = org.prognos.models.interval.RulInterval.FILE;
    /** File name of the optional reference profile of the training inputs (absent in bundles written before it existed). */
    public static final String PROFILE_FILE = org.prognos.models.drift.ReferenceProfile.FILE;
    /** File name of the optional probability calibration of a classifier (absent in bundles written before it existed). */
    public static final String CALIBRATION_FILE = org.prognos.models.calibration.ProbabilityCalibration.FILE;

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /**
     * The payload: its kind picks the adapter, {@code file} is the file the adapter opens first.
     *
     * @param kind the payload kind
     * @param file a file listed in {@code files}
     */
    public record PayloadFile(PayloadKind kind, String file) {
        public PayloadFile {
            if (kind == null) {
                throw new BundleFormatException("manifest payload needs a 'kind', e.g. \"tribuo-protobuf\"");
            }
            if (!Names.isFileName(file) || isReserved(file)) {
                throw new BundleFormatException("manifest payload file '" + file + "' is not a plain file name"
                        + " distinct from " + List.of(MANIFEST_FILE, SPEC_FILE, METRICS_FILE, REPORT_FILE, INTERVAL_FILE,
                        PROFILE_FILE));
            }
        }
    }

    public Manifest {
        if (!FORMAT.equals(format)) {
            throw unsupportedFormat(format);
        }
        Names.requireModelName(name);
        if (version < 1) {
            throw new BundleFormatException("manifest version must be 1 or more, found " + version);
        }
        require(createdAt, "createdAt");
        require(task, "task");
        require(provenance, "provenance");
        require(payload, "payload");
        if (featureColumns == null || featureColumns.isEmpty()) {
            throw new BundleFormatException("manifest 'featureColumns' must list at least one column");
        }
        featureColumns = List.copyOf(featureColumns);
        if (new HashSet<>(featureColumns).size() != featureColumns.size()) {
            throw new BundleFormatException("manifest 'featureColumns' names a column twice");
        }
        if (featureSpecHash == null || !SHA256.matcher(featureSpecHash).matches()) {
            throw new BundleFormatException("manifest 'featureSpecHash' must be 64 lower-case hex digits, found " + featureSpecHash);
        }
        if (metrics == null || !metrics.isObject()) {
            throw new BundleFormatException("manifest 'metrics' must be a JSON object");
        }
        metrics = metrics.deepCopy();
        if (files == null) {
            throw new BundleFormatException("manifest 'files' is required");
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        files.forEach((file, digest) -> {
            if (!Names.isFileName(file) || file.equals(MANIFEST_FILE)) {
                throw new BundleFormatException("manifest 'files' lists '" + file + "', which is not a plain file name"
                        + " inside the bundle (or is the manifest itself)");
            }
            if (digest == null || !SHA256.matcher(digest).matches()) {
                throw new BundleFormatException("manifest 'files' gives '" + file + "' the SHA-256 '" + digest
                        + "'; expected 64 lower-case hex digits");
            }
            sorted.put(file, digest);
        });
        for (String needed : List.of(SPEC_FILE, METRICS_FILE, payload.file())) {
            if (!sorted.containsKey(needed)) {
                throw new BundleFormatException("manifest 'files' does not list '" + needed + "'");
            }
        }
        files = Collections.unmodifiableMap(sorted);
    }

    /** The metrics; a fresh deep copy (JSON nodes are mutable). */
    @Override
    public JsonNode metrics() {
        return metrics.deepCopy();
    }

    /** The exception for a bundle written in a format this version does not read. */
    static BundleFormatException unsupportedFormat(String format) {
        return new BundleFormatException("bundle format is " + (format == null ? "missing" : "'" + format + "'")
                + "; this version of Prognos reads '" + FORMAT + "' only");
    }

    static boolean isReserved(String file) {
        return file.equals(MANIFEST_FILE) || file.equals(SPEC_FILE) || file.equals(METRICS_FILE) || file.equals(REPORT_FILE)
                || file.equals(INTERVAL_FILE) || file.equals(PROFILE_FILE);
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new BundleFormatException("manifest '" + field + "' is required");
        }
    }
}
