package org.prognos.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.flink.job.ScoringJob;
import org.prognos.flink.score.AlertEvent;
import org.prognos.flink.score.AssetWindow;
import org.prognos.flink.score.ModelSource;
import org.prognos.flink.score.ScoreRow;
import org.prognos.flink.score.ScoringConfig;
import org.prognos.live.alert.AlertRule;
import org.prognos.models.TestModels;

/**
 * A failure injected mid-stream on Flink's MiniCluster (2 slots), RocksDB state with incremental checkpoints every
 * 200 ms and a fixed-delay restart: the job restores from the last checkpoint and ends exactly where a run without
 * the failure ends. Every row, with the readings its asset's state had applied, equals the uninterrupted run's (a
 * reading lost or applied twice would change the counts, and a reading replayed into a state that had already applied
 * it is rejected); every alert of the uninterrupted run is delivered, at least once, with the same id.
 */
class FailoverTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** After this many messages (and a completed checkpoint) the map throws, once. */
    static final int FAIL_AFTER = 250;
    static final AtomicInteger FAILURES = new AtomicInteger();
    static final AtomicInteger CHECKPOINTS = new AtomicInteger();

    @TempDir
    static Path registry;
    static ModelSource model;

    @BeforeAll
    static void publish() {
        model = AzureStream.publish(registry);
    }

    @BeforeEach
    void resetCounts() {
        FAILURES.set(0);
        CHECKPOINTS.set(0);
    }

    /**
     * A model scored adaptively: each asset's adaptive scorer is restored from the checkpoint with its feature state,
     * so every score delivered, before or after the failure, equals the batch adaptive score of its row to 1e-9.
     */
    @Test
    void restoresAdaptiveScorersFromACheckpoint(@TempDir Path tmp) throws Exception {
        ModelSource adaptive = AdaptiveScoringParityTest.publishAdaptive(tmp.resolve("registry"));
        List<AssetWindow> windows = AzureStream.messages(TestModels.azureSpec().time().toAxis().parse("2015-10-09 00:00:00"));
        Path failing = tmp.resolve("failing");
        run(windows, ScoringConfig.defaults(adaptive, AzureStream.attributes()), failing, true);

        assertEquals(1, FAILURES.get(), "the injected failure happened once");
        assertTrue(FileSink.written(failing.resolve("rejected")).isEmpty(), "no reading applied twice to a state");
        long lastReading = windows.get(windows.size() - 1).sampleMillis()[0] * 1000;
        Map<String, Double> expected = AdaptiveScoringParityTest.batchScores(adaptive, lastReading);
        Map<String, ScoreRow> delivered = byKey(FileSink.<ScoreRow>written(failing.resolve("scores")),
                s -> s.asset() + "@" + s.time());
        assertEquals(expected.keySet(), delivered.keySet(), "rows delivered and rows of the batch path");
        delivered.forEach((key, s) -> assertEquals(expected.get(key), s.risk(), 1e-9, key));
        assertTrue(delivered.values().stream().anyMatch(s -> s.risk() > 0), "rows past the warm-up score above 0");
    }

    @Test
    void restoresFromACheckpointWithNoReadingLostOrAppliedTwice(@TempDir Path tmp) throws Exception {
        List<AssetWindow> windows = AzureStream.messages(TestModels.azureSpec().time().toAxis().parse("2015-10-09 00:00:00"));
        // K = 2: the machines' risks before their failures cross the threshold two scores in a row, so alerts open
        ScoringConfig config = ScoringConfig.defaults(model, AzureStream.attributes()).withRule(new AlertRule(2, 0.2));

        Path calm = tmp.resolve("calm");
        run(windows, config, calm, false);
        Path failing = tmp.resolve("failing");
        run(windows, config, failing, true);

        assertEquals(1, FAILURES.get(), "the injected failure happened once");
        assertTrue(FileSink.written(calm.resolve("rejected")).isEmpty());
        assertTrue(FileSink.written(failing.resolve("rejected")).isEmpty(), "no reading applied twice to a state");

        Map<String, ScoreRow> expected = byKey(FileSink.<ScoreRow>written(calm.resolve("scores")), s -> s.asset() + "@" + s.time());
        List<ScoreRow> delivered = FileSink.written(failing.resolve("scores"));
        assertTrue(expected.size() > 100, "rows: " + expected.size());
        assertEquals(expected, byKey(delivered, s -> s.asset() + "@" + s.time()), "rows, risks and readings applied");

        Map<String, AlertEvent> alerts = byKey(FileSink.<AlertEvent>written(calm.resolve("alerts")), AlertEvent::deliveryKey);
        List<AlertEvent> alertDeliveries = FileSink.written(failing.resolve("alerts"));
        assertFalse(alerts.isEmpty(), "the uninterrupted run raised alerts");
        assertEquals(alerts, byKey(alertDeliveries, AlertEvent::deliveryKey), "every alert delivered, same ids");
        System.out.printf("failover: %d rows (%d deliveries), %d alert changes (%d deliveries), %d checkpoints%n",
                expected.size(), delivered.size(), alerts.size(), alertDeliveries.size(), CHECKPOINTS.get());
    }

    /**
     * The job with RocksDB and incremental checkpoints; {@code fail}: a map that throws once mid-stream (reset
     * {@link #FAILURES} and {@link #CHECKPOINTS} first). {@link MemberParity} runs it too, for the adaptive members.
     */
    static void run(List<AssetWindow> windows, ScoringConfig config, Path out, boolean fail) throws Exception {
        run(windows, config, out, fail ? FAIL_AFTER : -1);
    }

    /** As {@link #run(List, ScoringConfig, Path, boolean)}, the failure after {@code failAfter} messages (none: -1). */
    static void run(List<AssetWindow> windows, ScoringConfig config, Path out, int failAfter) throws Exception {
        boolean fail = failAfter >= 0;
        Configuration conf = ScoringJob.checkpointing(out.resolve("checkpoints").toUri().toString(), Duration.ofMillis(200));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        List<AssetWindow> copy = new ArrayList<>(windows);
        // 100 messages per checkpoint: checkpoints fall mid-stream however slow the machine, and the failure after
        // message 250 comes after at least two completed ones
        var source = new DataGeneratorSource<>(i -> copy.get((int) (long) i), copy.size(), RateLimiterStrategy.perCheckpoint(100),
                TypeInformation.of(AssetWindow.class));
        DataStream<AssetWindow> stream = env.fromSource(source, WatermarkStrategy.noWatermarks(), "azure readings")
                .setParallelism(1);
        if (fail) {
            stream = stream.map(new FailOnce(failAfter)).setParallelism(1);
        }
        ScoringJob.Outputs job = ScoringJob.score(stream, config);
        job.scores().sinkTo(new FileSink<>(out.resolve("scores").toString()));
        job.alerts().sinkTo(new FileSink<>(out.resolve("alerts").toString()));
        job.rejected().sinkTo(new FileSink<>(out.resolve("rejected").toString()));
        env.execute(fail ? "failing" : "calm");
    }

    /** The elements by key; a key delivered more than once must carry the same element each time. */
    private static <T> Map<String, T> byKey(List<T> elements, Function<T, String> key) {
        Map<String, List<T>> grouped = elements.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
        Map<String, T> out = new TreeMap<>();
        grouped.forEach((k, copies) -> {
            assertEquals(1, copies.stream().distinct().count(), "copies of " + k + " differ: " + copies);
            out.put(k, copies.get(0));
        });
        return out;
    }

    /** Passes messages through, and throws once: after {@code failAfter} of them, once two checkpoints completed. */
    static final class FailOnce implements MapFunction<AssetWindow, AssetWindow>, CheckpointListener {
        private final int failAfter;
        private int seen;

        FailOnce(int failAfter) {
            this.failAfter = failAfter;
        }

        @Override
        public AssetWindow map(AssetWindow w) {
            if (++seen > failAfter && CHECKPOINTS.get() >= 2 && FAILURES.compareAndSet(0, 1)) {
                throw new IllegalStateException("injected failure after " + seen + " messages");
            }
            return w;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTS.incrementAndGet();
        }
    }
}
