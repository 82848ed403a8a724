package org.prognos.flink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.prognos.features.extract.AssetState;
import org.prognos.flink.job.ScoringJob;
import org.prognos.flink.score.AssetWindow;
import org.prognos.flink.score.ModelSource;
import org.prognos.flink.score.ScoringConfig;
import org.prognos.flink.score.WindowScorer;
import org.prognos.live.alert.AlertTracker;
import org.prognos.models.runtime.FeatureVector;

/**
 * The Flink job's figures (not a test: a main, run by hand; speed is measured here, never asserted). The load is a
 * synthetic fleet of {@link CloneFleet clones of real Azure readings}, one reading a message, scored with the runtime's
 * Azure 24 h test model. The stream is {@code warmup} hours of every asset (until each asset's 24 h windows are full,
 * so that later readings are scored), then {@code rounds} blocks of {@code block} hours; a round's figure is the
 * block's readings over the time the source took to hand them over (with back pressure, the rate the job keeps up),
 * and the CPU time the whole JVM spent meanwhile per reading (steadier than the rate on a shared machine).
 *
 * <pre>
 * java -Xmx5g -cp ... org.prognos.flink.FlinkBench flink  --assets 100000 --work /tmp/fb [--warmup 24 --block 6 --rounds 3 --interval 10 --cache 50000]
 * java -Xmx5g -cp ... org.prognos.flink.FlinkBench single --assets 100000 --work /tmp/fb [same]
 * </pre>
 *
 * <ul>
 * <li>{@code flink}: the job ({@link ScoringJob#score}) on a MiniCluster of one task manager with 2 slots, parallelism
 * 2, RocksDB with incremental checkpoints every {@code interval} seconds to {@code work}, {@code cache} decoded assets
 * per task ({@link ScoringConfig#cachedAssets()}; 0: decode and encode at every message); reports each round's
 * readings/s and every completed checkpoint (size of the whole state, bytes this checkpoint uploaded, duration), and
 * the state bytes per asset from the last checkpoint.</li>
 * <li>{@code single}: the same windows through the same {@link WindowScorer} steps in one thread, every asset's state
 * and alert tracker held as objects in a map (the single-machine streaming path, without Flink and without the
 * service's transport); reports each round's readings/s and the snapshot bytes per asset.</li>
 * </ul>
 * One JSON line per round and per checkpoint, and a summary line.
 */
public final class FlinkBench {
    /** Source-side wall-clock time (nanos, millis) at which the message of each index in {@link #MARKS} was made. */
    static final Map<Long, long[]> MARKED = new ConcurrentHashMap<>();
    static final AtomicLong SCORES = new AtomicLong();
    static final AtomicLong ALERTS = new AtomicLong();
    static final AtomicLong REJECTED = new AtomicLong();

