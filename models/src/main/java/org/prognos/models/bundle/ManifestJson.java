package org.prognos.models.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import org.prognos.PrognosException;
import org.prognos.models.BundleFormatException;

/**
 * Reads and writes {@link Manifest}s. Reading checks the {@code format} field first, so a bundle from a newer
 * Prognos fails with "this version reads prognos-bundle/1" rather than with an unknown-field error; then binds
 * strictly (unknown and missing fields are errors; an absent optional value is written as {@code null}), as plain
 * JSON data — no polymorphic class names, no Java serialization.
 */
public final class ManifestJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ManifestJson() {
    }

    /** The mapper for bundle JSON files (manifest, metrics). */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    /** Parses a manifest; {@code source} (a path) prefixes every error message. */
    public static Manifest parse(byte[] json, String source) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new BundleFormatException(source + ": malformed JSON" + at + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new BundleFormatException(source + ": cannot read: " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new BundleFormatException(source + ": a manifest is a JSON object");
        }
        JsonNode format = tree.get("format");
        if (format == null || !format.isTextual() || !Manifest.FORMAT.equals(format.asText())) {
            BundleFormatException e = Manifest.unsupportedFormat(format == null ? null : format.asText());
            throw new BundleFormatException(source + ": " + e.getMessage());
        }
        try {
            return MAPPER.treeToValue(tree, Manifest.class);
        } catch (JsonProcessingException e) {
            throw new BundleFormatException(source + ": " + reason(e), e);
        }
    }

    /**
     * Why a bundle's JSON file could not be read: our own validation message when one caused the error (it names the
     * field), else Jackson's. Shared by every JSON file of a bundle.
     */
    public static String reason(JsonProcessingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root instanceof PrognosException ? root.getMessage() : e.getOriginalMessage();
    }

    /** The manifest as indented JSON. */
    public static String write(Manifest manifest) {
        try {
            return MAPPER.writeValueAsString(manifest);
        } catch (JsonProcessingException e) {
            throw new BundleFormatException("cannot write manifest of " + manifest.name() + ": " + e.getOriginalMessage(), e);
        }
    }
}
