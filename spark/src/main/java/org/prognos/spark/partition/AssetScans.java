package org.prognos.spark.partition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.CoGroupFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.TaskCompletionListener;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.scan.AssetScan;
import org.prognos.features.scan.FleetScan;
import org.prognos.features.scan.ScanJson;
import org.prognos.features.spec.SpecJson;
import org.prognos.features.telemetry.AssetAttributes;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.EventLog;
import org.prognos.models.batch.AdaptiveScans;
import org.prognos.models.batch.DatasetScorer;

/**
 * The at-risk report's input for one asset: its time-sorted readings and events (a Spark co-group) run through the
 * features library's {@link FleetScan}, the class {@code prognos report} scans a dataset with, on one thread, and
 * written as one {@link ScanJson} line (column {@value #COLUMN}). An asset without readings gives no line. For an
 * anomaly model scored adaptively ({@link #adaptive}) the line also carries the asset's adaptive score.
 */
public final class AssetScans implements CoGroupFunction<String, Row, Row, Row> {
    private static final long serialVersionUID = 1L;
    /** The one text column of the output. */
    public static final String COLUMN = "value";

    private final String specJson;
    private final HashMap<String, Map<String, String>> attributes;
    private final RowScores adaptive;
    private transient FeatureExtractor extractor;
    private transient DatasetScorer model;

    /**
     * @param specJson   a fitted feature spec, as {@link SpecJson#write} writes it (the model bundle's own)
     * @param attributes static attributes per asset (small: they travel with the function)
     */
    public AssetScans(String specJson, AssetAttributes attributes) {
        this(specJson, attributes, null);
    }

    /**
     * As {@link #AssetScans(String, AssetAttributes)}, each scan also carrying its asset's adaptive score under
     * {@code model}'s bundle (an anomaly model scored adaptively, of this spec): one {@link AdaptiveScans} fed the
     * asset's rows in the scan's own pass, the class {@code prognos report --data} scores them with. The bundle is
     * loaded once per task, from the registry every executor reads, and closed when the task completes.
     */
    public static AssetScans adaptive(String specJson, AssetAttributes attributes, RowScores model) {
        return new AssetScans(specJson, attributes, java.util.Objects.requireNonNull(model, "model"));
    }

    private AssetScans(String specJson, AssetAttributes attributes, RowScores adaptive) {
        this.specJson = specJson;
        this.adaptive = adaptive;
        this.attributes = new HashMap<>();
        attributes.byAsset().forEach((a, m) -> this.attributes.put(a, new HashMap<>(m)));
    }

    /** The layout of the output: one text column of JSON lines. */
    public static StructType schema() {
        return new StructType().add(COLUMN, DataTypes.StringType, false);
    }

    @Override
    public Iterator<Row> call(String asset, Iterator<Row> readings, Iterator<Row> events) {
        FeatureExtractor ex = extractor();
        Map<String, String> own = attributes.getOrDefault(asset, Map.of());
        Dataset one = new Dataset(new AssetStream(asset, ex.axis(), ex.channels(), readings),
                new EventLog(AssetFeatures.events(asset, events)),
                new AssetAttributes(own.isEmpty() ? Map.of() : Map.of(asset, own)));
        List<AssetScan> scans;
        try {
            if (adaptive == null) {
                scans = FleetScan.run(ex, one, OptionalLong.empty(), 1, n -> { });
            } else {
                DatasetScorer m = model();
                AdaptiveScans scores = new AdaptiveScans(m.adaptiveAnomaly().orElseThrow(() -> new IllegalStateException(
                        m.model() + " is not scored adaptively")), FleetScan.bucket(ex.axis()));
                scans = FleetScan.run(ex, one, OptionalLong.empty(), 1, n -> { }, scores).stream()
                        .map(s -> s.withStream(scores.carried(s, m.model()))).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Row> out = new ArrayList<>(1);
        for (AssetScan s : scans) {
            out.add(RowFactory.create(ScanJson.write(s, ex.spec().hash())));
        }
        return out.iterator();
    }

    /**
     * The bundle, loaded at the task's first asset and closed when the task completes (a Spark task completion
     * listener): the co-group calls this function once per asset of the task, so the task's end is the partition's.
     * Called outside a Spark task (no {@link TaskContext}) it is held until this function is collected.
     */
    private DatasetScorer model() {
        if (model == null) {
            DatasetScorer loaded = adaptive.load();
            model = loaded;
            TaskContext task = TaskContext.get();
            if (task != null) {
                task.addTaskCompletionListener((TaskCompletionListener) done -> release(loaded));
            }
        }
        return model;
    }

    /** Closes {@code loaded}; a later asset on this function (not expected: a task deserializes its own) loads anew. */
    private void release(DatasetScorer loaded) {
        if (model == loaded) {
            model = null;
        }
        loaded.close();
    }

    private FeatureExtractor extractor() {
        if (extractor == null) {
            extractor = new FeatureExtractor(SpecJson.parse(specJson, "the job's feature spec"));
        }
        return extractor;
    }
}
