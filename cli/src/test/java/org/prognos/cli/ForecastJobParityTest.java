package org.prognos.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.prognos.models.anomaly.AdaptiveScorer;

/**
 * A job with the forecast-residual member on ({@code task.scoring.forecast}) is served as its batch path scores it
 * ({@link AdaptiveJobParity}'s cases): {@code jobs/nab-machine-temperature-forecast.yaml}, the member's state restored
 * from the store at the restart; the member moves the likelihood, so the parity tests it.
 */
class ForecastJobParityTest extends AdaptiveJobParity {
    @Override
    String job() {
        return "nab-machine-temperature-forecast";
    }

    @Test
    void the_bundle_serves_the_member_and_it_moves_the_likelihood() {
        assertTrue(served.adaptive().orElseThrow().forecast().isPresent(), "the job's member reached the bundle");
        AdaptiveScorer.Step[] without = withoutThePart();
        long moved = IntStream.range(0, expected.length)
                .filter(i -> Math.abs(expected[i].likelihood() - without[i].likelihood()) > TOLERANCE).count();
        assertTrue(moved > 0, "the member changes no likelihood: the parity below would not test it");
    }
}
