package org.prognos.spark;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * {@code spark-submit --class org.prognos.spark.ScoreJob}: one score per row the model's own feature spec emits,
 * written as Parquet (asset, time, the scorer's numbers, band, alarm); for an anomaly model scored adaptively, the
 * service's adaptive answer per row (each asset's rows through one adaptive scorer) with the fitted model's beside it.
 *
 * <pre>
 * --registry DIR          the registry directory, on storage every executor reads at the same path
 * --model REF             NAME (its production alias, else its latest version), NAME:VERSION or NAME@ALIAS
 * --trust FILES           optional: comma-separated public keys; only a bundle signed by one of them is used
 * --telemetry, --asset-column, --time-column, --events, --attributes, --format   as for {@link FeaturesJob}
 * --out PATH              where the scores go (Parquet, overwritten)
 * --report-input PATH     optional: also write the at-risk report's input there (text, overwritten): one
 *                         prognos-scan/1 JSON line per asset, scanned at its latest reading with the bundle's spec;
 *                         render it with prognos report --registry DIR --model REF --scans PATH --out REPORT;
 *                         for an anomaly model scored adaptively each line carries its asset's adaptive score
 * </pre>
 * For an anomaly model scaling each asset by its own, the driver then prints the line {@code prognos score} closes with
 * when some assets have no scaling of their own and are scored on the fleet's ({@link FleetScores#fleetScalingNote}, a
 * read of the written scores' asset column).
 * The report's input is a second pass over the inputs (one more shuffle): each asset's group runs through the
 * features library's {@code FleetScan}, the class {@code prognos report} scans a dataset with, so the report ranks,
 * scores and explains the assets as it would on one machine ({@code prognos report} scores the one vector per asset
 * with the service's scorer and explanations; that is small beside the history and stays there).
 *
 * <p>Why two shuffles and not one: Spark plans each write on its own, so a co-group both outputs shared would run,
 * shuffle included, once per write unless something is kept between the writes. What could be kept: the feature table
 * (cached, it is larger than the readings' shuffle it saves wherever a spec emits a row per reading, as the
 * {@code everySamples: 1} specs do); the shuffle's own files (one RDD under both writes: the second reads them again
 * but leaves Spark SQL's plans and runs the per-asset extraction a second time); or only the scores and the scan
 * lines (small, but it takes one co-group emitting both kinds of rows, holding each asset's history in memory since
 * a group's readings can be read once and both the extraction and the scan read them, a scorer that carries scan lines
 * through, and nullable columns in the scores' schema). Each changes the job's shape and its gain is unmeasured (docs/benchmarks.md
 * "Spark": at 300 assets the job's fixed costs still dominate), so the report's input stays its own pass.
 */
public final class ScoreJob {
    private ScoreJob() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> a = FeaturesJob.options(args);
        List<String> trust = a.containsKey("trust") ? Arrays.asList(a.get("trust").split(",")) : List.of();
        try (SparkSession spark = SparkSession.builder().appName("prognos-score").getOrCreate()) {
            FleetScores job = FleetScores.load(FeaturesJob.required(a, "registry"), FeaturesJob.required(a, "model"), trust);
            String out = FeaturesJob.required(a, "out");
            job.score(FeaturesJob.features(spark, job.features(), a)).write().mode(SaveMode.Overwrite).parquet(out);
            job.fleetScalingNote(spark.read().parquet(out)).ifPresent(System.out::println);
            if (a.containsKey("report-input")) {
                FeaturesJob.scans(spark, job, a).write().mode(SaveMode.Overwrite).text(a.get("report-input"));
            }
        }
    }
}
