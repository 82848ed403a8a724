package org.prognos.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.prognos.inference.drift.DriftWindow;

/**
 * What drift monitoring adds to the scoring path: recording one 30-feature vector (the Azure guide spec's width) into
 * a model's 500-vector window, by one thread and by four at once on the same model (the lock contended). Judging is
 * not on that path and is not measured here. Run: {@code java -jar benchmarks/target/benchmarks.jar DriftRecord}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DriftRecordBenchmark {
    private DriftWindow window;
    private double[][] vectors;

    @Setup(Level.Trial)
    public void setup() {
        window = new DriftWindow(500, 30);
        SplittableRandom rng = new SplittableRandom(42);
        vectors = new double[1024][30];
        for (double[] v : vectors) {
            for (int c = 0; c < v.length; c++) {
                v[c] = rng.nextGaussian();
            }
        }
    }

    @Benchmark
    @Threads(1)
    public void recordOneThread(Cursor cursor) {
        window.record(vectors[cursor.next()]);
    }

    @Benchmark
    @Threads(4)
    public void recordFourThreads(Cursor cursor) {
        window.record(vectors[cursor.next()]);
    }

    /** Each thread's own position in the vectors. */
    @State(Scope.Thread)
    public static class Cursor {
        private int i;

        int next() {
            return i++ & 1023;
        }
    }
}
