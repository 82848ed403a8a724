package org.prognos.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.flink.score.ModelSource;
import org.prognos.flink.score.ScoringConfig;
import org.prognos.flink.score.WindowScorer;
import org.prognos.models.TestModels;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.registry.ModelRegistry;

/**
 * The job's restore rule for adaptive scorers is the service's ({@code AdaptiveBasis.whyRestart}): a scorer kept under
 * version 1 goes on under a version 2 that means the same, and restarts under a version with other settings; a
 * savepoint of the earlier build, which kept {@code name:version}, goes on only under that version.
 */
class AdaptiveRestoreRuleTest {
    @TempDir
    Path root;

    private WindowScorer open(int version) {
        return WindowScorer.open(ScoringConfig.defaults(new ModelSource(root.toString(),
                AdaptiveScoringParityTest.ADAPTIVE + ":" + version), AzureStream.attributes()));
    }

    @Test
    void a_scorer_kept_under_version_1_goes_on_under_an_equal_version_2_and_restarts_under_other_settings() {
        AdaptiveScoringParityTest.publishAdaptive(root);
        AdaptiveScoringParityTest.publishAdaptive(root);
        AdaptiveScoringParityTest.publish(new ModelRegistry(root), AdaptiveScoringParityTest.ADAPTIVE, TestModels.azureAnomaly()
                .withScoring(new AnomalyScoring.Adaptive(AdaptiveScoringParityTest.SETTINGS.withWarmUp(40))));
        try (WindowScorer one = open(1); WindowScorer two = open(2); WindowScorer three = open(3)) {
            String kept = one.adaptiveBasis();
            assertTrue(two.whyRestart(kept).isEmpty(), "an equal version 2: " + two.whyRestart(kept));
            AdaptiveScorer scorer = one.newAdaptive("asset-1");
            AdaptiveScorer restored = two.restoreAdaptive("asset-1", scorer.snapshot());
            assertEquals(scorer.rowsSeen(), restored.rowsSeen());
            assertTrue(three.whyRestart(kept).orElseThrow().startsWith("its adaptive settings changed"),
                    three.whyRestart(kept).toString());
            String legacy = AdaptiveScoringParityTest.ADAPTIVE + ":";
            assertTrue(two.whyRestart(legacy + 2).isEmpty(), "an earlier build's key, same version");
            assertTrue(two.whyRestart(legacy + 1).isPresent(), "an earlier build's key, another version");
            assertTrue(two.whyRestart("not a basis").orElseThrow().contains("unreadable adaptive basis"));
        }
    }
}