    private FlinkBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> f = flags(args);
        String mode = args.length == 0 ? "" : args[0];
        int assets = Integer.parseInt(f.getOrDefault("assets", "100000"));
        int warmup = Integer.parseInt(f.getOrDefault("warmup", "24"));
        int block = Integer.parseInt(f.getOrDefault("block", "6"));
        int rounds = Integer.parseInt(f.getOrDefault("rounds", "3"));
        Path work = Path.of(f.getOrDefault("work", "/tmp/prognos-flink-bench"));
        Load load = new Load(new CloneFleet(assets, warmup + block * rounds), warmup, block, rounds);
        Files.createDirectories(work);
        ModelSource model = AzureStream.publish(Files.createTempDirectory(work, "registry"));
        ScoringConfig config = ScoringConfig.defaults(model, load.fleet().attributes())
                .withCachedAssets(Integer.parseInt(f.getOrDefault("cache", String.valueOf(ScoringConfig.DEFAULT_CACHED_ASSETS))));
        switch (mode) {
            case "flink" -> flink(load, config, work, Integer.parseInt(f.getOrDefault("interval", "10")));
            case "single" -> single(load, config);
            default -> throw new IllegalArgumentException("usage: FlinkBench flink|single --assets N --work DIR"
                    + " [--warmup 24 --block 6 --rounds 3 --interval 10 --cache 50000]");
        }
    }

    /** The stream's shape: warm-up hours, then rounds of {@code block} hours. */
    record Load(CloneFleet fleet, int warmup, int block, int rounds) implements java.io.Serializable {
        /** The first message of round {@code r} (and with {@code r == rounds}, the stream's end). */
        long roundStart(int r) {
            return (long) fleet.assets() * (warmup + (long) r * block);
        }

        long readingsPerRound() {
            return (long) fleet.assets() * block;
        }

        String describe() {
            return String.format("\"assets\":%d,\"warmupHours\":%d,\"blockHours\":%d,\"rounds\":%d,\"load\":\"synthetic:"
                    + " clones of the bundled Azure PdM machines, one reading a message, Azure 24 h test model\"",
                    fleet.assets(), warmup, block, rounds);
        }
    }

    /** The fleet's messages, marking the wall-clock time of each round's first message (and of the last). */
    record MarkingFleet(Load load) implements GeneratorFunction<Long, AssetWindow> {
        @Override
        public AssetWindow map(Long index) {
            long i = index;
            for (int r = 0; r <= load.rounds(); r++) {
                long mark = r == load.rounds() ? load.roundStart(r) - 1 : load.roundStart(r);
                if (i == mark) {
                    MARKED.put(i, new long[] {System.nanoTime(), System.currentTimeMillis(), processCpuNanos()});
                }
            }
            return load.fleet().window(i);
        }
    }

    /** CPU time of this JVM so far, every thread: the job's source, tasks, state backend and collector together. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void flink(Load load, ScoringConfig config, Path work, int intervalSeconds) throws Exception {
        Configuration cluster = new Configuration();
        cluster.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("1g"));     // RocksDB's, both slots
        MiniCluster mini = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(cluster)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(2).build());
        mini.start();
        TestStreamEnvironment.setAsContext(mini, 2);
        try {
            Path checkpoints = Files.createTempDirectory(work, "checkpoints");
            Configuration conf = ScoringJob.checkpointing(checkpoints.toUri().toString(), Duration.ofSeconds(intervalSeconds));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(2);
            long messages = load.roundStart(load.rounds());
            var source = new DataGeneratorSource<>(new MarkingFleet(load), messages, TypeInformation.of(AssetWindow.class));
            var windows = env.fromSource(source, WatermarkStrategy.noWatermarks(), "clone fleet").setParallelism(1);
            ScoringJob.Outputs out = ScoringJob.score(windows, config);
            out.scores().sinkTo(new Counting<>("scores"));
            out.alerts().sinkTo(new Counting<>("alerts"));
            out.rejected().sinkTo(new Counting<>("rejected"));
            JobClient job = env.executeAsync("prognos flink bench");
            job.getJobExecutionResult().get();
            List<Double> rates = rounds(load, "flink");
            JobID id = job.getJobID();
            List<AbstractCheckpointStats> stats = mini.getArchivedExecutionGraph(id).get().getCheckpointStatsSnapshot()
                    .getHistory().getCheckpoints();
            long warm = MARKED.get(load.roundStart(0))[1];
            AbstractCheckpointStats last = null;
            List<Double> seconds = new ArrayList<>();
            List<Long> sizes = new ArrayList<>();
            List<Long> uploaded = new ArrayList<>();
            for (AbstractCheckpointStats c : stats.stream().sorted((a, b) -> Long.compare(a.getCheckpointId(), b.getCheckpointId())).toList()) {
                boolean full = c.getTriggerTimestamp() >= warm;
                System.out.printf("{\"type\":\"checkpoint\",\"id\":%d,\"status\":\"%s\",\"afterWarmup\":%b,\"stateBytes\":%d,"
                        + "\"uploadedBytes\":%d,\"seconds\":%.3f}%n", c.getCheckpointId(), c.getStatus(), full,
                        c.getStateSize(), c.getCheckpointedSize(), c.getEndToEndDuration() / 1000.0);
                if (full && c.getStatus() == CheckpointStatsStatus.COMPLETED) {
                    last = c;
                    seconds.add(c.getEndToEndDuration() / 1000.0);
                    sizes.add(c.getStateSize());
                    uploaded.add(c.getCheckpointedSize());
                }
            }
            System.out.printf("{\"type\":\"summary\",\"mode\":\"flink\",%s,\"medianReadingsPerSecond\":%.0f,\"scores\":%d,"
                    + "\"alerts\":%d,\"rejected\":%d,\"checkpointsAfterWarmup\":%d,\"medianCheckpointSeconds\":%.3f,"
                    + "\"medianStateBytes\":%d,\"medianUploadedBytes\":%d,\"stateBytesPerAsset\":%.0f,\"heapMaxBytes\":%d,"
                    + "\"cachedAssets\":%d}%n",
                    load.describe(), median(rates), SCORES.get(), ALERTS.get(), REJECTED.get(), seconds.size(),
                    median(seconds), (long) median(sizes.stream().map(Long::doubleValue).toList()),
                    (long) median(uploaded.stream().map(Long::doubleValue).toList()),
                    last == null ? Double.NaN : last.getStateSize() / (double) load.fleet().assets(),
                    Runtime.getRuntime().maxMemory(), config.cachedAssets());
        } finally {
            TestStreamEnvironment.unsetAsContext();
            mini.close();
        }
    }

    /** The same windows through the same steps, every asset's state an object in a map, one thread. */
    private static void single(Load load, ScoringConfig config) {
        Map<String, AssetState> states = new HashMap<>();
        Map<String, AlertTracker> trackers = new HashMap<>();
        MarkingFleet fleet = new MarkingFleet(load);
        try (WindowScorer scorer = WindowScorer.open(config)) {
            long messages = load.roundStart(load.rounds());
            for (long i = 0; i < messages; i++) {
                AssetWindow w = fleet.map(i);
                AssetState state = states.computeIfAbsent(w.asset(), scorer::newState);
                if (!WindowScorer.accepts(state, w)) {
                    REJECTED.incrementAndGet();
                    continue;
                }
                List<FeatureVector> rows = scorer.apply(state, w);
                if (!rows.isEmpty()) {
                    WindowScorer.Scored s = scorer.score(w.asset(), rows, trackers.computeIfAbsent(w.asset(), scorer::newTracker));
                    SCORES.addAndGet(s.rows().size());
                    ALERTS.addAndGet(s.alerts().size());
                }
            }
            List<Double> rates = rounds(load, "single");
            long snapshotBytes = states.values().stream().mapToLong(s -> s.snapshot().length).sum();
            long trackerBytes = trackers.values().stream().mapToLong(t -> t.state().encode().length).sum();
            System.out.printf("{\"type\":\"summary\",\"mode\":\"single\",%s,\"medianReadingsPerSecond\":%.0f,\"scores\":%d,"
                    + "\"alerts\":%d,\"rejected\":%d,\"snapshotBytesPerAsset\":%.0f,\"trackerBytesPerAsset\":%.0f,"
                    + "\"heapMaxBytes\":%d}%n", load.describe(), median(rates), SCORES.get(), ALERTS.get(), REJECTED.get(),
                    snapshotBytes / (double) states.size(), trackerBytes / (double) states.size(), Runtime.getRuntime().maxMemory());
        }
    }

    /** Each round's readings/s from the source-side marks, printed; the rates. */
    private static List<Double> rounds(Load load, String mode) {
        List<Double> rates = new ArrayList<>();
        for (int r = 0; r < load.rounds(); r++) {
            long from = load.roundStart(r);
            long to = r + 1 == load.rounds() ? load.roundStart(r + 1) - 1 : load.roundStart(r + 1);
            double seconds = (MARKED.get(to)[0] - MARKED.get(from)[0]) / 1e9;
            double rate = (to - from) / seconds;
            double cpuMicros = (MARKED.get(to)[2] - MARKED.get(from)[2]) / 1e3 / (to - from);
            rates.add(rate);
            System.out.printf("{\"type\":\"round\",\"mode\":\"%s\",\"round\":%d,\"readings\":%d,\"seconds\":%.3f,"
                    + "\"readingsPerSecond\":%.0f,\"cpuMicrosPerReading\":%.1f}%n", mode, r + 1, to - from, seconds, rate,
                    cpuMicros);
        }
        return rates;
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static Map<String, String> flags(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value at " + Arrays.toString(Arrays.copyOfRange(args, i, args.length)));
            }
            out.put(args[i].substring(2), args[i + 1]);
        }
        return out;
    }

    /** A sink that counts what it is given (in this JVM: the MiniCluster runs here). */
    record Counting<T>(String name) implements Sink<T> {
        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            AtomicLong counter = switch (name) {
                case "scores" -> SCORES;
                case "alerts" -> ALERTS;
                default -> REJECTED;
            };
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context ctx) {
                    counter.incrementAndGet();
                }

                @Override
                public void flush(boolean endOfInput) {
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
