package org.prognos.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.prognos.flink.job.ScoringJob;
import org.prognos.flink.score.AssetWindow;
import org.prognos.flink.score.ModelSource;
import org.prognos.flink.score.ScoreRow;
import org.prognos.flink.score.ScoringConfig;

/**
 * The runs and the comparison the adaptive member parity tests ({@link ContextMemberParityTest},
 * {@link ForecastMemberParityTest}) share: the Azure messages through the scoring job on the test's MiniCluster, with
 * or without a failure restored from a checkpoint, and its scores against the batch path's, keyed by
 * {@code asset@time}.
 */
final class MemberParity {
    private MemberParity() {
    }

    /**
     * The scores the job emits for {@code windows} (one source, parallelism 2) scoring {@code model} with
     * {@code cached} assets kept decoded, written under {@code out/scores}; {@code name} names the Flink job.
     */
    static List<ScoreRow> scores(List<AssetWindow> windows, ModelSource model, int cached, Path out, String name)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        var source = new DataGeneratorSource<>(i -> windows.get((int) (long) i), windows.size(),
                TypeInformation.of(AssetWindow.class));
        var stream = env.fromSource(source, WatermarkStrategy.noWatermarks(), "azure readings").setParallelism(1);
        ScoringJob.Outputs job = ScoringJob.score(stream,
                ScoringConfig.defaults(model, AzureStream.attributes()).withCachedAssets(cached));
        job.scores().sinkTo(new FileSink<>(out.resolve("scores").toString()));
        env.execute(name);
        return FileSink.written(out.resolve("scores"));
    }

    /** The job emitted each row of {@code expected} once, and no other, each scoring as the batch path to {@code tolerance}. */
    static void assertEqualsBatch(Map<String, Double> expected, List<ScoreRow> scores, double tolerance) {
        Set<String> emitted = scores.stream().map(s -> s.asset() + "@" + s.time()).collect(Collectors.toSet());
        assertEquals(expected.keySet(), emitted, "rows emitted by the job and by the batch path");
        assertEquals(scores.size(), emitted.size(), "each row scored once");
        assertRisks(expected, scores, tolerance);
    }

    /** Each of {@code rows} scores as the batch path's row of the same asset and time, to {@code tolerance}. */
    static void assertRisks(Map<String, Double> expected, List<ScoreRow> rows, double tolerance) {
        for (ScoreRow s : rows) {
            assertEquals(expected.get(s.asset() + "@" + s.time()), s.risk(), tolerance, s.asset() + " at " + s.timeText());
        }
    }

    /**
     * A failure after a checkpoint mid-stream (RocksDB, incremental checkpoints, as {@link FailoverTest}), after
     * {@code failAfter} messages of {@code windows} scored with {@code model}: the scorers restored from the checkpoint,
     * members included, go on so that every row of {@code expected} is delivered, none other, each scoring as the batch
     * path to {@code tolerance}; {@code label} names the run in what it prints.
     */
    static void assertRestoredFromACheckpoint(List<AssetWindow> windows, ModelSource model, Map<String, Double> expected,
                                              Path tmp, int failAfter, double tolerance, String label) throws Exception {
        FailoverTest.FAILURES.set(0);
        FailoverTest.CHECKPOINTS.set(0);
        FailoverTest.run(windows, ScoringConfig.defaults(model, AzureStream.attributes()), tmp, failAfter);

        assertEquals(1, FailoverTest.FAILURES.get(), "the injected failure happened once");
        assertTrue(FileSink.written(tmp.resolve("rejected")).isEmpty(), "no reading applied twice to a state");
        List<ScoreRow> delivered = FileSink.written(tmp.resolve("scores"));
        Set<String> keys = delivered.stream().map(s -> s.asset() + "@" + s.time()).collect(Collectors.toSet());
        assertEquals(expected.keySet(), keys, "rows delivered and rows of the batch path");
        assertRisks(expected, delivered, tolerance);
        System.out.printf("%s failover: %d rows, %d deliveries, %d checkpoints%n", label, keys.size(),
                delivered.size(), FailoverTest.CHECKPOINTS.get());
    }
}
