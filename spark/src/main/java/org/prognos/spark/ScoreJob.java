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
 * --report-input PATH     optional: also write the at-risk report's input there (text, overwritten): one
 *                         prognos-scan/1 JSON line per asset, scanned at its latest reading with the bundle's spec;
 *                         render it with prognos report --registry DIR --model REF --scans PATH --out REPORT
 * </pre>
 * The report's input is a second pass over the inputs (one more shuffle): each asset's group runs through the
 * features library's {@code FleetScan}, the class {@code prognos report} scans a dataset with, so the report ranks,
 * scores and explains the assets as it would on one machine ({@code prognos report} scores the one vector per asset
 * with the service's scorer and explanations; that is small beside the history and stays there).
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
            if (a.containsKey("report-input")) {
                FeaturesJob.scans(spark, job.features(), a).write().mode(SaveMode.Overwrite).text(a.get("report-input"));
            }
        }
    }
}
