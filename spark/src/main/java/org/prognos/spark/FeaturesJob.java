package org.prognos.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.prognos.features.spec.SpecJson;
import org.prognos.features.telemetry.AssetAttributes;

/**
 * {@code spark-submit --class org.prognos.spark.FeaturesJob}: the feature table of a fleet, written as Parquet.
 *
 * <pre>
 * --spec FILE             fitted feature spec (JSON), read on the driver
 * --telemetry PATH        wide telemetry: one row per reading, the asset, the time and one column per channel
 * --asset-column NAME     the telemetry's asset column (default asset)
 * --time-column NAME      the telemetry's time column (default time)
 * --events PATH           optional events: columns asset, time, kind (failure|maintenance|alarm), code
 * --attributes PATH       optional static attributes: the asset column and one column per attribute
 * --format csv|parquet    how the inputs are stored (default: parquet, csv when PATH ends in .csv or .csv.gz)
 * --out PATH              where the feature table goes (Parquet, overwritten)
 * </pre>
 * A PATH may be a file or a directory of files, partitioned or not, on any file system Spark reads.
 */
public final class FeaturesJob {
    private FeaturesJob() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> a = options(args);
        try (SparkSession spark = SparkSession.builder().appName("prognos-features").getOrCreate()) {
            FleetFeatures job = new FleetFeatures(SpecJson.read(Path.of(required(a, "spec"))));
            features(spark, job, a).write().mode(SaveMode.Overwrite).parquet(required(a, "out"));
        }
    }

    /** The feature table of the inputs the options name ({@code --telemetry}, {@code --events}, ...). */
    static Dataset<Row> features(SparkSession spark, FleetFeatures job, Map<String, String> a) {
        String assetColumn = a.getOrDefault("asset-column", "asset");
        Dataset<Row> readings = job.readings(read(spark, required(a, "telemetry"), a.get("format")), assetColumn,
                a.getOrDefault("time-column", "time"));
        Dataset<Row> events = a.containsKey("events") ? job.events(read(spark, a.get("events"), a.get("format")))
                : job.noEvents(readings);
        AssetAttributes attributes = a.containsKey("attributes")
                ? FleetFeatures.attributes(read(spark, a.get("attributes"), a.get("format")), assetColumn)
                : AssetAttributes.none();
        return job.extract(readings, events, attributes);
    }

    /** A CSV (header row, every cell as text) or Parquet table. */
    static Dataset<Row> read(SparkSession spark, String path, String format) {
        boolean csv = format == null ? path.endsWith(".csv") || path.endsWith(".csv.gz") : format.equals("csv");
        DataFrameReader r = spark.read();
        return csv ? r.option("header", "true").csv(path) : r.parquet(path);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("expected --name value pairs, found '" + args[i] + "'");
            }
            m.put(args[i].substring(2), args[++i]);
        }
        return m;
    }

    static String required(Map<String, String> a, String name) {
        String v = a.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }
}
