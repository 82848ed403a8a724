package org.prognos.flink.job;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.prognos.FileProblems;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.spec.JsonErrors;

/**
 * Reads a {@link JobConfig} from YAML as the training job reads its config: errors name the file (absolute), the line
 * and column, and the field; an unknown key also the valid keys and the likely one ({@link JsonErrors}).
 */
public final class JobConfigReader {
    private JobConfigReader() {
    }

    /** @throws InvalidSpecException naming the file, line, column and what is wrong */
    public static JobConfig read(Path file) {
        YAMLMapper mapper = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidSpecException(FileProblems.cannotRead("flink job config", file, e), e);
        }
        try {
            JobConfig c = mapper.readValue(text, JobConfig.class);
            if (c == null) {
                throw new InvalidSpecException(FileProblems.absolute(file) + ": empty; a job config needs model, mqtt or kafka, source,"
                        + " sinks and checkpoints");
            }
            return c;
        } catch (JsonMappingException e) {
            String what = JsonErrors.describe(e, mapper, text, JobConfig.class);
            throw new InvalidSpecException(FileProblems.absolute(file) + ": " + (what.startsWith("line ") ? "" : at(e.getLocation()))
                    + what, e);
        } catch (JsonProcessingException e) {
            throw new InvalidSpecException(FileProblems.absolute(file) + ": not valid YAML at " + at(e.getLocation())
                    + e.getOriginalMessage(), e);
        }
    }

    private static String at(JsonLocation l) {
        return l == null ? "" : "line " + l.getLineNr() + ", column " + l.getColumnNr() + ": ";
    }
}
