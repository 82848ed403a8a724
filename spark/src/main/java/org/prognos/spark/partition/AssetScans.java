package org.prognos.spark.partition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.spark.api.java.function.CoGroupFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.scan.AssetScan;
import org.prognos.features.scan.FleetScan;
import org.prognos.features.scan.ScanJson;
import org.prognos.features.spec.SpecJson;
import org.prognos.features.telemetry.AssetAttributes;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.EventLog;

/**
 * The at-risk report's input for one asset: its time-sorted readings and events (a Spark co-group) run through the
 * features library's {@link FleetScan}, the class {@code prognos report} scans a dataset with, on one thread, and
 * written as one {@link ScanJson} line (column {@value #COLUMN}). An asset without readings gives no line.
 */
public final class AssetScans implements CoGroupFunction<String, Row, Row, Row> {
    private static final long serialVersionUID = 1L;
    /** The one text column of the output. */
    public static final String COLUMN = "value";

    private final String specJson;
    private final HashMap<String, Map<String, String>> attributes;
    private transient FeatureExtractor extractor;

    /**
     * @param specJson   a fitted feature spec, as {@link SpecJson#write} writes it (the model bundle's own)
     * @param attributes static attributes per asset (small: they travel with the function)
     */
    public AssetScans(String specJson, AssetAttributes attributes) {
        this.specJson = specJson;
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
            scans = FleetScan.run(ex, one, OptionalLong.empty(), 1, n -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Row> out = new ArrayList<>(1);
        for (AssetScan s : scans) {
            out.add(RowFactory.create(ScanJson.write(s, ex.spec().hash())));
        }
        return out.iterator();
    }

    private FeatureExtractor extractor() {
        if (extractor == null) {
            extractor = new FeatureExtractor(SpecJson.parse(specJson, "the job's feature spec"));
        }
        return extractor;
    }
}
