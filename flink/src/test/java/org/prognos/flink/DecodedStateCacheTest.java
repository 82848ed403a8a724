package org.prognos.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.flink.score.AlertEvent;
import org.prognos.flink.score.AssetScoring;
import org.prognos.flink.score.AssetWindow;
import org.prognos.flink.score.ModelSource;
import org.prognos.flink.score.ScoreRow;
import org.prognos.flink.score.ScoringConfig;
import org.prognos.live.alert.AlertRule;
import org.prognos.models.TestModels;

/**
 * The scoring operator's cache of decoded states is only a faster path: with every asset decoded and encoded at every
 * message (a cache of 0), with a cache of one or two assets (three interleaved machines: the first one or two stay
 * cached, the others are decoded and written back at every message), and with the default cache (every asset cached;
 * written only in the snapshot), the same messages give the same rows and alerts; and a snapshot taken mid-stream, restored under another cache size, goes on
 * exactly where it was, so the snapshot holds every asset's state, cached or not.
 */
class DecodedStateCacheTest {
    @TempDir
    static Path registry;
    static ModelSource model;
    static List<AssetWindow> windows;

    @BeforeAll
    static void publish() {
        model = AzureStream.publish(registry);
        // three machines interleaved hour by hour, 8 days: rows, and (with K = 2) alerts before the failures
        windows = AzureStream.messages(TestModels.azureSpec().time().toAxis().parse("2015-10-09 00:00:00"));
    }

    /** What a run emitted: the rows, then the alert changes. */
    record Emitted(List<ScoreRow> rows, List<AlertEvent> alerts) {
    }

    @Test
    void everyCacheSizeGivesTheRowsAndAlertsOfDecodingAtEveryMessage() throws Exception {
        Emitted reference = run(0, null, windows);
        assertTrue(reference.rows().size() > 100, "rows: " + reference.rows().size());
        assertFalse(reference.alerts().isEmpty(), "the reference run raised alerts");
        for (int cached : new int[] {1, 2, ScoringConfig.DEFAULT_CACHED_ASSETS}) {
            assertEquals(reference, run(cached, null, windows), "cache of " + cached);
        }
    }

    @Test
    void aSnapshotHoldsCachedStatesAndRestoresUnderAnotherCacheSize() throws Exception {
        Emitted reference = run(0, null, windows);
        int half = windows.size() / 2;
        int[][] pairs = {{ScoringConfig.DEFAULT_CACHED_ASSETS, 0}, {1, ScoringConfig.DEFAULT_CACHED_ASSETS}, {2, 1}};
        for (int[] pair : pairs) {
            OperatorSubtaskState saved;
            Emitted first;
            try (var h = harness(pair[0])) {
                h.open();
                for (AssetWindow w : windows.subList(0, half)) {
                    h.processElement(w, 0);
                }
                first = emitted(h);
                saved = h.snapshot(1, 1);
            }
            Emitted rest = run(pair[1], saved, windows.subList(half, windows.size()));
            List<ScoreRow> rows = new ArrayList<>(first.rows());
            rows.addAll(rest.rows());
            List<AlertEvent> alerts = new ArrayList<>(first.alerts());
            alerts.addAll(rest.alerts());
            assertEquals(reference, new Emitted(rows, alerts), "cache " + pair[0] + ", restored under cache " + pair[1]);
        }
    }

    @Test
    void aNegativeCacheSizeIsRefused() {
        ScoringConfig config = ScoringConfig.defaults(model, AzureStream.attributes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config.withCachedAssets(-1));
        assertEquals("cachedAssets must not be negative, found -1", e.getMessage());
    }

    private static Emitted run(int cached, OperatorSubtaskState saved, List<AssetWindow> input) throws Exception {
        try (var h = harness(cached)) {
            if (saved != null) {
                h.initializeState(saved);
            }
            h.open();
            for (AssetWindow w : input) {
                h.processElement(w, 0);
            }
            assertTrue(h.getSideOutput(AssetScoring.REJECTED) == null || h.getSideOutput(AssetScoring.REJECTED).isEmpty(),
                    "no window rejected");
            return emitted(h);
        }
    }

    private static Emitted emitted(KeyedOneInputStreamOperatorTestHarness<String, AssetWindow, ScoreRow> h) {
        var alerts = h.getSideOutput(AssetScoring.ALERTS);
        return new Emitted(h.extractOutputValues(),
                alerts == null ? List.of() : alerts.stream().map(StreamRecord::getValue).toList());
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, AssetWindow, ScoreRow> harness(int cached) throws Exception {
        ScoringConfig config = ScoringConfig.defaults(model, AzureStream.attributes()).withRule(new AlertRule(2, 0.2))
                .withCachedAssets(cached);
        return new KeyedOneInputStreamOperatorTestHarness<>(new AssetScoring(config), AssetWindow::asset, Types.STRING);
    }
}
