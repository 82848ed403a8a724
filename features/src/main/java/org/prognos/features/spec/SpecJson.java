package org.prognos.features.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.prognos.FileProblems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.prognos.features.InvalidSpecException;

/** Reads and writes {@link FeatureSpec}s as JSON, with errors that name the offending field. */
public final class SpecJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private SpecJson() {
    }

    /** The mapper used for specs (strict: unknown fields are errors). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static FeatureSpec read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new InvalidSpecException(FileProblems.cannotRead("feature spec", file, e), e);
        }
    }

    public static FeatureSpec parse(String json, String source) {
        try {
            return MAPPER.readValue(json, FeatureSpec.class);
        } catch (JsonMappingException e) {
            throw new InvalidSpecException(source + ": " + describe(e), e);
        } catch (JsonProcessingException e) {
            throw new InvalidSpecException(source + ": malformed JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a spec from an already-parsed JSON tree (a job config's inline spec). */
    public static FeatureSpec fromTree(JsonNode node, String source) {
        try {
            return MAPPER.treeToValue(node, FeatureSpec.class);
        } catch (JsonMappingException e) {
            throw new InvalidSpecException(source + ": " + describe(e), e);
        } catch (JsonProcessingException e) {
            throw new InvalidSpecException(source + ": " + e.getOriginalMessage(), e);
        }
    }

    private static String describe(JsonMappingException e) {
        return JsonErrors.describe(e);
    }

    public static String write(FeatureSpec spec) {
        try {
            return MAPPER.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new InvalidSpecException("cannot serialize spec: " + e.getMessage(), e);
        }
    }

    public static void write(FeatureSpec spec, Path file) throws IOException {
        Files.writeString(file, write(spec) + "\n", StandardCharsets.UTF_8);
    }

    static String hash(FeatureSpec spec) {
        try {
            JsonNode tree = CANONICAL.valueToTree(spec);
            byte[] bytes = CANONICAL.writeValueAsBytes(CANONICAL.treeToValue(tree, Object.class));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash spec", e);
        }
    }
}
