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
import org.prognos.features.InvalidSpecException;

/** Reads a {@link TrainingConfig} from JSON or YAML (by extension), with errors that name the field. */
public final class ConfigReader {
    private ConfigReader() {
    }

    public static TrainingConfig read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = (name.endsWith(".yaml") || name.endsWith(".yml") ? YAMLMapper.builder() : JsonMapper.builder())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        try {
            return mapper.readValue(Files.readString(file), TrainingConfig.class);
        } catch (JsonMappingException e) {
            throw new InvalidSpecException(file + ": " + org.prognos.features.spec.JsonErrors.describe(e), e);
        } catch (JsonProcessingException e) {
            throw new InvalidSpecException(file + ": not valid " + (mapper instanceof YAMLMapper ? "YAML" : "JSON")
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidSpecException("cannot read job config " + file + ": " + e.getMessage(), e);
        }
    }
}
