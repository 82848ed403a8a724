package org.prognos.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.prognos.features.spec.EmitConfig;
import org.prognos.features.spec.FeatureGroup;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.spec.TimeConfig;
import org.prognos.features.spec.WindowConfig;

/**
 * The workload of ../shared/peers/features_throughput.py: a trailing 24-sample rolling mean, std (N−1), min,
 * max and least-squares slope of every channel at every row (full windows only), and its synthetic input —
 * hourly random walk plus noise around the peer's base levels. Synthetic data, for speed only.
 */
final class PeerWorkload {
    static final List<String> CHANNELS = List.of("c0", "c1", "c2", "c3");
    private static final double[] BASE = {170, 450, 100, 40};

    private PeerWorkload() {
    }

    static FeatureSpec spec() {
        return new FeatureSpec(null, "peer-rolling-24", "pandas groupby().rolling(24) mean/std/min/max/slope",
                TimeConfig.cycles(), CHANNELS, Map.of("w24", WindowConfig.ofSamples(24)), EmitConfig.everySample(), true,
                null, null, List.of(new FeatureGroup.WindowStats(List.of("mean", "std", "min", "max", "slope"), List.of(), "w24")),
                null, null);
    }

    /** Values of one machine, row-major [hour * 4 + channel]; seeded per machine so machines are independent. */
    static double[] machine(int machine, int hours, long seed) {
        SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + machine);
        double[] v = new double[hours * 4];
        for (int c = 0; c < 4; c++) {
            double walk = 0;
            for (int h = 0; h < hours; h++) {
                walk += gaussian(rng) * 0.05;
                v[h * 4 + c] = BASE[c] + walk + gaussian(rng) * BASE[c] * 0.05;
            }
        }
        return v;
    }

    private static double gaussian(SplittableRandom rng) {
        // Box–Muller (SplittableRandom has no nextGaussian on Java 17)
        double u = 1.0 - rng.nextDouble();
        double w = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    }
}
