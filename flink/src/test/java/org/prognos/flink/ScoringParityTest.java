package org.prognos.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.flink.job.ScoringJob;
import org.prognos.flink.score.AssetWindow;
import org.prognos.flink.score.ModelSource;
import org.prognos.flink.score.ScoreRow;
import org.prognos.flink.score.ScoringConfig;
import org.prognos.models.TestModels;

/**
 * The job on Flink's MiniCluster (one task manager, 2 slots) scores real readings exactly as the service's other
 * execution of the same definitions does: every row the keyed state emits is a row the batch extractor emits, with
 * the same risk to 1e-9, and no row is missing. A message sent twice is rejected the second time, not applied again.
 */
class ScoringParityTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path registry;
    static ModelSource model;

    @BeforeAll
    static void publish() {
        model = AzureStream.publish(registry);
    }

    @Test
    void scoresEqualTheBatchPathOnTheSameReadings(@TempDir Path out) throws Exception {
        long until = TestModels.azureSpec().time().toAxis().parse("2015-10-09 00:00:00");
        List<AssetWindow> windows = AzureStream.messages(until);
        List<AssetWindow> copy = new ArrayList<>(windows);
        // an edge case made up from real messages: a device sends a message again, 20 messages later
        AssetWindow resent = windows.get(100);
        copy.add(120, resent);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        var source = new DataGeneratorSource<>(i -> copy.get((int) (long) i), windows.size(),
                TypeInformation.of(AssetWindow.class));
        var stream = env.fromSource(source, WatermarkStrategy.noWatermarks(), "azure readings").setParallelism(1);
        ScoringJob.Outputs job = ScoringJob.score(stream, ScoringConfig.defaults(model, AzureStream.attributes()));
        job.scores().sinkTo(new FileSink<>(out.resolve("scores").toString()));
        job.rejected().sinkTo(new FileSink<>(out.resolve("rejected").toString()));
        env.execute("parity");

        List<ScoreRow> scores = FileSink.written(out.resolve("scores"));
        long lastReading = windows.get(windows.size() - 1).sampleMillis()[0] * 1000;
        Map<String, Double> expected = AzureStream.batchRisks(model, lastReading);
        List<AssetWindow> rejected = FileSink.written(out.resolve("rejected"));
        assertEquals(1, rejected.size(), "the message sent again is not applied a second time");
        assertEquals(resent.asset(), rejected.get(0).asset());
        assertTrue(java.util.Arrays.equals(resent.sampleMillis(), rejected.get(0).sampleMillis()));
        assertTrue(expected.size() > 100, "rows to compare: " + expected.size());
        Set<String> emitted = scores.stream().map(s -> s.asset() + "@" + s.time()).collect(Collectors.toSet());
        assertEquals(expected.keySet(), emitted, "rows emitted by the job and by the batch path");
        assertEquals(scores.size(), emitted.size(), "each row scored once");
        for (ScoreRow s : scores) {
            assertEquals(expected.get(s.asset() + "@" + s.time()), s.risk(), 1e-9, s.asset() + " at " + s.timeText());
        }
    }
}
