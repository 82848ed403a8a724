package org.prognos.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.prognos.models.anomaly.AdaptiveScorer;

/**
 * One asset's {@link AdaptiveScorer} on the ingest path, per row, on NAB's machine-temperature file as the NAB runner
 * scores it ({@link AdaptiveFixture}): configuration 43's online neighbours alone ({@code NEIGHBOURS}) and
 * configuration 58's with the contextual member, memory 2000 ({@code CONTEXTUAL}).
 * <ul>
 * <li>{@code step}: µs per row in steady state. A scorer fed the first {@value #WARM_ROWS} rows (its neighbour ring
 * full, the member past its learning and its younger detector started) is snapshotted once; before each invocation
 * (untimed) a scorer is restored from it, and the invocation feeds it the next {@value #BLOCK} rows of the file. Every
 * invocation does the same work on distinct rows, each step changing the rings, and the steps' sum is returned, so
 * nothing is dead code; {@code AdaptiveStepBenchmarkTest} checks the restored scorer answers those rows as
 * {@link AdaptiveScorer#scoreAll} does and that its state moves.</li>
 * <li>{@code snapshot} and {@code restore}: µs for one asset's scorer as it stands at the end of the file (22,695
 * rows), the state the service writes and a restart reads; {@code AdaptiveStateFigures} prints the bytes.</li>
 * </ul>
 * Run from the repository root (the bundled data is read from {@code notebooks-data}):
 * {@code java -jar benchmarks/target/benchmarks.jar AdaptiveStep -f 2 -wi 3 -i 3}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 2, jvmArgsAppend = "-Xmx1g")
public class AdaptiveStepBenchmark {
    /** Rows fed before the timed ones: past the probation (750), the ring of 2000 and the member's first 2000. */
    static final int WARM_ROWS = 5000;
    /** Rows timed per invocation, after the warm ones. */
    static final int BLOCK = 2000;

    /** The fixture and the scorer's states, built once per trial outside the measurement. */
    @State(Scope.Thread)
    public static class Fixture {
        @Param({"NEIGHBOURS", "CONTEXTUAL"})
        public AdaptiveFixture.Settings settings;

        AdaptiveFixture fixture;
        byte[] warm;
        AdaptiveScorer atEnd;
        byte[] atEndBytes;

        @Setup(Level.Trial)
        public void build() {
            fixture = AdaptiveFixture.machineTemperature(AdaptiveFixture.dataRoot(), settings);
            warm = fixture.fedWith(WARM_ROWS).snapshot();
            atEnd = fixture.fedWith(fixture.rows().length);
            atEndBytes = atEnd.snapshot();
        }
    }

    /** A scorer restored from the warm snapshot before each invocation (untimed). */
    @State(Scope.Thread)
    public static class Warm {
        AdaptiveScorer scorer;

        @Setup(Level.Invocation)
        public void restore(Fixture f) {
            scorer = AdaptiveScorer.restore(f.fixture.model(), f.fixture.settings(), f.warm);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public double step(Fixture f, Warm w) {
        return feedBlock(w.scorer, f.fixture.rows());
    }

    @Benchmark
    public byte[] snapshot(Fixture f) {
        return f.atEnd.snapshot();
    }

    @Benchmark
    public AdaptiveScorer restore(Fixture f) {
        return AdaptiveScorer.restore(f.fixture.model(), f.fixture.settings(), f.atEndBytes);
    }

    /** Feeds {@code scorer} rows {@value #WARM_ROWS} … +{@value #BLOCK}; the sum of every step's numbers. */
    static double feedBlock(AdaptiveScorer scorer, double[][] rows) {
        double sum = 0;
        for (int r = WARM_ROWS; r < WARM_ROWS + BLOCK; r++) {
            AdaptiveScorer.Step s = scorer.next(rows[r]);
            sum += s.raw() + s.likelihood() + s.score();
        }
        return sum;
    }
}
