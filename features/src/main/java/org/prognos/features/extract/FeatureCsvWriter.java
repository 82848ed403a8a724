package org.prognos.features.extract;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.prognos.features.telemetry.TimeAxis;

/**
 * Writes feature rows as CSV ({@code asset,time,<columns>}), gzip-compressed when the file name ends in
 * {@code .gz}. Values are written with Java's shortest round-trip representation, missing values as empty
 * cells. Thread-safe: rows from several lanes are written whole.
 */
public final class FeatureCsvWriter implements RowSink, Closeable {
    private final BufferedWriter out;
    private final TimeAxis axis;
    private final StringBuilder line = new StringBuilder(256);

    public FeatureCsvWriter(Path file, TimeAxis axis, List<String> columns) throws IOException {
        OutputStream os = Files.newOutputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            os = new GZIPOutputStream(os, 1 << 16);
        }
        this.out = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
        this.axis = axis;
        out.write("asset,time," + String.join(",", columns));
        out.newLine();
    }

    @Override
    public synchronized void row(String asset, long time, double[] values) {
        line.setLength(0);
        line.append(asset).append(',').append(axis.format(time));
        for (double v : values) {
            line.append(',');
            if (v == v) {
                line.append(v);
            }
        }
        line.append('\n');
        try {
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes every row of a table, in its order. */
    public void writeAll(FeatureTable t) {
        for (int i = 0; i < t.size(); i++) {
            row(t.asset(i), t.time(i), t.row(i));
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
