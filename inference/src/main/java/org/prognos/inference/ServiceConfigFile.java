package org.prognos.inference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.prognos.FileProblems;
import org.prognos.PrognosException;
import org.prognos.features.spec.JsonErrors;

/**
 * Reading {@code service.json}, {@code service.yaml} or {@code service.yml} into a {@link ServiceConfig}: the
 * format chosen by the file's extension, unknown fields refused, and every failure turned into one
 * {@link InvalidConfigException} that names the file, then the field's path ({@code 'quotas.tenantShare'}) and why:
 * a section's own check when it refused the value, else Jackson's words. The sections only validate; this is the one
 * place that knows about files and parsers.
 */
final class ServiceConfigFile {
    private ServiceConfigFile() {
    }

    /** Reads {@code file}; unknown fields are errors. */
    static ServiceConfig read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = mapperFor(name);
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidConfigException(FileProblems.cannotRead("service config", file, e), e);
        }
        try {
            return mapper.readValue(text, ServiceConfig.class);
        } catch (JsonMappingException e) {
            throw invalidField(file, mapper, text, e);
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException(FileProblems.absolute(file) + ": malformed " + (name.endsWith(".json") ? "JSON" : "YAML") + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    private static ObjectMapper mapperFor(String name) {
        return (name.endsWith(".yaml") || name.endsWith(".yml") ? JsonMapper.builder(new YAMLFactory()) : JsonMapper.builder())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** An unknown key (with its nearest known one), or the field's path and the check that refused its value. */
    private static InvalidConfigException invalidField(Path file, ObjectMapper mapper, String text, JsonMappingException e) {
        Optional<String> unknown = JsonErrors.unknownKey(e, mapper, text, ServiceConfig.class);
        if (unknown.isPresent()) {
            return new InvalidConfigException(FileProblems.absolute(file) + ": " + unknown.get(), e);
        }
        String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root instanceof PrognosException ? root.getMessage() : e.getOriginalMessage();
        return new InvalidConfigException(FileProblems.absolute(file) + (path.isEmpty() ? "" : " at '" + path + "'") + ": " + why, e);
    }
}
