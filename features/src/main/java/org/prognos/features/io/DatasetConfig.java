package org.prognos.features.io;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import org.prognos.FileProblems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.spec.JsonErrors;
import org.prognos.features.spec.TimeConfig;
import org.prognos.features.telemetry.AssetAttributes;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.EventLog;
import org.prognos.features.telemetry.TelemetrySource;
import org.prognos.features.telemetry.TimeAxis;

/**
 * A fleet's files described in JSON ({@code dataset.json}), so data in any layout can be read without code:
 * <pre>{@code
 * {
 *   "description": "hourly telemetry of our CMTS fleet",
 *   "time": {"axis": "timestamps", "zone": "UTC"},
 *   "telemetry": {"path": "telemetry.csv.gz", "format": "wide", "asset": "asset", "time": "time",
 *                 "channels": ["temperature", "snr_db"]},
 *   "events": [{"path": "failures.csv", "kind": "failure", "time": "time", "asset": "asset", "code": "code"}],
 *   "attributes": {"path": "assets.csv", "asset": "asset"},
 *   "policy": {"missingValues": "KEEP_NAN", "duplicates": "KEEP_FIRST", "outOfOrder": "FAIL", "unknownAssets": "IGNORE"}
 * }
 * }</pre>
 * Telemetry formats: {@code wide} (a column per channel; {@code channels} optional, default every other
 * column), {@code long} (columns {@code channel} and {@code value} name the channel and value columns),
 * {@code cmapss} (the C-MAPSS text format). Paths are relative to the descriptor's directory.
 *
 * <p>{@code "layout": "tabular"} describes instead a table with one row per unit and no time axis, read by
 * {@link TabularSource}: {@code {"layout": "tabular", "table": {"path": "units.csv", "id": "unit", "label": "failed"}}}.
 * Every field, its default and complete examples: the module's README, section "Describing your data".
 *
 * @param description free text (synthetic data says so here)
 * @param layout     {@code series} (default) or {@code tabular}
 * @param time       the time axis of every file (a table: cycles)
 * @param telemetry  the telemetry file
 * @param events     event logs, each read as one kind
 * @param attributes optional asset attributes
 * @param table      the table of a tabular layout
 * @param policy     optional read policies (defaults as {@link ReadPolicy#defaults()})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetConfig(String description, String layout, TimeConfig time, Telemetry telemetry, List<EventFile> events,
                            Attributes attributes, Table table, ReadPolicy policy) {
    /** The default layout: telemetry over time, with event logs and attributes. */
    public static final String SERIES = "series";

    /** One row per unit and no time axis ({@link TabularSource}). */
    public static final String TABULAR = "tabular";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    @JsonCreator
    public DatasetConfig(@JsonProperty("description") String description, @JsonProperty("layout") String layout,
                         @JsonProperty("time") TimeConfig time, @JsonProperty("telemetry") Telemetry telemetry,
                         @JsonProperty("events") List<EventFile> events, @JsonProperty("attributes") Attributes attributes,
                         @JsonProperty("table") Table table, @JsonProperty("policy") ReadPolicy policy) {
        String l = layout == null ? SERIES : layout.trim().toLowerCase(Locale.ROOT);
        if (l.equals(TABULAR)) {
            requireTabular(time, telemetry, events, attributes, table);
        } else if (l.equals(SERIES)) {
            requireSeries(time, telemetry, table);
        } else {
            throw new InvalidSpecException("'layout' must be series or tabular, found '" + layout + "'");
        }
        this.description = description;
        this.layout = l;
        this.time = time == null ? TimeConfig.cycles() : time;
        this.telemetry = telemetry;
        this.events = events == null ? List.of() : List.copyOf(events);
        this.attributes = attributes;
        this.table = table;
        this.policy = policy == null ? ReadPolicy.defaults() : policy;
    }

    /** A descriptor of telemetry over time ({@code layout} {@code series}, the default). */
    public DatasetConfig(String description, TimeConfig time, Telemetry telemetry, List<EventFile> events,
                         Attributes attributes, ReadPolicy policy) {
        this(description, null, time, telemetry, events, attributes, null, policy);
    }

    private static void requireSeries(TimeConfig time, Telemetry telemetry, Table table) {
        if (table != null) {
            throw new InvalidSpecException("a 'table' needs \"layout\": \"tabular\"" + (telemetry != null
                    ? "; this descriptor also has 'telemetry', which belongs to \"layout\": \"series\"" : ""));
        }
        if (time == null) {
            throw new InvalidSpecException("'time' is required, e.g. {\"axis\": \"timestamps\", \"zone\": \"UTC\"}");
        }
        if (telemetry == null) {
            throw new InvalidSpecException("'telemetry' is required");
        }
    }

    private static void requireTabular(TimeConfig time, Telemetry telemetry, List<EventFile> events, Attributes attributes,
                                       Table table) {
        if (table == null) {
            throw new InvalidSpecException("\"layout\": \"tabular\" needs 'table', e.g. {\"path\": \"units.csv\","
                    + " \"id\": \"unit\", \"label\": \"failed\"}");
        }
        if (telemetry != null || (events != null && !events.isEmpty()) || attributes != null) {
            throw new InvalidSpecException("a tabular descriptor reads everything from 'table': 'telemetry', 'events'"
                    + " and 'attributes' belong to \"layout\": \"series\"");
        }
        if (time != null && !(time.toAxis() instanceof TimeAxis.Cycles)) {
            throw new InvalidSpecException("a table has no time axis: each row is one reading at cycle "
                    + TabularSource.READING_CYCLE + "; leave 'time' out or make it {\"axis\": \"cycles\"}");
        }
    }

    /** The telemetry file and its columns. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Telemetry(String path, String format, String asset, String time, List<String> channels,
                            String channel, String value) {
        @JsonCreator
        public Telemetry(@JsonProperty("path") String path, @JsonProperty("format") String format,
                         @JsonProperty("asset") String asset, @JsonProperty("time") String time,
                         @JsonProperty("channels") List<String> channels, @JsonProperty("channel") String channel,
                         @JsonProperty("value") String value) {
            if (path == null) {
                throw new InvalidSpecException("'telemetry.path' is required");
            }
            String f = format == null ? "wide" : format.toLowerCase(Locale.ROOT);
            if (!List.of("wide", "long", "cmapss").contains(f)) {
                throw new InvalidSpecException("'telemetry.format' must be wide, long or cmapss, found '" + format + "'");
            }
            this.path = path;
            this.format = f;
            this.asset = asset == null ? "asset" : asset;
            this.time = time == null ? "time" : time;
            this.channels = channels == null ? List.of() : List.copyOf(channels);
            this.channel = channel == null ? "channel" : channel;
            this.value = value == null ? "value" : value;
        }
    }

    /** One event log. */
    public record EventFile(String path, String kind, String time, String asset, String code) {
        @JsonCreator
        public EventFile(@JsonProperty("path") String path, @JsonProperty("kind") String kind,
                         @JsonProperty("time") String time, @JsonProperty("asset") String asset,
                         @JsonProperty("code") String code) {
            if (path == null || kind == null) {
                throw new InvalidSpecException("each of 'events' needs 'path' and 'kind' (failure, maintenance or alarm)");
            }
            this.path = path;
            this.kind = kind;
            this.time = time == null ? "time" : time;
            this.asset = asset == null ? "asset" : asset;
            this.code = code == null ? "code" : code;
        }

        EventKind eventKind() {
            try {
                return EventKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException("event 'kind' must be failure, maintenance or alarm, found '" + kind + "'");
            }
        }
    }

    /** Asset attributes: one row per asset. */
    public record Attributes(String path, String asset) {
        @JsonCreator
        public Attributes(@JsonProperty("path") String path, @JsonProperty("asset") String asset) {
            if (path == null) {
                throw new InvalidSpecException("'attributes.path' is required");
            }
            this.path = path;
            this.asset = asset == null ? "asset" : asset;
        }
    }

    /**
     * A table with one row per unit and no time ({@link TabularSource}).
     *
     * @param path         the CSV file
     * @param id           the unit id column (default {@code id})
     * @param features     numeric input columns; absent: every column not named below
     * @param attributes   text columns kept as attributes, e.g. a product variant for an {@code attribute} feature
     * @param label        the 0/1 failure column (events coded {@code failure})
     * @param failureModes 0/1 columns, one per failure mode (events coded with the column name); instead of a label
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Table(String path, String id, List<String> features, List<String> attributes, String label,
                        List<String> failureModes) {
        @JsonCreator
        public Table(@JsonProperty("path") String path, @JsonProperty("id") String id,
                     @JsonProperty("features") List<String> features, @JsonProperty("attributes") List<String> attributes,
                     @JsonProperty("label") String label, @JsonProperty("failureModes") List<String> failureModes) {
            if (path == null) {
                throw new InvalidSpecException("'table.path' is required");
            }
            this.path = path;
            this.id = id == null ? "id" : id;
            this.features = features == null ? List.of() : List.copyOf(features);
            this.attributes = attributes == null ? List.of() : List.copyOf(attributes);
            this.label = label;
            this.failureModes = failureModes == null ? List.of() : List.copyOf(failureModes);
        }

        TabularSource.Columns columns() {
            return new TabularSource.Columns(id, features, attributes, label, failureModes);
        }
    }

    /** Reads a descriptor file. */
    public static DatasetConfig read(Path file) {
        try {
            return MAPPER.readValue(file.toFile(), DatasetConfig.class);
        } catch (JsonMappingException e) {
            throw new InvalidSpecException(file + ": " + JsonErrors.describe(e), e);
        } catch (IOException e) {
            throw new InvalidSpecException(FileProblems.cannotRead("dataset descriptor", file, e), e);
        }
    }

    /** Writes this descriptor as JSON. */
    public void write(Path file) throws IOException {
        Files.writeString(file, MAPPER.writeValueAsString(this) + "\n");
    }

    /** Opens the dataset; {@code base} is the directory relative paths start from. */
    public Dataset open(Path base) throws IOException {
        if (layout.equals(TABULAR)) {
            return TabularSource.open(TextInput.find(base, table.path()), table.columns(), policy);
        }
        TimeAxis axis = time.toAxis();
        Path tel = TextInput.find(base, telemetry.path());
        TelemetrySource source = switch (telemetry.format()) {
            case "wide" -> WideCsvSource.open(tel, axis, telemetry.channels().isEmpty()
                    ? WideCsvSource.Columns.allChannels(telemetry.asset(), telemetry.time())
                    : new WideCsvSource.Columns(telemetry.asset(), telemetry.time(), telemetry.channels()), policy);
            case "long" -> LongCsvSource.open(tel, axis, telemetry.channels().isEmpty()
                    ? LongCsvSource.Columns.discover(telemetry.asset(), telemetry.time(), telemetry.channel(), telemetry.value())
                    : new LongCsvSource.Columns(telemetry.asset(), telemetry.time(), telemetry.channel(), telemetry.value(),
                            telemetry.channels()), policy);
            case "cmapss" -> new CmapssSource(tel, "", policy);
            default -> throw new IllegalStateException(telemetry.format());
        };
        AssetAttributes attrs = attributes == null ? AssetAttributes.none()
                : new AttributeCsv(attributes.asset()).read(TextInput.find(base, attributes.path()));
        Set<String> known = attributes == null ? null : new HashSet<>(attrs.assets());
        List<Event> events = new ArrayList<>();
        for (EventFile ef : this.events) {
            EventCsv reader = new EventCsv(ef.time(), ef.asset(), ef.code(), ef.eventKind());
            Path p = TextInput.find(base, ef.path());
            events.addAll(known == null ? reader.read(p, axis) : reader.read(p, axis, known, policy.unknownAssets()));
        }
        return new Dataset(source, new EventLog(events), attrs);
    }
}
