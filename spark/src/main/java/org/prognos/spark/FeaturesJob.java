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
import org.prognos.features.labels.Labeler;
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
 * --labels RULE           optional: write a training set instead, the feature table with a label column last and
 *                         censored rows dropped; RULE as for prognos features --labels: failure:HORIZON,
 *                         failure:HORIZON:comp1,comp2, rul or rul:CAP (HORIZON in the spec's time units, e.g. 24h)
 * --out PATH              where the feature table goes (Parquet, overwritten)
 * </pre>
 * A PATH may be a file or a directory of files, partitioned or not, on any file system Spark reads. The labels come
 * from {@link Labeler#parse}, the parser {@code prognos features --labels} uses, so one text labels alike on both.
 */
public final class FeaturesJob {
    private FeaturesJob() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> a = options(args);
        try (SparkSession spark = SparkSession.builder().appName("prognos-features").getOrCreate()) {
            FleetFeatures job = new FleetFeatures(SpecJson.read(Path.of(required(a, "spec"))));
            table(spark, job, a).write().mode(SaveMode.Overwrite).parquet(required(a, "out"));
        }
    }

    /** What {@code main} writes: the feature table, or with {@code --labels} the training set. */
    static Dataset<Row> table(SparkSession spark, FleetFeatures job, Map<String, String> a) {
        if (!a.containsKey("labels")) {
            return features(spark, job, a);
        }
        Labeler labeler = Labeler.parse(a.get("labels"), job.spec().time().toAxis());
        if (!a.containsKey("events")) {
            throw new IllegalArgumentException("--labels needs --events: the labels come from the assets' failures");
        }
        Inputs in = inputs(spark, job, a);
        return job.labelled(in.readings(), in.events(), in.attributes(), labeler);
    }

    /** The feature table of the inputs the options name ({@code --telemetry}, {@code --events}, ...). */
    static Dataset<Row> features(SparkSession spark, FleetFeatures job, Map<String, String> a) {
        Inputs in = inputs(spark, job, a);
        return job.extract(in.readings(), in.events(), in.attributes());
    }

    /** The at-risk report's input ({@link FleetFeatures#scans}) of the inputs the options name. */
    static Dataset<Row> scans(SparkSession spark, FleetFeatures job, Map<String, String> a) {
        Inputs in = inputs(spark, job, a);
        return job.scans(in.readings(), in.events(), in.attributes());
    }

    /** The at-risk report's input for a published model ({@link FleetScores#scans}) of the inputs the options name. */
    static Dataset<Row> scans(SparkSession spark, FleetScores job, Map<String, String> a) {
        Inputs in = inputs(spark, job.features(), a);
        return job.scans(in.readings(), in.events(), in.attributes());
    }

    /** The normalized inputs the options name. */
    private record Inputs(Dataset<Row> readings, Dataset<Row> events, AssetAttributes attributes) {
    }

    private static Inputs inputs(SparkSession spark, FleetFeatures job, Map<String, String> a) {
        String assetColumn = a.getOrDefault("asset-column", "asset");
        Dataset<Row> readings = job.readings(read(spark, required(a, "telemetry"), a.get("format")), assetColumn,
                a.getOrDefault("time-column", "time"));
        Dataset<Row> events = a.containsKey("events") ? job.events(read(spark, a.get("events"), a.get("format")))
                : job.noEvents(readings);
        AssetAttributes attributes = a.containsKey("attributes")
                ? FleetFeatures.attributes(read(spark, a.get("attributes"), a.get("format")), assetColumn)
                : AssetAttributes.none();
        return new Inputs(readings, events, attributes);
    }

    /**
     * A CSV (header row, every cell as text; lines starting with {@code #} skipped, as the library's readers skip
     * them, so the files of {@code prognos synth} read alike) or Parquet table.
     */
    static Dataset<Row> read(SparkSession spark, String path, String format) {
        boolean csv = format == null ? path.endsWith(".csv") || path.endsWith(".csv.gz") : format.equals("csv");
        DataFrameReader r = spark.read();
        return csv ? r.option("header", "true").option("comment", "#").csv(path) : r.parquet(path);
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
