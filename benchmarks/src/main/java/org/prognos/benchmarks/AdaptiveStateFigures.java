package org.prognos.benchmarks;

import java.util.Locale;
import org.prognos.models.anomaly.AdaptiveScorer;

/**
 * One asset's adaptive state on NAB's machine-temperature file ({@link AdaptiveFixture}), with and without the
 * contextual member, as training/ANOMALY.md quotes it: the snapshot's bytes at the end of the file,
 * {@link AdaptiveScorer#estimatedBytes()} at the end and at its largest along the file (read after every row), and
 * the mean time of 20 restores from the end's snapshot after 5 untimed ones (the JMH figure is
 * {@link AdaptiveStepBenchmark}'s {@code restore}). One line per setting. Run from the repository root:
 * {@code java -cp benchmarks/target/benchmarks.jar org.prognos.benchmarks.AdaptiveStateFigures}.
 */
public final class AdaptiveStateFigures {
    private static final int UNTIMED = 5;
    private static final int TIMED = 20;

    private AdaptiveStateFigures() {
    }

    public static void main(String[] args) {
        for (AdaptiveFixture.Settings which : AdaptiveFixture.Settings.values()) {
            AdaptiveFixture f = AdaptiveFixture.machineTemperature(AdaptiveFixture.dataRoot(), which);
            AdaptiveScorer scorer = new AdaptiveScorer(f.model(), f.settings());
            long peak = 0;
            int peakRow = 0;
            for (int r = 0; r < f.rows().length; r++) {
                scorer.next(f.rows()[r]);
                long bytes = scorer.estimatedBytes();
                if (bytes > peak) {
                    peak = bytes;
                    peakRow = r + 1;
                }
            }
            byte[] snapshot = scorer.snapshot();
            long sink = 0;
            for (int i = 0; i < UNTIMED; i++) {
                sink += AdaptiveScorer.restore(f.model(), f.settings(), snapshot).rowsSeen();
            }
            long start = System.nanoTime();
            for (int i = 0; i < TIMED; i++) {
                sink += AdaptiveScorer.restore(f.model(), f.settings(), snapshot).rowsSeen();
            }
            double restoreMs = (System.nanoTime() - start) / 1e6 / TIMED;
            System.out.printf(Locale.ROOT, "%s: rows %d, snapshot %d bytes, estimatedBytes %d at the end, %d at its"
                            + " largest (row %d), restore %.2f ms (mean of %d; rows restored %d)%n", which,
                    f.rows().length, snapshot.length, scorer.estimatedBytes(), peak, peakRow, restoreMs, TIMED,
                    sink / (UNTIMED + TIMED));
        }
    }
}
