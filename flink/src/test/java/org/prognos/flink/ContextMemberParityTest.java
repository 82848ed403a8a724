package org.prognos.flink;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.prognos.flink.score.AssetWindow;
import org.prognos.flink.score.ModelSource;
import org.prognos.flink.score.ScoreRow;
import org.prognos.models.TestModels;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.anomaly.ContextMember;
import org.prognos.models.anomaly.context.ForgettingContextScorer;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.LoadedModel;

/**
 * Adaptive scoring with the contextual member ({@code task.scoring.context}) on Flink's MiniCluster (2 slots) scores
 * as {@link org.prognos.models.anomaly.AdaptiveScorer#scoreAll} does, to {@value #TOLERANCE}: whether each asset's
 * scorer stays decoded between messages or is restored from its snapshot bytes at every message (cache 0), and across
 * a failure mid-stream restored from a checkpoint. Why a test of its own: a snapshot does not hold the member's
 * contexts, a restore rebuilds them by replaying the member's rows, so a replay that differs from the live detector
 * in any bit shows here and not in {@link AdaptiveScoringParityTest}, whose model has no member.
 *
 * <p>The model is the Azure anomaly fixture (a kNN detector fitted on machines 1-14) with {@link
 * AdaptiveScoringParityTest#SETTINGS} and a member on {@value #COLUMN}; machines 3, 5 and 12 stream 40 days of the
 * bundled readings (about 960 rows each). The member's memory is short ({@value #MEMORY} rows, margin {@value #MARGIN})
 * so that, within the test, it forgets (a younger detector starts after {@code memory} rows and takes over after
 * {@code memory} more) and its range moves (a rebuild): {@link #theStreamMakesTheMemberForgetAndRebuild} checks that
 * the stream does both, and that the scores differ from the same model's without the member (128 of 2,808 rows), so a
 * job that dropped the member would fail.
 */
class ContextMemberParityTest {
    static final double TOLERANCE = 1e-9;
    static final String COLUMN = "pressure_mean_3h";
    static final int MEMORY = 200;
    static final double MARGIN = 0.0;
    static final int LEARNING = 100;
    static final String WITH_MEMBER = "azure-anomaly-context";
    static final String WITHOUT_MEMBER = "azure-anomaly-adaptive";
    /**
     * The failure comes after this many messages (about 350 rows a machine): the member has learned (100 rows), its
     * younger detector has started (after 200 more) and not yet taken over, so the checkpoint restored holds both; and
     * mid-way between checkpoints (the source lets 100 messages through per checkpoint), so most of the 50 since the last
     * one are scored again after the restore (how many reached the sink before the failure depends on timing).
     */
    static final int FAIL_AFTER = 1050;
    static final AdaptiveScoring SETTINGS = AdaptiveScoringParityTest.SETTINGS
            .withContext(new ContextMember(COLUMN, MEMORY, MARGIN, LEARNING));

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path root;
    static List<AssetWindow> windows;
    static long lastReading;
    static Map<String, Double> expected;

    @BeforeAll
    static void publish() throws Exception {
        AnomalyModel fitted = TestModels.azureAnomaly();
        ModelRegistry registry = new ModelRegistry(root);
        AdaptiveScoringParityTest.publish(registry, WITH_MEMBER, fitted.withScoring(new AnomalyScoring.Adaptive(SETTINGS)));
        AdaptiveScoringParityTest.publish(registry, WITHOUT_MEMBER,
                fitted.withScoring(new AnomalyScoring.Adaptive(AdaptiveScoringParityTest.SETTINGS)));
        windows = AzureStream.messages(TestModels.azureSpec().time().toAxis().parse("2015-11-10 00:00:00"));
        lastReading = windows.get(windows.size() - 1).sampleMillis()[0] * 1000;
        expected = AdaptiveScoringParityTest.batchScores(source(WITH_MEMBER), lastReading);
    }

    /**
     * The premise of the other tests: on each machine's rows the member, run alone on {@value #COLUMN}, forgets (it
     * sees more than {@code learning + 2 · memory} values and remembers at most {@code 2 · memory}) and rebuilds (its
     * range moves); and the member changes scores, so parity with the batch path is parity with the member.
     */
    @Test
    void theStreamMakesTheMemberForgetAndRebuild() throws Exception {
        try (LoadedModel model = source(WITH_MEMBER).load()) {
            int column = model.extractor().columns().indexOf(COLUMN);
            AzureStream.batchRows(model, lastReading).forEach((asset, rows) -> {
                double[] values = rows.stream().mapToDouble(r -> r.getValue()[column]).filter(Double::isFinite).toArray();
                ForgettingContextScorer alone = ForgettingContextScorer.learnedFrom(values, LEARNING, MARGIN, MEMORY,
                        ForgettingContextScorer.Range.SEEN);
                for (double v : values) {
                    alone.next(v);
                }
                System.out.printf("member on %s: %d values, %d remembered, %d rebuilds%n", asset, values.length,
                        alone.rowsRemembered(), alone.rebuilds());
                assertTrue(values.length > LEARNING + 2 * MEMORY, asset + ": values " + values.length);
                assertTrue(alone.rowsRemembered() <= 2 * MEMORY, asset + ": remembered " + alone.rowsRemembered());
                assertTrue(alone.rebuilds() > 0, asset + ": the range never moved");
            });
        }
        Map<String, Double> without = AdaptiveScoringParityTest.batchScores(source(WITHOUT_MEMBER), lastReading);
        long differing = expected.keySet().stream().filter(k -> Math.abs(expected.get(k) - without.get(k)) > 1e-6).count();
        System.out.printf("member: %d of %d rows score otherwise than without it%n", differing, expected.size());
        assertTrue(differing > 0, "the member changes no score");
    }

    /**
     * With a cache of 0 every message restores the asset's scorer from its bytes in keyed state (the member's detectors
     * rebuilt by replay) and writes it back, with 1 one machine stays decoded, with 1000 all do.
     */
    @ParameterizedTest(name = "cachedAssets {0}")
    @ValueSource(ints = {0, 1, 1000})
    void scoresEqualTheBatchScoresWithTheMember(int cached, @TempDir Path out) throws Exception {
        List<ScoreRow> scores = MemberParity.scores(windows, source(WITH_MEMBER), cached, out, "context member parity");
        assertTrue(expected.size() > 2500, "rows to compare: " + expected.size());
        MemberParity.assertEqualsBatch(expected, scores, TOLERANCE);
    }

    /**
     * A failure after a checkpoint mid-stream (RocksDB, incremental checkpoints, as {@link FailoverTest}), after
     * {@value #FAIL_AFTER} messages: the scorers restored from the checkpoint, member included, go on so that every
     * score delivered equals the batch one.
     */
    @Test
    void restoresTheMemberFromACheckpoint(@TempDir Path tmp) throws Exception {
        MemberParity.assertRestoredFromACheckpoint(windows, source(WITH_MEMBER), expected, tmp, FAIL_AFTER, TOLERANCE,
                "context member");
    }

    private static ModelSource source(String name) {
        return new ModelSource(root.toString(), name + "@production");
    }
}
