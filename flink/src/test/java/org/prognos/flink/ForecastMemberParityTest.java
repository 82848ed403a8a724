package org.prognos.flink;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.prognos.flink.score.AssetWindow;
import org.prognos.flink.score.ModelSource;
import org.prognos.flink.score.ScoreRow;
import org.prognos.models.TestModels;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.anomaly.ForecastMember;
import org.prognos.models.anomaly.StuckValueCheck;
import org.prognos.models.registry.ModelRegistry;

/**
 * Adaptive scoring with the forecast-residual member ({@code task.scoring.forecast}) on Flink's MiniCluster (2 slots)
 * scores as {@link org.prognos.models.anomaly.AdaptiveScorer#scoreAll} does, to {@value #TOLERANCE}, whether each
 * asset's scorer stays decoded between messages or is restored from its snapshot bytes (the member's weights and gain
 * matrix included) at every message (cache 0). The model is {@link ContextMemberParityTest}'s Azure fixture with
 * {@link AdaptiveScoringParityTest#SETTINGS} and a member predicting {@value #COLUMN} with a memory of
 * {@value #MEMORY} rows; {@link #theMemberChangesScores} checks that scores differ from the model's without it, so a
 * job that dropped the member would fail. One case more for the stuck-value check ({@code task.scoring.stuck}), cache
 * 0: the same settings with the check on {@value #STUCK_COLUMN} (a count of error-1 events in 24 h, real and mostly 0,
 * so that a machine's quiet stretches are runs of one value, the longest of which the check learns) at configuration
 * 63's widening 5 % and minimum run 10; {@link #theCheckChangesScores} checks that it alarms where the model without
 * it does not. Both go on across a failure restored from a checkpoint ({@link #restoresFromACheckpoint}, as
 * {@link ContextMemberParityTest}'s member does).
 */
class ForecastMemberParityTest {
    static final double TOLERANCE = 1e-9;
    static final String COLUMN = "pressure_mean_3h";
    static final int MEMORY = 200;
    static final String WITH_MEMBER = "azure-anomaly-forecast";
    static final String WITHOUT_MEMBER = "azure-anomaly-adaptive";
    static final AdaptiveScoring SETTINGS = AdaptiveScoringParityTest.SETTINGS
            .withForecast(ForecastMember.remembering(COLUMN, MEMORY));
    static final String STUCK_COLUMN = "error1_count_24h";
    static final String WITH_CHECK = "azure-anomaly-stuck";
    /** {@link ContextMemberParityTest#FAIL_AFTER}: about 350 rows a machine, mid-way between two checkpoints. */
    static final int FAIL_AFTER = ContextMemberParityTest.FAIL_AFTER;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path root;
    static List<AssetWindow> windows;
    static long lastReading;
    static Map<String, Map<String, Double>> expected;

    @BeforeAll
    static void publish() throws Exception {
        AnomalyModel fitted = TestModels.azureAnomaly();
        ModelRegistry registry = new ModelRegistry(root);
        AdaptiveScoringParityTest.publish(registry, WITH_MEMBER, fitted.withScoring(new AnomalyScoring.Adaptive(SETTINGS)));
        AdaptiveScoringParityTest.publish(registry, WITHOUT_MEMBER,
                fitted.withScoring(new AnomalyScoring.Adaptive(AdaptiveScoringParityTest.SETTINGS)));
        AdaptiveScoringParityTest.publish(registry, WITH_CHECK, fitted.withScoring(new AnomalyScoring.Adaptive(
                AdaptiveScoringParityTest.SETTINGS.withStuckCheck(new StuckValueCheck(STUCK_COLUMN, 0.05, 10)))));
        windows = AzureStream.messages(TestModels.azureSpec().time().toAxis().parse("2015-11-10 00:00:00"));
        lastReading = windows.get(windows.size() - 1).sampleMillis()[0] * 1000;
        expected = Map.of(WITH_MEMBER, AdaptiveScoringParityTest.batchScores(source(WITH_MEMBER), lastReading),
                WITH_CHECK, AdaptiveScoringParityTest.batchScores(source(WITH_CHECK), lastReading));
    }

    @Test
    void theMemberChangesScores() throws Exception {
        assertTrue(differing(WITH_MEMBER) > 0, "the member changes no score");
    }

    @Test
    void theCheckChangesScores() throws Exception {
        assertTrue(differing(WITH_CHECK) > 0, "the check changes no score");
    }

    private static long differing(String model) throws Exception {
        Map<String, Double> with = expected.get(model);
        Map<String, Double> without = AdaptiveScoringParityTest.batchScores(source(WITHOUT_MEMBER), lastReading);
        long differing = with.keySet().stream().filter(k -> Math.abs(with.get(k) - without.get(k)) > 1e-6).count();
        System.out.printf("%s: %d of %d rows score otherwise than without it%n", model, differing, with.size());
        return differing;
    }

    /** The member with a cache of 0 and of 1000, the check with 0 (every message restores the scorer from its bytes). */
    static Stream<Arguments> cases() {
        return Stream.of(Arguments.of(WITH_MEMBER, 0), Arguments.of(WITH_MEMBER, 1000), Arguments.of(WITH_CHECK, 0));
    }

    /** With a cache of 0 every message restores the asset's scorer from its bytes in keyed state; with 1000 none does. */
    @ParameterizedTest(name = "{0}, cachedAssets {1}")
    @MethodSource("cases")
    void scoresEqualTheBatchScores(String model, int cached, @TempDir Path out) throws Exception {
        List<ScoreRow> scores = MemberParity.scores(windows, source(model), cached, out, model + " parity");
        Map<String, Double> expected = ForecastMemberParityTest.expected.get(model);
        assertTrue(expected.size() > 2500, "rows to compare: " + expected.size());
        MemberParity.assertEqualsBatch(expected, scores, TOLERANCE);
    }

    /**
     * A failure after {@value #FAIL_AFTER} messages, restored from a checkpoint (the default cache: the scorers decoded
     * before the failure are lost and rebuilt from the checkpoint's bytes, the member's weights and gain matrix or the
     * check's current run, longest run and flag included): every score delivered equals the batch one.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {WITH_MEMBER, WITH_CHECK})
    void restoresFromACheckpoint(String model, @TempDir Path tmp) throws Exception {
        MemberParity.assertRestoredFromACheckpoint(windows, source(model), expected.get(model), tmp, FAIL_AFTER, TOLERANCE,
                model);
    }

    private static ModelSource source(String name) {
        return new ModelSource(root.toString(), name + "@production");
    }
}
