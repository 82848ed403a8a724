package org.prognos.spark;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.telemetry.AssetAttributes;
import org.prognos.models.batch.DatasetScorer;
import org.prognos.spark.partition.FleetColumns;
import org.prognos.spark.partition.RowScores;

/**
 * Per-row scores of a fleet with a published model, computed by Spark through the model runtime: every executor loads
 * the bundle from the registry directory (shared storage: HDFS-mounted, NFS or a synced local copy on each node) once
 * per partition and scores with {@link DatasetScorer}, the class {@code prognos score} scores with. The features come
 * from the bundle's own spec ({@link #features()}), as on one machine.
 *
 * <p>Scores have the columns {@code asset}, {@code time} (ticks), then {@link #columns()} and {@code band},
 * {@code alarm}. An anomaly model scored adaptively is scored per asset, each asset's rows in time order through one
 * adaptive scorer ({@link RowScores}): give {@link #score} the feature job's own output.
 */
public final class FleetScores {
    private final RowScores scores;
    private final FeatureSpec spec;
    private final List<String> numericColumns;
    private final boolean adaptive;
    private final boolean scalesOwn;

    private FleetScores(RowScores scores) {
        this.scores = scores;
        try (DatasetScorer model = scores.load()) {
            this.spec = model.extractor().spec();
            this.numericColumns = model.numericColumns();
            this.adaptive = model.adaptiveAnomaly().isPresent();
            this.scalesOwn = model.scalesEachAssetByItsOwn();
        }
    }

    /**
     * The model {@code reference} ({@code NAME}: its production alias, else its latest version; {@code NAME:VERSION};
     * {@code NAME@ALIAS}) of the registry at {@code registry}, loaded once here on the driver to check it and read its
     * spec. With {@code trustedKeys}, only a bundle signed by one of those public keys is used, on the driver and on
     * every executor.
     */
    public static FleetScores load(String registry, String reference, List<String> trustedKeys) {
        return new FleetScores(new RowScores(registry, reference, trustedKeys));
    }

    /** The feature job of the bundle's own spec: what computes the rows {@link #score} expects. */
    public FleetFeatures features() {
        return new FleetFeatures(spec);
    }

    /** The names of the scorer's numbers, in column order after {@code asset} and {@code time}. */
    public List<String> columns() {
        return numericColumns;
    }

    /**
     * The at-risk report's input for this model ({@link FleetFeatures#scans} of the bundle's spec); for an anomaly model
     * scored adaptively each line also carries its asset's adaptive score after its whole stream and at the chart's
     * days, computed in the same pass by one scorer per asset, so that {@code prognos report --scans} ranks on the score
     * the service answers, as {@code prognos report --data} does.
     */
    public Dataset<Row> scans(Dataset<Row> readings, Dataset<Row> events, AssetAttributes attributes) {
        FleetFeatures f = features();
        return adaptive ? f.scans(readings, events, attributes, scores) : f.scans(readings, events, attributes);
    }

    /**
     * For an anomaly model scaling each asset by its own: the line {@code prognos score} closes with when some assets of
     * {@code table} (a {@link #score} table) have no scaling of their own and are scored on the fleet's
     * ({@link DatasetScorer#fleetScalingNote}), the distinct assets in their natural order. Empty when none is, and for
     * every other model without running a Spark job.
     */
    public Optional<String> fleetScalingNote(Dataset<Row> table) {
        if (!scalesOwn) {
            return Optional.empty();
        }
        List<String> assets = table.select(FleetColumns.ASSET).distinct().as(Encoders.STRING()).collectAsList().stream()
                .sorted().toList();
        try (DatasetScorer model = scores.load()) {
            return model.fleetScalingNote(assets);
        }
    }

    /** One score row per row of {@code features} (a {@link FleetFeatures#extract} table of the bundle's spec). */
    public Dataset<Row> score(Dataset<Row> features) {
        return features.mapPartitions(scores, Encoders.row(RowScores.schema(numericColumns)));
    }
}
