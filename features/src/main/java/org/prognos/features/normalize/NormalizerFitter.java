package org.prognos.features.normalize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.prognos.features.InvalidSpecException;
import org.prognos.PrognosException;
import org.prognos.features.telemetry.ReadingSink;
import org.prognos.features.telemetry.TelemetrySource;

/**
 * Fits a {@link FittedNormalizer} on training telemetry in two streaming passes: the first keeps a seeded
 * reservoir sample of operating settings and learns the regimes with k-means++ (Commons Math); the second
 * accumulates each channel's mean and variance per regime (Welford). Memory is bounded by the sample size.
 *
 * <p>Choosing the number of regimes when the config leaves it open: settings are standardized and k-means
 * is run for k = 1..{@value #MAX_AUTO_REGIMES}. Distinct operating conditions (C-MAPSS FD002/FD004: six,
 * two of them close together) leave almost no within-cluster spread once k reaches their number, so the
 * within-cluster sum of squares drops by orders of magnitude at that k and hardly moves after. The k with
 * the largest relative drop is taken if that drop is at least {@value #MIN_AUTO_DROP}× and leaves under
 * {@value #AUTO_EXPLAINED} of the total spread; otherwise the settings are noise around one operating
 * point, or a continuum, and k = 1 (declare {@code regimes} to quantize a continuum).
 */
public final class NormalizerFitter {
    static final int MAX_AUTO_REGIMES = 8;
    static final double AUTO_EXPLAINED = 0.05;
    static final double MIN_AUTO_DROP = 10;
    private static final int KMEANS_ITERATIONS = 200;
    private static final int KMEANS_RESTARTS = 5;

    private final NormalizationConfig config;

    public NormalizerFitter(NormalizationConfig config) {
        this.config = config;
    }

    /**
     * Fits on {@code source}. {@code specChannels} are the spec's channels; the normalized ones are the
     * config's list, or every spec channel except the regime channels.
     */
    public FittedNormalizer fit(TelemetrySource source, List<String> specChannels) {
        List<String> normalized = config.channels().isEmpty()
                ? specChannels.stream().filter(c -> !config.regimeChannels().contains(c)).toList()
                : config.channels();
        int[] valueIdx = indices(source, normalized);
        int[] regimeIdx = indices(source, config.regimeChannels());
        int nr = regimeIdx.length;

        double[] center = new double[nr];
        double[] scale = new double[nr];
        double[][] centroids;
        if (nr == 0 || Integer.valueOf(1).equals(config.regimes())) {
            centroids = new double[1][nr];
            Arrays.fill(scale, 1.0);
        } else {
            List<double[]> sample = reservoir(source, regimeIdx);
            if (sample.isEmpty()) {
                throw new PrognosException("cannot learn operating regimes: " + source.name() + " has no reading with every regime channel set");
            }
            for (int i = 0; i < nr; i++) {
                final int col = i;
                double[] col_ = sample.stream().mapToDouble(s -> s[col]).toArray();
                center[i] = new Mean().evaluate(col_);
                double sd = new org.apache.commons.math3.stat.descriptive.moment.StandardDeviation().evaluate(col_);
                scale[i] = sd > 0 ? sd : 1.0;
            }
            List<DoublePoint> points = new ArrayList<>(sample.size());
            for (double[] s : sample) {
                double[] z = new double[nr];
                for (int i = 0; i < nr; i++) {
                    z[i] = (s[i] - center[i]) / scale[i];
                }
                points.add(new DoublePoint(z));
            }
            centroids = config.regimes() != null ? kmeans(points, config.regimes()) : autoRegimes(points);
        }
        FittedNormalizer assign = new FittedNormalizer(normalized, config.regimeChannels(), center, scale, centroids,
                new double[centroids.length][normalized.size()], new double[centroids.length][normalized.size()],
                new long[centroids.length]);
        return accumulate(source, assign, valueIdx, regimeIdx);
    }

    private static int[] indices(TelemetrySource source, List<String> names) {
        int[] idx = new int[names.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = source.channels().indexOf(names.get(i));
            if (idx[i] < 0) {
                throw new InvalidSpecException("normalization channel '" + names.get(i) + "' is not in " + source.name()
                        + "; available: " + source.channels());
            }
        }
        return idx;
    }

    private List<double[]> reservoir(TelemetrySource source, int[] regimeIdx) {
        SplittableRandom rng = new SplittableRandom(config.seed());
        List<double[]> sample = new ArrayList<>(config.sampleSize());
        long[] seen = {0};
        forEach(source, (asset, t, v) -> {
            double[] s = new double[regimeIdx.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = v[regimeIdx[i]];
                if (s[i] != s[i]) {
                    return;
                }
            }
            long n = ++seen[0];
            if (sample.size() < config.sampleSize()) {
                sample.add(s);
            } else {
                long j = rng.nextLong(n);
                if (j < config.sampleSize()) {
                    sample.set((int) j, s);
                }
            }
        });
        return sample;
    }

