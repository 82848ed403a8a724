package org.prognos.spark;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * {@code spark-submit --class org.prognos.spark.ScoreJob}: one score per row the model's own feature spec emits,
 * written as Parquet (asset, time, the scorer's numbers, band, alarm).
 *
 * <pre>
 * --registry DIR          the registry directory, on storage every executor reads at the same path
 * --model REF             NAME (its production alias, else its latest version), NAME:VERSION or NAME@ALIAS
 * --trust FILES           optional: comma-separated public keys; only a bundle signed by one of them is used
 * --telemetry, --asset-column, --time-column, --events, --attributes, --format   as for {@link FeaturesJob}
 * --out PATH              where the scores go (Parquet, overwritten)
 * </pre>
 */
public final class ScoreJob {
    private ScoreJob() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> a = FeaturesJob.options(args);
        List<String> trust = a.containsKey("trust") ? Arrays.asList(a.get("trust").split(",")) : List.of();
        try (SparkSession spark = SparkSession.builder().appName("prognos-score").getOrCreate()) {
            FleetScores job = FleetScores.load(FeaturesJob.required(a, "registry"), FeaturesJob.required(a, "model"), trust);
            job.score(FeaturesJob.features(spark, job.features(), a)).write().mode(SaveMode.Overwrite)
                    .parquet(FeaturesJob.required(a, "out"));
        }
    }
}
