package org.prognos.spark;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.CoGroupFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.labels.Labeler;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.spec.SpecJson;
import org.prognos.features.telemetry.AssetAttributes;
import org.prognos.spark.partition.AssetFeatures;
import org.prognos.spark.partition.AssetScans;
import org.prognos.spark.partition.RowScores;
import org.prognos.spark.partition.FleetColumns;
import org.prognos.spark.partition.LabelRule;
import org.prognos.spark.partition.TimeTicks;

/**
 * The feature table of a fleet, computed by Spark with the features library: readings and events are grouped by
 * asset (one shuffle), sorted by time within each asset's group, and each group runs through the library's batch
 * extraction ({@link AssetFeatures}). The result has the columns {@code asset}, {@code time} (ticks on the spec's
 * axis: microseconds since the epoch for timestamps) and one double per feature, named as {@code prognos features}
 * names them.
 *
 * <p>Inputs are normalized first ({@link #readings}, {@link #events}): time cells written as text are parsed by the
 * spec's own time axis, timestamps become microseconds, numbers become ticks, and channel values become doubles
 * (a missing value is {@code NaN}, as on one machine).
 */
public final class FleetFeatures {
    private final FeatureSpec spec;
    private final String specJson;
    private final FeatureExtractor extractor;

    /**
     * @param spec a fitted feature spec
     * @throws InvalidSpecException when the spec declares a normalization not yet fitted
     */
    public FleetFeatures(FeatureSpec spec) {
        this.extractor = new FeatureExtractor(spec);
        this.spec = spec;
        this.specJson = SpecJson.write(spec);
    }

    /** The spec this job runs. */
    public FeatureSpec spec() {
        return spec;
    }

    /** The feature columns, in the order the table holds them after {@code asset} and {@code time}. */
    public List<String> columns() {
        return extractor.columns();
    }

    /**
     * Telemetry in {@link FleetColumns#readings} layout: {@code assetColumn} as text, {@code timeColumn} as ticks and
     * the spec's channels as doubles, in the spec's order; other columns are dropped.
     *
     * @throws InvalidSpecException when the data lacks a channel the spec reads
     */
    public Dataset<Row> readings(Dataset<Row> telemetry, String assetColumn, String timeColumn) {
        List<String> have = List.of(telemetry.columns());
        List<Column> cols = new ArrayList<>();
        cols.add(col(assetColumn).cast(DataTypes.StringType).as(FleetColumns.ASSET));
        cols.add(ticks(telemetry, timeColumn).as(FleetColumns.TIME));
        for (String c : extractor.channels()) {
            if (!have.contains(c)) {
                throw new InvalidSpecException("the spec reads channel '" + c + "' but the telemetry has only " + have);
            }
            cols.add(col(c).cast(DataTypes.DoubleType).as(c));
        }
        return telemetry.select(cols.toArray(Column[]::new));
    }

    /**
     * Events in {@link FleetColumns#events} layout from a table with the columns {@code asset}, {@code time},
     * {@code kind} (failure, maintenance or alarm) and {@code code}.
     */
    public Dataset<Row> events(Dataset<Row> events) {
        return events.select(col(FleetColumns.ASSET).cast(DataTypes.StringType).as(FleetColumns.ASSET),
                ticks(events, FleetColumns.TIME).as(FleetColumns.TIME),
                functions.lower(col(FleetColumns.KIND)).as(FleetColumns.KIND),
                col(FleetColumns.CODE).cast(DataTypes.StringType).as(FleetColumns.CODE));
    }

    /** No events: for telemetry-only specs. */
    public Dataset<Row> noEvents(Dataset<Row> readings) {
        return readings.sparkSession().createDataFrame(List.of(), FleetColumns.events());
    }

    /**
     * The feature table of {@code readings} and {@code events} (both normalized) with each asset's static
     * {@code attributes}; rows of one asset are in time order, assets in no particular order.
     */
    public Dataset<Row> extract(Dataset<Row> readings, Dataset<Row> events, AssetAttributes attributes) {
        return perAsset(readings, events, new AssetFeatures(specJson, attributes),
                FleetColumns.features(extractor.columns()));
    }

