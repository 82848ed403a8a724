package org.prognos.features.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.prognos.features.telemetry.TelemetrySource;

/** A reading copied out of a sink, and small helpers to write test files. */
record Recorded(String asset, long time, double[] values) {

    static List<Recorded> all(TelemetrySource source) throws IOException {
        List<Recorded> out = new ArrayList<>();
        source.forEach((asset, time, values) -> out.add(new Recorded(asset, time, values.clone())));
        return out;
    }

    static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static Path gzip(Path file, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    /** Where the bundled data lives when Maven runs tests from the module directory. */
    static Path bundled(String first, String... more) {
        return Path.of("..", "notebooks-data").resolve(Path.of(first, more));
    }
}
