package org.prognos.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.flink.score.AssetScoring;
import org.prognos.flink.score.AssetWindow;
import org.prognos.flink.score.ModelSource;
import org.prognos.flink.score.ScoreRow;
import org.prognos.flink.score.ScoringConfig;
import org.prognos.models.TestModels;
import org.prognos.models.registry.ModelRegistry;

/**
 * The keyed function's state carried across a restore (Flink's operator test harness: a snapshot of one run restores
 * the next). Under the same model it goes on where it was; under a model with another feature spec (the Azure anomaly
 * model after the 24 h failure model) the asset's feature state starts over, as the service rebuilds it, instead of
 * failing the job on every restart.
 */
class ModelChangeTest {
    @TempDir
    static Path registry;
    static ModelSource failure;
    static ModelSource anomaly;

    @BeforeAll
    static void publish() {
        failure = AzureStream.publish(registry);
        TestModels.publishAzureAnomaly(new ModelRegistry(registry));
        anomaly = new ModelSource(registry.toString(), TestModels.AZURE_ANOMALY + "@production");
    }

    @Test
    void theSameModelGoesOnAndAnotherSpecStartsOver() throws Exception {
        List<AssetWindow> windows = AzureStream.messages(TestModels.azureSpec().time().toAxis().parse("2015-10-05 00:00:00"))
                .stream().filter(w -> w.asset().equals("3")).toList();
        int half = windows.size() / 2;
        OperatorSubtaskState saved;
        try (var first = harness(failure)) {
            first.open();
            for (AssetWindow w : windows.subList(0, half)) {
                first.processElement(w, 0);
            }
            saved = first.snapshot(1, 1);
        }
        List<ScoreRow> same = rest(failure, saved, windows.subList(half, windows.size()));
        List<ScoreRow> whole = rest(failure, null, windows);
        List<ScoreRow> other = rest(anomaly, saved, windows.subList(half, windows.size()));

        assertFalse(same.isEmpty());
        assertEquals(whole.subList(whole.size() - same.size(), whole.size()), same, "the same model goes on from the snapshot");
        assertTrue(same.get(0).readings() > half - 3, "rows after the restore count the readings before it");
        assertFalse(other.isEmpty());
        assertTrue(other.stream().allMatch(s -> s.model().equals(TestModels.AZURE_ANOMALY)));
        assertEquals(windows.size() - half, other.get(other.size() - 1).readings(), "another spec starts the asset over");
    }

    private static List<ScoreRow> rest(ModelSource model, OperatorSubtaskState saved, List<AssetWindow> windows) throws Exception {
        try (var h = harness(model)) {
            if (saved != null) {
                h.initializeState(saved);
            }
            h.open();
            for (AssetWindow w : windows) {
                h.processElement(w, 0);
            }
            assertTrue(h.getSideOutput(AssetScoring.REJECTED) == null || h.getSideOutput(AssetScoring.REJECTED).isEmpty());
            return h.extractOutputValues();
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, AssetWindow, ScoreRow> harness(ModelSource model)
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new AssetScoring(ScoringConfig.defaults(model, AzureStream.attributes())), AssetWindow::asset, Types.STRING);
    }
}