    /**
     * A training set for the training job: the feature table with a {@code label} column last, labelled by
     * {@code labeler} (the training job's, or {@code prognos features --labels}') from each asset's failures and its last
     * reading; censored rows are dropped, as on one machine.
     */
    public Dataset<Row> labelled(Dataset<Row> readings, Dataset<Row> events, AssetAttributes attributes,
                                 Labeler labeler) {
        return perAsset(readings, events, AssetFeatures.labelled(specJson, attributes, LabelRule.of(labeler)),
                FleetColumns.trainingSet(extractor.columns()));
    }

    /**
     * The at-risk report's input: one {@code prognos-scan/1} JSON line per asset with readings (column
     * {@value AssetScans#COLUMN}), each asset scanned at its latest reading by the features library's {@code FleetScan},
     * as {@code prognos report} scans a dataset; {@code prognos report --scans} reads the lines back. The spec must be
     * the model's own (a bundle's {@link FleetScores#features()}): the lines name its hash and the report checks it.
     */
    public Dataset<Row> scans(Dataset<Row> readings, Dataset<Row> events, AssetAttributes attributes) {
        return perAsset(readings, events, new AssetScans(specJson, attributes), AssetScans.schema());
    }

    /**
     * As {@link #scans}, each line also carrying its asset's adaptive score under {@code adaptive}'s model (an anomaly
     * model scored adaptively, of this spec): what {@code prognos report --scans} needs for such a model.
     */
    Dataset<Row> scans(Dataset<Row> readings, Dataset<Row> events, AssetAttributes attributes, RowScores adaptive) {
        return perAsset(readings, events, AssetScans.adaptive(specJson, attributes, adaptive), AssetScans.schema());
    }

    private static Dataset<Row> perAsset(Dataset<Row> readings, Dataset<Row> events,
                                         CoGroupFunction<String, Row, Row, Row> rows,
                                         StructType schema) {
        MapFunction<Row, String> asset = r -> r.getString(0);
        var byAsset = readings.groupByKey(asset, Encoders.STRING());
        var eventsByAsset = events.groupByKey(asset, Encoders.STRING());
        // same-time events in a fixed order: the library applies them in the order given
        return byAsset.cogroupSorted(eventsByAsset,
                new Column[] {col(FleetColumns.TIME)},
                new Column[] {col(FleetColumns.TIME), col(FleetColumns.KIND), col(FleetColumns.CODE)},
                rows, Encoders.row(schema));
    }

    /**
     * Static attributes from a small table with one row per asset: {@code assetColumn} and one column per attribute,
     * collected to the driver (they travel with the partition function).
     */
    public static AssetAttributes attributes(Dataset<Row> table, String assetColumn) {
        String[] names = table.columns();
        Map<String, Map<String, String>> by = new HashMap<>();
        for (Row r : table.collectAsList()) {
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < names.length; i++) {
                if (!names[i].equals(assetColumn) && !r.isNullAt(i)) {
                    m.put(names[i], String.valueOf(r.get(i)));
                }
            }
            Object asset = r.get(r.fieldIndex(assetColumn));
            by.put(asset.toString(), m);
        }
        return new AssetAttributes(by);
    }

    private Column ticks(Dataset<Row> table, String timeColumn) {
        DataType type = table.schema().apply(timeColumn).dataType();
        if (type.equals(DataTypes.StringType)) {
            UserDefinedFunction parse = functions.udf(new TimeTicks(specJson), DataTypes.LongType);
            return parse.apply(col(timeColumn));
        }
        if (type.equals(DataTypes.TimestampType)) {
            return functions.unix_micros(col(timeColumn));
        }
        if (type instanceof NumericType) {
            return col(timeColumn).cast(DataTypes.LongType);
        }
        throw new InvalidSpecException("time column '" + timeColumn + "' is of type " + type.simpleString()
                + "; expected text, a timestamp (with time zone) or a number");
    }
}
