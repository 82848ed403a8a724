package org.prognos.spark.partition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.function.CoGroupFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.extract.BatchExtractor;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.labels.Labeler;
import org.prognos.features.spec.SpecJson;
import org.prognos.features.telemetry.AssetAttributes;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.EventLog;

/**
 * The feature rows of one asset: its time-sorted readings and events (a Spark co-group) run through the library's
 * {@link BatchExtractor} on one thread, the path {@code prognos features} takes, and come back as
 * {@link FleetColumns#features} rows in time order.
 */
public final class AssetFeatures implements CoGroupFunction<String, Row, Row, Row> {
    private static final long serialVersionUID = 1L;

    private final String specJson;
    private final HashMap<String, Map<String, String>> attributes;
    private final LabelRule labels;
    private transient FeatureExtractor extractor;
    private transient Labeler labeler;

    /**
     * @param specJson   a fitted feature spec, as {@link SpecJson#write} writes it
     * @param attributes static attributes per asset (small: they travel with the function)
     */
    public AssetFeatures(String specJson, AssetAttributes attributes) {
        this(specJson, attributes, null);
    }

    /**
     * A training set: the feature rows with a {@code label} column last, from {@code labels}' labeler over the
     * asset's failures and its last reading, as {@code prognos features --labels} and the training job label them;
     * censored rows (a {@code NaN} label) are dropped.
     */
    public static AssetFeatures labelled(String specJson, AssetAttributes attributes, LabelRule labels) {
        return new AssetFeatures(specJson, attributes, labels);
    }

    private AssetFeatures(String specJson, AssetAttributes attributes, LabelRule labels) {
        this.labels = labels;
        this.specJson = specJson;
        this.attributes = new HashMap<>();
        attributes.byAsset().forEach((a, m) -> this.attributes.put(a, new HashMap<>(m)));
    }

    @Override
    public Iterator<Row> call(String asset, Iterator<Row> readings, Iterator<Row> events) {
        FeatureExtractor ex = extractor();
        List<Event> log = events(asset, events);
        Map<String, String> own = attributes.getOrDefault(asset, Map.of());
        Dataset one = new Dataset(new AssetStream(asset, ex.axis(), ex.channels(), readings), new EventLog(log),
                new AssetAttributes(own.isEmpty() ? Map.of() : Map.of(asset, own)));
        List<Row> rows = new ArrayList<>();
        BatchExtractor.Summary summary;
        try {
            summary = new BatchExtractor(ex).run(one, (a, t, v) -> rows.add(row(a, t, v)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return labels == null ? rows.iterator() : labelled(asset, rows, one.events(), summary).iterator();
    }

    /** The rows with their labels appended, censored rows dropped. */
    private List<Row> labelled(String asset, List<Row> rows, EventLog events, BatchExtractor.Summary summary) {
        if (labeler == null) {
            labeler = labels.labeler();
        }
        long[] times = new long[rows.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = rows.get(i).getLong(FleetColumns.TIME_INDEX);
        }
        long observedUntil = summary.lastReadingTimes().getOrDefault(asset,
                times.length == 0 ? Long.MIN_VALUE : times[times.length - 1]);
        double[] y = labeler.label(times, events.of(asset, EventKind.FAILURE), observedUntil);
        List<Row> out = new ArrayList<>(rows.size());
        for (int i = 0; i < y.length; i++) {
            if (!Double.isNaN(y[i])) {
                Row r = rows.get(i);
                Object[] cells = new Object[r.size() + 1];
                for (int c = 0; c < r.size(); c++) {
                    cells[c] = r.get(c);
                }
                cells[r.size()] = y[i];
                out.add(RowFactory.create(cells));
            }
        }
        return out;
    }

    /** The asset's events, from {@link FleetColumns#events} rows in the order Spark sorted them. */
    static List<Event> events(String asset, Iterator<Row> rows) {
        List<Event> log = new ArrayList<>();
        rows.forEachRemaining(e -> log.add(new Event(asset, e.getLong(FleetColumns.TIME_INDEX),
                kind(asset, e.getString(2)), e.getString(3))));
        return log;
    }

    private static EventKind kind(String asset, String text) {
        for (EventKind k : EventKind.values()) {
            if (k.name().toLowerCase(Locale.ROOT).equals(text)) {
                return k;
            }
        }
        throw new InvalidTelemetryException("an event of asset " + asset + " has kind '" + text
                + "'; expected failure, maintenance or alarm");
    }

    private FeatureExtractor extractor() {
        if (extractor == null) {
            extractor = new FeatureExtractor(SpecJson.parse(specJson, "the job's feature spec"));
        }
        return extractor;
    }

    private static Row row(String asset, long time, double[] values) {
        Object[] cells = new Object[values.length + 2];
        cells[0] = asset;
        cells[1] = time;
        for (int i = 0; i < values.length; i++) {
            cells[i + 2] = values[i];
        }
        return RowFactory.create(cells);
    }
}
