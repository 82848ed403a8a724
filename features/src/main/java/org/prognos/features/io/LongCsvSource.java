package org.prognos.features.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Telemetry in a "long" (tidy) CSV file: one row per value, with asset, time, channel and value columns.
 * Consecutive rows with the same asset and time form one reading; a channel with no row in a reading is
 * missing ({@code NaN}, or a failure under {@link ReadPolicy.MissingValues#FAIL}). A channel appearing twice
 * in one reading follows {@link ReadPolicy.Duplicates}, like a repeated time. Same file conventions as
 * {@link WideCsvSource}: {@code .gz}, {@code #} comments, byte-order mark, quoted headers.
 */
public final class LongCsvSource implements TelemetrySource {
    private final Path file;
    private final String name;
    private final TimeAxis axis;
    private final Columns columns;
    private final List<String> channels;
    private final ReadPolicy policy;

    /**
     * Which columns hold what.
     *
     * @param asset    the asset id column
     * @param time     the time column
     * @param channel  the column naming the channel of the row
     * @param value    the column holding the value
     * @param channels the channels wanted, in order (rows of other channels are skipped); empty means every
     *                 channel of the file, in order of first appearance (found by a first pass over the file)
     */
    public record Columns(String asset, String time, String channel, String value, List<String> channels) {
        public Columns {
            WideCsvSource.requireName(asset, "asset");
            WideCsvSource.requireName(time, "time");
            WideCsvSource.requireName(channel, "channel");
            WideCsvSource.requireName(value, "value");
            channels = List.copyOf(channels);
            if (new HashSet<>(List.of(asset, time, channel, value)).size() != 4) {
                throw new InvalidSpecException("asset, time, channel and value columns must be four different columns");
            }
            if (new HashSet<>(channels).size() != channels.size()) {
                throw new InvalidSpecException("channels must not repeat, found " + channels);
            }
        }

        /** Every channel found in the file. */
        public static Columns discover(String asset, String time, String channel, String value) {
            return new Columns(asset, time, channel, value, List.of());
        }
    }

    private LongCsvSource(Path file, TimeAxis axis, Columns columns, List<String> channels, ReadPolicy policy) {
        this.file = file;
        this.name = TextInput.name(file);
        this.axis = axis;
        this.columns = columns;
        this.channels = List.copyOf(channels);
        this.policy = policy;
    }

    /**
     * Checks the header of {@code file} and, when no channels are declared, reads the file once to find them.
     */
    public static LongCsvSource open(Path file, TimeAxis axis, Columns columns, ReadPolicy policy) throws IOException {
        Objects.requireNonNull(axis, "axis");
        Objects.requireNonNull(policy, "policy");
        String name = TextInput.name(file);
        try (CsvReader<CsvRow> reader = CsvRows.open(file)) {
            Iterator<CsvRow> rows = reader.iterator();
            Header header = Header.read(rows, name);
            header.index(columns.asset(), "asset");
            header.index(columns.time(), "time");
            int channelAt = header.index(columns.channel(), "channel");
            header.index(columns.value(), "value");
            List<String> channels = new ArrayList<>(columns.channels());
            if (channels.isEmpty()) {
                while (rows.hasNext()) {
                    CsvRow row = rows.next();
                    header.checkWidth(row);
                    if (indexOf(row, channelAt, channels, 0) < 0) {
                        channels.add(Cells.text(row, channelAt, "a channel name", name));
                    }
                }
            }
            return new LongCsvSource(file, axis, columns, channels, policy);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (CsvParseException e) {
            throw new InvalidTelemetryException(name, 0, 0, "malformed CSV: " + e.getMessage());
        }
    }

    /** Index of the row's channel in {@code channels}, searching from {@code from} (usually the next one); -1 if absent. */
    private static int indexOf(CsvRow row, int channelAt, List<String> channels, int from) {
        int n = channels.size();
        for (int k = 0; k < n; k++) {
            int c = (from + k) % n;
            if (row.is(channelAt, channels.get(c))) {
                return c;
            }
        }
        return -1;
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
            Header header = Header.read(rows, name);
            new Grouper(header, sink).run(rows);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (CsvParseException e) {
            throw new InvalidTelemetryException(name, 0, 0, "malformed CSV: " + e.getMessage());
        }
    }

    /** Collects consecutive rows of one (asset, time) into a reading. */
    private final class Grouper {
        private final Header header;
        private final int assetAt;
        private final int timeAt;
        private final int channelAt;
        private final int valueAt;
        private final int n = channels.size();
        private final double[] values = new double[n];
        private final long[] lineOf = new long[n];
        private final AssetOrder order;
        private String asset;
        private String timeText;
        private long time;
        private long groupLine;
        private boolean open;

        Grouper(Header header, ReadingSink sink) {
            this.header = header;
            assetAt = header.index(columns.asset(), "asset");
            timeAt = header.index(columns.time(), "time");
            channelAt = header.index(columns.channel(), "channel");
            valueAt = header.index(columns.value(), "value");
            order = new AssetOrder(name, axis, n, timeAt + 1, policy, sink);
        }

        void run(Iterator<CsvRow> rows) {
            int next = 0;
            while (rows.hasNext()) {
                CsvRow row = rows.next();
                header.checkWidth(row);
                int c = indexOf(row, channelAt, channels, next);
                if (c < 0) {
                    if (row.isBlank(channelAt)) {
                        Cells.text(row, channelAt, "a channel name", name);
                    }
                    continue;
                }
                next = c + 1 == n ? 0 : c + 1;
                boolean sameAsset = asset != null && row.is(assetAt, asset);
                if (!sameAsset) {
                    flush();
                    asset = Cells.text(row, assetAt, "an asset id", name);
                    start(row);
                } else if (!row.is(timeAt, timeText)) {
                    String text = row.text(timeAt);
                    long t = Cells.time(axis, text, name, row.line(), timeAt + 1);
                    if (t != time) {
                        flush();
                        start(row, text, t);
                    }
                }
                put(row, c);
            }
            flush();
            order.finish();
        }

        private void start(CsvRow row) {
            String text = row.text(timeAt);
            start(row, text, Cells.time(axis, text, name, row.line(), timeAt + 1));
        }

        private void start(CsvRow row, String text, long t) {
            timeText = text;
            time = t;
            groupLine = row.line();
            Arrays.fill(values, Double.NaN);
            Arrays.fill(lineOf, 0);
            open = true;
        }

        private void put(CsvRow row, int c) {
            if (lineOf[c] != 0) {
                switch (policy.duplicates()) {
                    case FAIL -> throw new InvalidTelemetryException(name, row.line(), channelAt + 1, "channel '"
                            + channels.get(c) + "' of asset '" + asset + "' at " + axis.format(time)
                            + " was already read at line " + lineOf[c] + " (ReadPolicy.Duplicates.KEEP_FIRST or KEEP_LAST keeps one)");
                    case KEEP_FIRST -> {
                        return;
                    }
                    case KEEP_LAST -> {
                        // fall through to overwrite
                    }
                }
            }
            values[c] = Cells.value(row, valueAt, channels.get(c), policy.missingValues(), name);
            lineOf[c] = row.line();
        }

        private void flush() {
            if (!open) {
                return;
            }
            open = false;
            if (policy.missingValues() == ReadPolicy.MissingValues.FAIL) {
                for (int c = 0; c < n; c++) {
                    if (lineOf[c] == 0) {
                        throw new InvalidTelemetryException(name, groupLine, channelAt + 1, "reading of asset '" + asset
                                + "' at " + axis.format(time) + " has no row for channel '" + channels.get(c)
                                + "' (missing values are not allowed by ReadPolicy.MissingValues.FAIL)");
                    }
                }
            }
            order.offer(asset, time, values, groupLine);
        }
    }

    @Override
    public String toString() {
        return "LongCsvSource[" + file + ", " + channels.size() + " channels]";
    }
}
