package org.prognos.models.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.prognos.PrognosException;
import org.prognos.models.RegistryException;
import org.prognos.models.bundle.Names;

/**
 * {@code aliases.json}: a JSON object from alias to version, {@code {"candidate": 4, "production": 3}}. Written
 * to a temporary file, flushed, then moved over the old file atomically, so a reader sees the old or the new
 * aliases, never a torn file.
 */
final class AliasFile {
    static final String TEMP_PREFIX = ".aliases-";
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
    private static final TypeReference<Map<String, Integer>> TYPE = new TypeReference<>() {
    };

    private AliasFile() {
    }

    static Map<String, Integer> read(Path file) {
        Map<String, Integer> raw;
        try {
            raw = MAPPER.readValue(Files.readAllBytes(file), TYPE);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (JsonProcessingException e) {
            throw new RegistryException(file + ": not an alias file ({\"production\": 3, ...}): " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RegistryException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, Integer> aliases = new TreeMap<>();
        if (raw != null) {
            raw.forEach((alias, version) -> {
                try {
                    Names.requireAlias(alias);
                } catch (PrognosException e) {
                    throw new RegistryException(file + ": " + e.getMessage(), e);
                }
                if (version == null || version < 1) {
                    throw new RegistryException(file + ": alias '" + alias + "' points to version " + version
                            + "; versions start at 1");
                }
                aliases.put(alias, version);
            });
        }
        return Collections.unmodifiableMap(aliases);
    }

    static void write(Path dir, String fileName, Map<String, Integer> aliases) throws IOException {
        Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID() + ".tmp");
        try {
            Files.write(temp, MAPPER.writeValueAsBytes(new TreeMap<>(aliases)));
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(temp, dir.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
