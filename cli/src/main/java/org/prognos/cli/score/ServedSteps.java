package org.prognos.cli.score;

import java.io.IOException;
import org.prognos.features.extract.BatchExtractor;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.telemetry.Dataset;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.batch.AdaptiveSteps;
import org.prognos.models.batch.StreamedSteps;

/**
 * The adaptive steps answering {@code prognos score}'s rows for an anomaly model scored adaptively: each asset's
 * every feature row of the bundle's spec (the batch extraction's rows: what the service's state emits for the same
 * readings), from its first on, through one scorer, whichever rows are written. With the spec's own rows those are
 * the rows written, already in memory ({@link AdaptiveSteps#of}); with {@code --as-of}, {@code --every} or
 * {@code --last} a second extraction pass streams them into {@link StreamedSteps}, which feeds each to its asset's
 * scorer as it comes and keeps none, and each written row at T gets the step after the asset's last row at or before
 * T, so the scorer has seen every earlier row however few are written, in the memory of one scorer per asset rather
 * than of every spec row of the fleet.
 *
 * @param steps        one step per row written, in the written table's order
 * @param specRows     the spec's rows fed to the scorers, over all assets
 * @param mostRowsHeld the most spec rows held in memory at once to compute the steps: the written table's own rows
 *                     for the spec's rows, none when they stream (the extraction's bounded chunks aside)
 */
public record ServedSteps(AdaptiveScorer.Step[] steps, long specRows, long mostRowsHeld) {
    public ServedSteps {
        steps = steps.clone();
    }

    @Override
    public AdaptiveScorer.Step[] steps() {
        return steps.clone();
    }

    /**
     * The steps of {@code written} (the rows {@code selection} picked from {@code data}) under {@code served}, scored
     * adaptively.
     */
    public static ServedSteps of(AnomalyModel served, FeatureExtractor ex, Dataset data, RowSelection selection,
                                 FeatureTable written, int threads) throws IOException {
        if (selection instanceof RowSelection.SpecRows) {
            return new ServedSteps(AdaptiveSteps.of(served, written), written.size(), written.size());
        }
        StreamedSteps stream = new StreamedSteps(served, written);
        new BatchExtractor(ex, threads, n -> { }).run(data, stream);
        return new ServedSteps(stream.steps(), stream.rowsFed(), 0);
    }
}