    private double[][] autoRegimes(List<DoublePoint> points) {
        double total = 0;
        double[] mean = new double[points.get(0).getPoint().length];
        for (DoublePoint p : points) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += p.getPoint()[i] / points.size();
            }
        }
        for (DoublePoint p : points) {
            total += sq(p.getPoint(), mean);
        }
        if (total <= 0) {
            return new double[][] {mean};
        }
        double previous = total;
        double bestDrop = 0;
        double[][] best = null;
        for (int k = 2; k <= Math.min(MAX_AUTO_REGIMES, points.size()); k++) {
            double[][] c = kmeans(points, k);
            double within = 0;
            for (DoublePoint p : points) {
                double nearest = Double.POSITIVE_INFINITY;
                for (double[] ci : c) {
                    nearest = Math.min(nearest, sq(p.getPoint(), ci));
                }
                within += nearest;
            }
            double drop = previous / Math.max(within, total * 1e-15);
            if (drop > bestDrop && within < AUTO_EXPLAINED * total) {
                bestDrop = drop;
                best = c;
            }
            previous = within;
        }
        return bestDrop >= MIN_AUTO_DROP ? best : new double[][] {mean};
    }

    private double[][] kmeans(List<DoublePoint> points, int k) {
        if (k == 1) {
            double[] m = new double[points.get(0).getPoint().length];
            for (DoublePoint p : points) {
                for (int i = 0; i < m.length; i++) {
                    m[i] += p.getPoint()[i] / points.size();
                }
            }
            return new double[][] {m};
        }
        JDKRandomGenerator rng = new JDKRandomGenerator();
        rng.setSeed(config.seed());
        double[][] best = null;
        double bestWithin = Double.POSITIVE_INFINITY;
        for (int attempt = 0; attempt < KMEANS_RESTARTS; attempt++) {
            KMeansPlusPlusClusterer<DoublePoint> km = new KMeansPlusPlusClusterer<>(k, KMEANS_ITERATIONS,
                    new org.apache.commons.math3.ml.distance.EuclideanDistance(), rng);
            List<CentroidCluster<DoublePoint>> clusters = km.cluster(points);
            double within = 0;
            for (CentroidCluster<DoublePoint> cl : clusters) {
                for (DoublePoint p : cl.getPoints()) {
                    within += sq(p.getPoint(), cl.getCenter().getPoint());
                }
            }
            if (within < bestWithin) {
                bestWithin = within;
                // Sort centroids so the regime numbering does not depend on cluster order.
                best = clusters.stream().map(cl -> cl.getCenter().getPoint().clone())
                        .sorted(NormalizerFitter::lexicographic).toArray(double[][]::new);
            }
        }
        return best;
    }

    private static int lexicographic(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = Double.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static double sq(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }

    private FittedNormalizer accumulate(TelemetrySource source, FittedNormalizer assign, int[] valueIdx, int[] regimeIdx) {
        int regimes = assign.regimeCount();
        int nc = valueIdx.length;
        long[][] n = new long[regimes][nc];
        double[][] mean = new double[regimes][nc];
        double[][] m2 = new double[regimes][nc];
        long[] counts = new long[regimes];
        double[] settings = new double[regimeIdx.length];
        forEach(source, (asset, t, v) -> {
            for (int i = 0; i < settings.length; i++) {
                settings[i] = v[regimeIdx[i]];
            }
            int r = assign.regimeOf(settings);
            counts[r]++;
            for (int c = 0; c < nc; c++) {
                double x = v[valueIdx[c]];
                if (x == x) {
                    long k = ++n[r][c];
                    double d = x - mean[r][c];
                    mean[r][c] += d / k;
                    m2[r][c] += d * (x - mean[r][c]);
                }
            }
        });
        double[][] std = new double[regimes][nc];
        for (int r = 0; r < regimes; r++) {
            for (int c = 0; c < nc; c++) {
                if (n[r][c] == 0) {
                    mean[r][c] = 0;
                    std[r][c] = 1;
                } else {
                    std[r][c] = n[r][c] > 1 ? Math.sqrt(m2[r][c] / (n[r][c] - 1)) : 0;
                }
            }
        }
        return new FittedNormalizer(assign.channels(), assign.regimeChannels(), assign.regimeCenter(),
                assign.regimeScale(), assign.centroids(), mean, std, counts);
    }

    private static void forEach(TelemetrySource source, ReadingSink sink) {
        try {
            source.forEach(sink);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + source.name(), e);
        }
    }
}
