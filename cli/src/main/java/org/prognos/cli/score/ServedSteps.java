package org.prognos.cli.score;

import java.io.IOException;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.telemetry.Dataset;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.batch.AdaptiveSteps;

/**
 * The adaptive steps answering {@code prognos score}'s rows for an anomaly model scored adaptively: each asset's
 * every feature row of the bundle's spec (the batch extraction's rows: what the service's state emits for the same
 * readings), from its first on, through one scorer ({@link AdaptiveSteps#of}), whichever rows are written. With the
 * spec's own rows those are the rows written; with {@code --as-of}, {@code --every} or {@code --last} a second pass
 * computes them, and each written row at T gets the step after the asset's last row at or before T
 * ({@link AdaptiveSteps#at}), so the scorer has seen every earlier row however few are written.
 *
 * @param steps    one step per row written, in the written table's order
 * @param specRows the spec's rows fed to the scorers, over all assets
 */
public record ServedSteps(AdaptiveScorer.Step[] steps, int specRows) {
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
            return new ServedSteps(AdaptiveSteps.of(served, written), written.size());
        }
        FeatureTable spec = Probes.rows(ex, data, new RowSelection.SpecRows(), threads, n -> { }).rows();
        return new ServedSteps(AdaptiveSteps.at(AdaptiveSteps.of(served, spec), spec, written), spec.size());
    }
}
