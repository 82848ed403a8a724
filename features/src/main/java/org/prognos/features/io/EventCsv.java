package org.prognos.features.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.EventLog;
import org.prognos.features.telemetry.TimeAxis;

/**
 * An event log in CSV: one event per row with a time, an asset and a code column (other columns are
 * ignored), all read as one {@link EventKind}. Azure's {@code PdM_failures.csv} is
 * {@code new EventCsv("datetime", "machineID", "failure", EventKind.FAILURE)}. Same file conventions as the
 * telemetry readers: {@code .gz}, {@code #} comments, byte-order mark, quoted headers and values.
 *
 * @param timeColumn  the time column, parsed on the dataset's {@link TimeAxis}
 * @param assetColumn the asset id column
 * @param codeColumn  the component or alarm code column
 * @param kind        the kind of every event of the file
 */
public record EventCsv(String timeColumn, String assetColumn, String codeColumn, EventKind kind) {
    public EventCsv {
        WideCsvSource.requireName(timeColumn, "time");
        WideCsvSource.requireName(assetColumn, "asset");
        WideCsvSource.requireName(codeColumn, "code");
        Objects.requireNonNull(kind, "kind");
    }

    /** Every event of {@code file}, in file order. */
    public List<Event> read(Path file, TimeAxis axis) throws IOException {
        return readAll(file, Objects.requireNonNull(axis, "axis"), null, ReadPolicy.UnknownAssets.IGNORE);
    }

    /**
     * The events of {@code file} whose asset is in {@code knownAssets} (the assets of the telemetry or of the
     * attributes); the others are dropped or fail the read as {@code policy} says.
     */
    public List<Event> read(Path file, TimeAxis axis, Set<String> knownAssets, ReadPolicy.UnknownAssets policy)
            throws IOException {
        Objects.requireNonNull(axis, "axis");
        Objects.requireNonNull(policy, "policy");
        return readAll(file, axis, Objects.requireNonNull(knownAssets, "knownAssets"), policy);
    }

    /** {@link #read(Path, TimeAxis, Set, ReadPolicy.UnknownAssets)} as an {@link EventLog}. */
    public EventLog readLog(Path file, TimeAxis axis, Set<String> knownAssets, ReadPolicy.UnknownAssets policy)
            throws IOException {
        return new EventLog(read(file, axis, knownAssets, policy));
    }

    /** {@code known} is null when every asset is accepted. */
    private List<Event> readAll(Path file, TimeAxis axis, Set<String> known, ReadPolicy.UnknownAssets policy)
            throws IOException {
        String name = TextInput.name(file);
        List<Event> events = new ArrayList<>();
        try (CsvReader<CsvRow> reader = CsvRows.open(file)) {
            Iterator<CsvRow> rows = reader.iterator();
            Header header = Header.read(rows, name);
            int t = header.index(timeColumn, "time");
            int a = header.index(assetColumn, "asset");
            int c = header.index(codeColumn, "code");
            String kindName = kind.name().toLowerCase(Locale.ROOT);
            String codeWhat = (kind == EventKind.ALARM ? "an " : "a ") + kindName + " code";
            String asset = null;
            while (rows.hasNext()) {
                CsvRow row = rows.next();
                header.checkWidth(row);
                if (asset == null || !row.is(a, asset)) {
                    asset = Cells.text(row, a, "an asset id", name);
                }
                long time = Cells.time(axis, row.text(t), name, row.line(), t + 1);
                String code = Cells.text(row, c, codeWhat, name);
                if (known != null && !known.contains(asset)) {
                    if (policy == ReadPolicy.UnknownAssets.FAIL) {
                        throw new InvalidTelemetryException(name, row.line(), a + 1, "event of unknown asset '" + asset
                                + "': it has no telemetry or attributes (" + known.size()
                                + " known assets; ReadPolicy.UnknownAssets.IGNORE drops such events)");
                    }
                    continue;
                }
                events.add(new Event(asset, time, kind, code));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (CsvParseException e) {
            throw new InvalidTelemetryException(name, 0, 0, "malformed CSV: " + e.getMessage());
        }
        return events;
    }
}
