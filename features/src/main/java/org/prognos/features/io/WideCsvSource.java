package org.prognos.features.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.telemetry.ReadingSink;
import org.prognos.features.telemetry.TelemetrySource;
import org.prognos.features.telemetry.TimeAxis;

/**
 * Telemetry in a "wide" CSV file: one row per reading, an asset column, a time column and one column per
 * channel ({@code datetime,machineID,volt,rotate,...}). The file is streamed on every {@link #forEach};
 * {@code .gz} files are decompressed, {@code #} comment lines, empty lines and a UTF-8 byte-order mark are
 * skipped, headers may be quoted. Cells that are empty, {@code NaN}, {@code NA} or {@code null} are missing
 * values, handled by the {@link ReadPolicy}.
 */
public final class WideCsvSource implements TelemetrySource {
    private final Path file;
    private final String name;
    private final TimeAxis axis;
    private final Columns columns;
    private final List<String> channels;
    private final ReadPolicy policy;
    private final boolean assetColumn;

    /**
     * Which columns hold what.
     *
     * @param asset    the asset id column
     * @param time     the time column, parsed with the source's {@link TimeAxis}
     * @param channels the channel columns in the order wanted; empty means every other column, in file order
     */
    public record Columns(String asset, String time, List<String> channels) {
        public Columns {
            requireName(asset, "asset");
            requireName(time, "time");
            channels = List.copyOf(channels);
            if (asset.equals(time)) {
                throw new InvalidSpecException("asset and time columns must differ, both are '" + asset + "'");
            }
            var seen = new HashSet<String>();
            for (String c : channels) {
                requireName(c, "channel");
                if (!seen.add(c) || c.equals(asset) || c.equals(time)) {
                    throw new InvalidSpecException("channel column '" + c + "' is listed twice or is the asset or time column");
                }
            }
        }

        /** Every column other than {@code asset} and {@code time} is a channel. */
        public static Columns allChannels(String asset, String time) {
            return new Columns(asset, time, List.of());
        }
    }

    private WideCsvSource(Path file, String name, TimeAxis axis, Columns columns, List<String> channels, ReadPolicy policy,
                          boolean assetColumn) {
        this.assetColumn = assetColumn;
        this.file = file;
        this.name = name;
        this.axis = axis;
        this.columns = columns;
        this.channels = List.copyOf(channels);
        this.policy = policy;
    }

    /**
     * Reads the header of {@code file} to check the configured columns (the message lists the available ones)
     * and to find the channels; the rows are read by {@link #forEach}.
     */
    public static WideCsvSource open(Path file, TimeAxis axis, Columns columns, ReadPolicy policy) throws IOException {
        Objects.requireNonNull(axis, "axis");
        Objects.requireNonNull(policy, "policy");
        return open(file, TextInput.name(file), axis, columns, policy, true);
    }

    /**
     * One asset's series in a file without an asset column ({@code timestamp,value}, as the Numenta Anomaly
     * Benchmark writes them): the first column is the time, every other column a channel, and every row belongs to
     * {@code asset}.
     *
     * @param asset the id the readings get (a file of one machine, named by its file, say)
     */
    public static WideCsvSource singleAsset(Path file, TimeAxis axis, String asset, ReadPolicy policy) throws IOException {
        return singleAsset(file, TextInput.name(file), axis, asset, policy);
    }

    /**
     * As {@link #singleAsset(Path, TimeAxis, String, ReadPolicy)}, its messages naming the file {@code name} (a path
     * relative to a folder of such files, where file names alone repeat: {@code valve1/0.csv}).
     */
    static WideCsvSource singleAsset(Path file, String name, TimeAxis axis, String asset, ReadPolicy policy) throws IOException {
        requireName(asset, "asset");
        String time;
        try (CsvReader<CsvRow> reader = CsvRows.open(file)) {
            Header header = readHeader(reader.iterator(), name);
            if (header.size() < 2) {
                throw new InvalidTelemetryException(name, 1, 0,
                        "a single-asset CSV needs a time column and at least one channel column, found " + header.size() + " column");
            }
            time = header.name(0);
        }
        String id = asset.equals(time) ? asset + "#" : asset;   // the id is no column here; it only must differ from the time's name
        return open(file, name, axis, Columns.allChannels(id, time), policy, false);
    }

    private static WideCsvSource open(Path file, String name, TimeAxis axis, Columns columns, ReadPolicy policy,
                                      boolean assetColumn) throws IOException {
        try (CsvReader<CsvRow> reader = CsvRows.open(file)) {
            Header header = readHeader(reader.iterator(), name);
            int a = assetColumn ? header.index(columns.asset(), "asset") : -1;
            int t = header.index(columns.time(), "time");
            List<String> channels = new ArrayList<>();
            if (columns.channels().isEmpty()) {
                for (int i = 0; i < header.size(); i++) {
                    if (i != a && i != t) {
                        channels.add(header.name(i));
                    }
                }
            } else {
                for (String c : columns.channels()) {
                    header.index(c, "channel");
                    channels.add(c);
                }
            }
            return new WideCsvSource(file, name, axis, columns, channels, policy, assetColumn);
        }
    }

    private static Header readHeader(Iterator<CsvRow> rows, String name) throws IOException {
        try {
            return Header.read(rows, name);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TimeAxis axis() {
        return axis;
    }

    @Override
    public List<String> channels() {
        return channels;
    }

    /** The policy this source applies. */
    public ReadPolicy policy() {
        return policy;
    }

    @Override
    public void forEach(ReadingSink sink) throws IOException {
        try (CsvReader<CsvRow> reader = CsvRows.open(file)) {
            Iterator<CsvRow> rows = reader.iterator();
            Header header = readHeader(rows, name);
            int assetAt = assetColumn ? header.index(columns.asset(), "asset") : -1;
            int timeAt = header.index(columns.time(), "time");
            int n = channels.size();
            int[] at = new int[n];
            for (int c = 0; c < n; c++) {
                at[c] = header.index(channels.get(c), "channel");
            }
            double[] values = new double[n];
            AssetOrder order = new AssetOrder(name, axis, n, timeAt + 1, policy, sink);
            String asset = assetColumn ? null : columns.asset();
            while (rows.hasNext()) {
                CsvRow row = rows.next();
                header.checkWidth(row);
                if (assetColumn && (asset == null || !row.is(assetAt, asset))) {
                    asset = Cells.text(row, assetAt, "an asset id", name);
                }
                long time = Cells.time(axis, row.text(timeAt), name, row.line(), timeAt + 1);
                for (int c = 0; c < n; c++) {
                    values[c] = Cells.value(row, at[c], channels.get(c), policy.missingValues(), name);
                }
                order.offer(asset, time, values, row.line());
            }
            order.finish();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (CsvParseException e) {
            throw new InvalidTelemetryException(name, 0, 0, "malformed CSV: " + e.getMessage());
        }
    }

    static void requireName(String name, String role) {
        if (name == null || name.isBlank()) {
            throw new InvalidSpecException("the " + role + " column name must not be empty");
        }
    }

    @Override
    public String toString() {
        return "WideCsvSource[" + file + ", " + channels.size() + " channels]";
    }
}
