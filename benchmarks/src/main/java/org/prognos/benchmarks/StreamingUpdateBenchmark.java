package org.prognos.benchmarks;

import java.nio.file.Path;
import java.util.Map;
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
import org.openjdk.jmh.infra.Blackhole;
import org.prognos.features.extract.AssetState;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.spec.SpecJson;

/**
 * Cost of one streaming update — one reading into an asset's state, and the row it emits — for the peer's
 * rolling workload (a row per reading) and for the Azure guide spec (span windows, a row every 3 readings).
 * Run: {@code java -jar benchmarks/target/benchmarks.jar StreamingUpdate}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StreamingUpdateBenchmark {
    @Param({"peer-rolling-24", "azure-guide"})
    public String spec;

    private AssetState state;
    private double[] values;
    private long time;
    private long step;
    private int hours;
    private int i;
    private Blackhole sinkHole;

    @Setup(Level.Trial)
    public void setup(Blackhole bh) {
        FeatureSpec s = spec.equals("azure-guide")
                ? SpecJson.read(Path.of(System.getProperty("prognos.specs", "notebooks-data/specs"), "azure-guide.json"))
                : PeerWorkload.spec();
        FeatureExtractor ex = new FeatureExtractor(s);
        hours = 8760;
        values = PeerWorkload.machine(0, hours, 42);
        step = s.time().axis().equals("cycles") ? 1 : 3_600_000_000L;
        state = ex.newState("m0", Map.of("model", "model3", "age", "10"));
        sinkHole = bh;
    }

    @Benchmark
    public void update() {
        int h = i++ % hours;
        double[] row = new double[4];
        System.arraycopy(values, h * 4, row, 0, 4);
        time += step;
        state.reading(time, row, (a, t, v) -> sinkHole.consume(v[0]));
    }
}
