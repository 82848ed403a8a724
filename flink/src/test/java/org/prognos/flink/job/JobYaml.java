package org.prognos.flink.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Job configs as a user writes them, for the tests: YAML text in a file, read by the job's own {@link JobConfigReader}
 * (so a mistake is reported with the file, line and column a user would see), and the {@code attributes} block of
 * per-asset attributes in the flow style the README shows.
 */
public final class JobYaml {
    private JobYaml() {
    }

    /** Writes {@code yaml} to {@code file} (UTF-8); the file, for a test that reads it or checks the name in an error. */
    public static Path write(Path file, String yaml) throws IOException {
        return Files.writeString(file, yaml, StandardCharsets.UTF_8);
    }

    /** Writes {@code yaml} to {@code file} and reads it as the submitted job does. */
    public static JobConfig read(Path file, String yaml) throws IOException {
        return JobConfigReader.read(write(file, yaml));
    }

    /**
     * The entries of an {@code attributes:} block, one line per asset indented under the key:
     * {@code   "3": {model: "model3", age: "18", }}.
     */
    public static String attributes(Map<String, Map<String, String>> byAsset) {
        StringBuilder out = new StringBuilder();
        byAsset.forEach((asset, a) -> {
            out.append("  \"").append(asset).append("\": {");
            a.forEach((k, v) -> out.append(k).append(": \"").append(v).append("\", "));
            out.append("}\n");
        });
        return out.toString();
    }
}
