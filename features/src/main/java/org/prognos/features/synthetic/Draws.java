package org.prognos.features.synthetic;

import java.util.SplittableRandom;

/**
 * One random stream with the draws the simulation needs. Only IEEE-exact arithmetic and {@link StrictMath}
 * are used, so a seed gives the same numbers on every JVM and platform (byte-identical files), which
 * {@link Math#log} and friends do not promise.
 */
final class Draws {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private final SplittableRandom random;
    private double spare;
    private boolean hasSpare;

    Draws(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * The seed of stream {@code stream} of element {@code index}: SplitMix64-mixed so that neighbouring
     * seeds, elements and streams give unrelated sequences.
     */
    static long streamSeed(long seed, long index, int stream) {
        return mix(mix(seed + GOLDEN * (index + 1)) ^ (0xD1B54A32D192ED03L * (stream + 1L)));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    double uniform() {
        return random.nextDouble();
    }

    /** Uniform in [lo, hi). */
    double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    /** Uniform integer in [0, n). */
    int below(int n) {
        return random.nextInt(n);
    }

    /** True with probability {@code p} (always false for p ≤ 0, always true for p ≥ 1). */
    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** Standard normal (Marsaglia's polar method; the second value of each pair is kept for the next call). */
    double gaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.sqrt(-2 * StrictMath.log(s) / s);
        spare = v * m;
        hasSpare = true;
        return u * m;
    }

    /** Log-normal with the given median and log-space standard deviation. */
    double logNormal(double median, double sigma) {
        return median * StrictMath.exp(sigma * gaussian());
    }

    /** Poisson count: inversion below λ = 30, rounded normal approximation above. */
    double poisson(double lambda) {
        if (!(lambda > 0)) {
            return 0;
        }
        if (lambda < 30) {
            double p = StrictMath.exp(-lambda);
            double cdf = p;
            double u = random.nextDouble();
            int k = 0;
            while (u > cdf && k < 200) {
                k++;
                p *= lambda / k;
                cdf += p;
            }
            return k;
        }
        return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian()));
    }

    /**
     * Failures before the first success with success probability {@code p} (the gap to the next missing
     * value): one draw per event instead of one per cell. {@code logOneMinusP} is {@code log(1 - p)}.
     */
    long geometric(double logOneMinusP) {
        if (logOneMinusP == 0) {
            return Long.MAX_VALUE;
        }
        double g = StrictMath.log(1 - random.nextDouble()) / logOneMinusP;
        return g >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) g;
    }
}
