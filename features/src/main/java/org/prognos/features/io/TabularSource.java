package org.prognos.features.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.telemetry.AssetAttributes;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.EventLog;
import org.prognos.features.telemetry.ReadingSink;
import org.prognos.features.telemetry.TelemetrySource;
import org.prognos.features.telemetry.TimeAxis;

/**
 * A table with no time axis, one row per unit (AI4I 2020's layout: {@code UDI}, a few measurements, a failure flag
 * and failure-mode flags), read as a dataset without reshaping the file. Each row is one asset (its id column)
 * with one reading at cycle {@value #READING_CYCLE}: the feature columns are its channels, the text columns named
 * as attributes are its attributes, and the outcome is a {@code FAILURE} event at that same cycle: code
 * {@code failure} for a row whose label column is 1, or, with failure-mode columns, one event per mode column that
 * is 1, coded with the column's name. So a spec with a one-sample window and a failure-within-horizon task of one
 * cycle learns "does this row fail", with the time-based machinery unchanged and no time in sight.
 *
 * <p>Label and mode cells must read {@code 0} or {@code 1}; an id listed twice is an error (a unit is one row). A
 * missing feature cell follows {@link ReadPolicy.MissingValues} ({@code CARRY_FORWARD} has nothing to carry: the
 * value stays {@code NaN}). Like every source, the readings are streamed from the file on each {@link #forEach};
 * the events and attributes are read once, when the table is opened.
 */
public final class TabularSource implements TelemetrySource {
    /** The cycle every row's reading and outcome are placed at. */
    public static final long READING_CYCLE = 0;

    /** The event code of a row whose label column is 1. */
    public static final String LABEL_CODE = "failure";

    private final Path file;
    private final String name;
    private final String id;
    private final List<String> channels;
    private final ReadPolicy.MissingValues missing;

    /**
     * Which columns are what.
     *
     * @param id           the unit id column
     * @param features     numeric columns read as channels; empty: every column not named elsewhere here
     * @param attributes   text columns kept as asset attributes (e.g. a product variant)
     * @param label        the 0/1 failure column, or empty
     * @param failureModes 0/1 columns, one per failure mode (each a component of a per-component task); instead of a label
     */
    public record Columns(String id, List<String> features, List<String> attributes, String label, List<String> failureModes) {
        public Columns {
            WideCsvSource.requireName(id, "id");
            features = List.copyOf(features);
            attributes = List.copyOf(attributes);
            label = label == null ? "" : label;
            failureModes = List.copyOf(failureModes);
            if (!label.isEmpty() && !failureModes.isEmpty()) {
                throw new InvalidSpecException("a table has either a 'label' column or 'failureModes' columns, not both:"
                        + " a per-mode task reads the modes, a binary one the label");
            }
        }

        /** Every column named here except the features, in the order named. */
        List<String> nonFeatures() {
            List<String> out = new ArrayList<>(List.of(id));
            out.addAll(attributes);
            if (!label.isEmpty()) {
                out.add(label);
            }
            out.addAll(failureModes);
            return out;
        }
    }

    private TabularSource(Path file, String id, List<String> channels, ReadPolicy.MissingValues missing) {
        this.file = file;
        this.name = TextInput.name(file);
        this.id = id;
        this.channels = List.copyOf(channels);
        this.missing = missing;
    }

