package org.prognos.training.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.prognos.FileProblems;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.spec.JsonErrors;

/**
 * Reads a {@link TrainingConfig} from JSON or YAML (by extension), with errors that name the file (absolute), the field
 * and, for an unknown key, its line, column, the valid keys and the likely one ({@link JsonErrors}).
 */
public final class ConfigReader {
    /** A dotted field path in quotes, as our checks name fields ({@code 'task.scoring.warmUp'}). */
    private static final Pattern FIELD = Pattern.compile("'([A-Za-z][A-Za-z0-9_]*(?:\\.[A-Za-z][A-Za-z0-9_]*)+)'");
    private ConfigReader() {
    }

    public static TrainingConfig read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = (name.endsWith(".yaml") || name.endsWith(".yml") ? YAMLMapper.builder() : JsonMapper.builder())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidSpecException(FileProblems.cannotRead("job config", file, e), e);
        }
        try {
            return mapper.readValue(text, TrainingConfig.class);
        } catch (JsonMappingException e) {
            String why = JsonErrors.describe(e, mapper, text, TrainingConfig.class);
            throw new InvalidSpecException(FileProblems.absolute(file) + ": " + where(why, mapper, text) + why, e);
        } catch (JsonProcessingException e) {
            throw new InvalidSpecException(FileProblems.absolute(file) + ": not valid " + (mapper instanceof YAMLMapper ? "YAML" : "JSON")
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * {@code line L, column C: } of the field a check's message names ({@code 'task.scoring.context.column'}: the first
     * quoted dotted path), or of its deepest key the text has (a missing field is reported where its parent is); empty
     * when the message has a line already or names no field of the text. Why: a check of ours runs inside Jackson's
     * creator, whose own location is the end of the object, not the field.
     */
    static String where(String why, ObjectMapper mapper, String text) {
        if (why.contains("line ")) {
            return "";
        }
        Matcher quoted = FIELD.matcher(why);
        while (quoted.find()) {
            String[] keys = quoted.group(1).split("\\.");
            for (int n = keys.length; n >= 1; n--) {
                List<JsonMappingException.Reference> path = Arrays.stream(keys, 0, n)
                        .map(k -> new JsonMappingException.Reference(null, k)).toList();
                Optional<JsonLocation> at = JsonErrors.fieldLocation(mapper, text, path);
                if (at.isPresent()) {
                    return "line " + at.get().getLineNr() + ", column " + at.get().getColumnNr() + ": ";
                }
            }
        }
        return "";
    }
}
