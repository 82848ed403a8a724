package org.prognos.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.history.RecentHistory;
import org.prognos.inference.scoring.ReadingWindow;
import org.prognos.inference.scoring.WindowSchema;
import org.prognos.inference.state.AssetScore;
import org.prognos.inference.tenant.AssetKey;
import org.prognos.models.runtime.answer.ModelRef;

/**
 * What the live page's recent history adds to each commit of the streaming path: recording one scored window of one
 * 4-channel reading, on one thread, with the default bounds. {@code fleet} assets take turns: 500 all fit (every score
 * is copied into its asset's ring buffers); 100,000 do not, at a steady risk per asset (almost every score is turned
 * away by one look-up and one comparison) or at a risk drawn anew for every score (the worst case: the floor keeps
 * falling and admissions scan the kept trails). Run: {@code java -jar benchmarks/target/benchmarks.jar RecentHistory}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecentHistoryBenchmark {
    @Param({"500", "100000"})
    public int fleet;
    @Param({"steady", "drawn"})
    public String risk;

    private RecentHistory history;
    private AssetScore[] scores;
    private int next;

    @Setup(Level.Trial)
    public void setup() {
        List<String> channels = List.of("volt", "rotate", "pressure", "vibration");
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < channels.size(); i++) {
            index.put(channels.get(i), i);
        }
        WindowSchema schema = new WindowSchema("azure", channels, index, TimeAxis.Timestamps.utc(), false);
        ModelRef model = new ModelRef("azure", 1);
        history = new RecentHistory();
        scores = new AssetScore[1 << 16];
        for (int k = 0; k < scores.length; k++) {
            long t = k * TimeAxis.Timestamps.MICROS_PER_HOUR;
            int asset = (int) ((k * 2654435761L) % fleet);
            double r = risk.equals("steady") ? (asset % 1000) / 1000.0 : ((k * 7919L) % 1000) / 1000.0;
            ReadingWindow w = new ReadingWindow(schema, Optional.empty(), new long[] {t}, new double[] {170, 450, 100, 40}, List.of(),
                    Map.of(), OptionalLong.empty(), List.of());
            scores[k] = new AssetScore(AssetKey.of("m" + asset).id(), model, t, "2015-10-30 21:00:00", r, "low", 0.5, Optional.empty(), w);
        }
    }

    @Benchmark
    public void record() {
        history.scored(List.of(scores[next++ & (scores.length - 1)]), null).run();
    }
}
