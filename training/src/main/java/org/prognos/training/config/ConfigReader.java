package org.prognos.training.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.prognos.FileProblems;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.spec.JsonErrors;

/**
 * Reads a {@link TrainingConfig} from JSON or YAML (by extension), with errors that name the file (absolute), the field
 * and, for an unknown key, its line, column, the valid keys and the likely one ({@link JsonErrors}).
 */
public final class ConfigReader {
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
            throw new InvalidSpecException(FileProblems.absolute(file) + ": " + JsonErrors.describe(e, mapper, text, TrainingConfig.class), e);
        } catch (JsonProcessingException e) {
            throw new InvalidSpecException(FileProblems.absolute(file) + ": not valid " + (mapper instanceof YAMLMapper ? "YAML" : "JSON")
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                    + e.getOriginalMessage(), e);
        }
    }
}