    /**
     * Reads the table's header, outcomes and attributes; the readings stay in the file.
     *
     * @throws InvalidTelemetryException naming the file, line and column of a bad cell or a missing column
     */
    public static Dataset open(Path file, Columns columns, ReadPolicy policy) throws IOException {
        String name = TextInput.name(file);
        List<Event> events = new ArrayList<>();
        Map<String, Map<String, String>> attributes = new LinkedHashMap<>();
        List<String> channels;
        try (CsvReader<CsvRow> reader = CsvRows.open(file)) {
            Iterator<CsvRow> rows = reader.iterator();
            Header header = Header.read(rows, name);
            Set<String> named = new LinkedHashSet<>();
            for (String c : columns.nonFeatures()) {
                header.index(c, "table");
                if (!named.add(c)) {
                    throw new InvalidSpecException(name + ": column '" + c + "' is named twice in the table's columns");
                }
            }
            channels = channels(header, columns, named);
            int idAt = header.index(columns.id(), "id");
            int labelAt = columns.label().isEmpty() ? -1 : header.index(columns.label(), "label");
            int[] modeAt = columns.failureModes().stream().mapToInt(m -> header.index(m, "failure mode")).toArray();
            int[] attributeAt = columns.attributes().stream().mapToInt(a -> header.index(a, "attribute")).toArray();
            Map<String, Long> lineOf = new HashMap<>();
            while (rows.hasNext()) {
                CsvRow row = rows.next();
                header.checkWidth(row);
                String unit = Cells.text(row, idAt, "a unit id", name);
                Long first = lineOf.putIfAbsent(unit, row.line());
                if (first != null) {
                    throw new InvalidTelemetryException(name, row.line(), idAt + 1,
                            "unit '" + unit + "' is listed twice (first at line " + first + "); a table has one row per unit");
                }
                if (labelAt >= 0 && flag(row, labelAt, columns.label(), name)) {
                    events.add(new Event(unit, READING_CYCLE, EventKind.FAILURE, LABEL_CODE));
                }
                for (int m = 0; m < modeAt.length; m++) {
                    if (flag(row, modeAt[m], columns.failureModes().get(m), name)) {
                        events.add(new Event(unit, READING_CYCLE, EventKind.FAILURE, columns.failureModes().get(m)));
                    }
                }
                Map<String, String> attrs = new LinkedHashMap<>();
                for (int a = 0; a < attributeAt.length; a++) {
                    if (!row.isMissing(attributeAt[a])) {
                        attrs.put(columns.attributes().get(a), row.trimmed(attributeAt[a]));
                    }
                }
                attributes.put(unit, attrs);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (CsvParseException e) {
            throw new InvalidTelemetryException(name, 0, 0, "malformed CSV: " + e.getMessage());
        }
        TabularSource source = new TabularSource(file, columns.id(), channels, policy.missingValues());
        return new Dataset(source, new EventLog(events), new AssetAttributes(attributes));
    }

    /** The configured feature columns (each checked, none also named as id, attribute, label or mode), or every other column. */
    private static List<String> channels(Header header, Columns columns, Set<String> named) {
        if (columns.features().isEmpty()) {
            return header.names().stream().filter(c -> !named.contains(c)).toList();
        }
        for (String f : columns.features()) {
            header.index(f, "feature");
            if (named.contains(f)) {
                throw new InvalidSpecException("column '" + f + "' is a feature and also the table's id, an attribute,"
                        + " the label or a failure mode; an outcome read as an input would leak the answer");
            }
        }
        return columns.features();
    }

    /** A 0/1 outcome cell. */
    private static boolean flag(CsvRow row, int at, String column, String source) {
        String text = row.trimmed(at);
        if (text.equals("1")) {
            return true;
        }
        if (text.equals("0")) {
            return false;
        }
        throw new InvalidTelemetryException(source, row.line(), at + 1,
                "expected 0 or 1 in outcome column '" + column + "', found " + Cells.describe(text));
    }

    @Override
    public String name() {
        return name;
    }

    /** Cycles: every row's reading is at cycle {@value #READING_CYCLE}. */
    @Override
    public TimeAxis axis() {
        return new TimeAxis.Cycles();
    }

    @Override
    public List<String> channels() {
        return channels;
    }

    @Override
    public void forEach(ReadingSink sink) throws IOException {
        ReadPolicy.MissingValues policy = missing == ReadPolicy.MissingValues.CARRY_FORWARD
                ? ReadPolicy.MissingValues.KEEP_NAN : missing;
        try (CsvReader<CsvRow> reader = CsvRows.open(file)) {
            Iterator<CsvRow> rows = reader.iterator();
            Header header = Header.read(rows, name);
            int idAt = header.index(id, "id");
            int n = channels.size();
            int[] at = new int[n];
            for (int c = 0; c < n; c++) {
                at[c] = header.index(channels.get(c), "feature");
            }
            double[] values = new double[n];
            while (rows.hasNext()) {
                CsvRow row = rows.next();
                header.checkWidth(row);
                String unit = Cells.text(row, idAt, "a unit id", name);
                for (int c = 0; c < n; c++) {
                    values[c] = Cells.value(row, at[c], channels.get(c), policy, name);
                }
                sink.reading(unit, READING_CYCLE, values);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (CsvParseException e) {
            throw new InvalidTelemetryException(name, 0, 0, "malformed CSV: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "TabularSource[" + file + ", " + channels.size() + " features]";
    }
}
