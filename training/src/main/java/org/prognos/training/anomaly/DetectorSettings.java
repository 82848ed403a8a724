package org.prognos.training.anomaly;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.prognos.PrognosException;
import org.prognos.features.InvalidSpecException;
import org.prognos.models.anomaly.AutoencoderDetector;
import org.prognos.models.anomaly.Detector;
import org.prognos.models.anomaly.IsolationForestDetector;
import org.prognos.models.anomaly.NeighbourDetector;
import org.prognos.models.anomaly.PcaDetector;
import org.prognos.models.anomaly.ZScoreDetector;
import org.prognos.training.config.ModelFamily;

/**
 * The hyperparameters of an anomaly family ({@code model.params}), one case per family; each case fits its
 * detector on scaled normal rows. Defaults are the named constructors.
 */
public sealed interface DetectorSettings permits DetectorSettings.Pca, DetectorSettings.Knn, DetectorSettings.ZScore,
        DetectorSettings.IsolationForest, DetectorSettings.Autoencoder {

    /** The percentile of T² and Q on the normal training rows that scales them in the PCA raw score. */
    double PCA_SCALE_PERCENTILE = 0.99;

    /** Fits the detector on {@code z}, normal training rows already scaled; {@code seed} drives any sampling. */
    Detector fit(double[][] z, long seed);

    /**
     * Fits as {@link #fit(double[][], long)} and tells {@code log} how the fit went, for families that train in epochs
     * (the others say nothing).
     */
    default Detector fit(double[][] z, long seed, java.util.function.Consumer<String> log) {
        return fit(z, seed);
    }

    /** The settings as name → value, for provenance and the job log, in the order the family declares them. */
    Map<String, Object> asMap();

    /**
     * The fewest normal fitting rows an asset needs for a detector of its own ({@code task.detector: asset}) over
     * {@code columns} columns; an asset with fewer keeps the fleet's. The one place these minimums are defined, each case
     * saying why its own; none is tuned on any data set.
     */
    int ownDetectorMinRows(int columns);

    /**
     * {@code name, value, …} as an unmodifiable map in that order. Not {@code Map.of}: its iteration order changes from
     * one JVM to the next, and the manifest's {@code provenance.hyperparameters} would with it.
     */
    private static Map<String, Object> ordered(Object... nameValue) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put((String) nameValue[i], nameValue[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * The settings of {@code family} with {@code params} over its defaults.
     *
     * @throws InvalidSpecException naming {@code model.params.<key>} for an unknown or bad parameter
     */
    static DetectorSettings of(ModelFamily family, Map<String, JsonNode> params) {
        DetectorSettings s = switch (family) {
            case PCA -> new Pca(number(params, "varianceKept", Pca.defaults().varianceKept()));
            case KNN -> new Knn((int) number(params, "k", Knn.defaults().k()), (int) number(params, "memory", Knn.defaults().memory()));
            case ZSCORE -> new ZScore();
            case ISOLATION_FOREST -> new IsolationForest((int) number(params, "trees", IsolationForest.defaults().trees()),
                    (int) number(params, "sampleSize", IsolationForest.defaults().sampleSize()));
            case AUTOENCODER -> {
                Autoencoder d = Autoencoder.defaults();
                yield new Autoencoder((int) number(params, "hidden", d.hidden()), (int) number(params, "bottleneck", d.bottleneck()),
                        (int) number(params, "maxEpochs", d.maxEpochs()), (int) number(params, "patience", d.patience()),
                        (int) number(params, "batchSize", d.batchSize()), number(params, "learningRate", d.learningRate()));
            }
            default -> throw new InvalidSpecException("'model.family' " + family + " is not an anomaly detector; an anomaly"
                    + " task takes pca, knn, isolation-forest, autoencoder or zscore");
        };
        Set<String> known = s.asMap().keySet();
        for (String key : params.keySet()) {
            if (!known.contains(key)) {
                throw new InvalidSpecException("at 'model.params." + key + "': unknown hyperparameter of " + family
                        + "; expected one of " + known);
            }
        }
        return s;
    }

    private static double number(Map<String, JsonNode> params, String key, double fallback) {
        JsonNode v = params.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw new InvalidSpecException("at 'model.params." + key + "': expected a number, found " + v);
        }
        return v.asDouble();
    }

    /**
     * PCA with Hotelling T² and Q ({@link PcaDetector}).
     *
     * @param varianceKept the share of the normal rows' variance the retained components explain, in (0, 1]
     */
    record Pca(double varianceKept) implements DetectorSettings {
        public Pca {
            if (!(varianceKept > 0 && varianceKept <= 1)) {
                throw new InvalidSpecException("at 'model.params.varianceKept': must be in (0, 1], found " + varianceKept);
            }
        }

        /** 95 % of the variance. */
        public static Pca defaults() {
            return new Pca(0.95);
        }

        /**
         * Eigen-decomposes the covariance (N − 1) of {@code z} and keeps the fewest leading components explaining
         * {@code varianceKept} of its trace, at most n − 1 (with fewer rows than columns the rest have no variance)
         * and only those whose eigenvalue is above 1e-10 of the trace (numerically zero otherwise).
         */
        @Override
        public Detector fit(double[][] z, long seed) {
            int n = z.length;
            if (n < 2) {
                throw new PrognosException("PCA needs at least 2 normal training rows, found " + n + " (check 'task.normal')");
            }
            int d = z[0].length;
            double[] mean = new double[d];
            for (double[] row : z) {
                for (int c = 0; c < d; c++) {
                    mean[c] += row[c] / n;
                }
            }
            double[][] cov = new double[d][d];
            for (double[] row : z) {
                for (int a = 0; a < d; a++) {
                    double da = row[a] - mean[a];
                    if (da == 0) {
                        continue;
                    }
                    for (int b = a; b < d; b++) {
                        cov[a][b] += da * (row[b] - mean[b]);
                    }
                }
            }
            double trace = 0;
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    cov[a][b] /= n - 1;
                    cov[b][a] = cov[a][b];
                }
                trace += cov[a][a];
            }
            if (!(trace > 0)) {
                throw new PrognosException("every feature column is constant on the normal training rows: PCA has nothing to fit");
            }
            EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(cov, false));
            double[] values = eig.getRealEigenvalues();
            Integer[] order = new Integer[d];
            for (int i = 0; i < d; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
            List<double[]> loadings = new ArrayList<>();
            List<Double> kept = new ArrayList<>();
            double explained = 0;
            for (int i = 0; i < d && loadings.size() < n - 1; i++) {
                double lambda = values[order[i]];
                if (!(lambda > 1e-10 * trace) || explained >= varianceKept * trace) {
                    break;
                }
                double[] v = eig.getEigenvector(order[i]).toArray();
                orient(v);
                loadings.add(v);
                kept.add(lambda);
                explained += lambda;
            }
            double[][] p = loadings.toArray(double[][]::new);
            double[] l = kept.stream().mapToDouble(Double::doubleValue).toArray();
            PcaDetector unit = new PcaDetector(p, l, 1, 1);
            double[] t2 = new double[n];
            double[] q = new double[n];
            for (int r = 0; r < n; r++) {
                t2[r] = unit.t2(z[r]);
                q[r] = unit.q(z[r]);
            }
            double qFloor = 1e-9 * trace;            // every direction kept: Q is 0 on every normal row
            return new PcaDetector(p, l, Math.max(percentile(t2, PCA_SCALE_PERCENTILE), 1e-9),
                    Math.max(percentile(q, PCA_SCALE_PERCENTILE), qFloor));
        }

        @Override
        public Map<String, Object> asMap() {
            return ordered("varianceKept", varianceKept);
        }

        /**
         * Columns + 1, at least 2: a covariance of d columns has full rank only from d + 1 rows; with fewer, T² and Q
         * would be measured against the few directions the asset's rows happen to span.
         */
        @Override
        public int ownDetectorMinRows(int columns) {
            return Math.max(2, columns + 1);
        }

        /** Eigenvectors have no sign; fix one (largest entry positive) so refits give the same numbers. */
        private static void orient(double[] v) {
            int big = 0;
            for (int i = 1; i < v.length; i++) {
                if (Math.abs(v[i]) > Math.abs(v[big])) {
                    big = i;
                }
            }
            if (v[big] < 0) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = -v[i];
                }
            }
        }
    }

    /**
     * Nearest remembered normal rows ({@link NeighbourDetector}).
     *
     * @param k      neighbours averaged, at least 1
     * @param memory normal rows remembered (a seeded uniform sample), 1 to {@value NeighbourDetector#MAX_MEMORY}
     */
    record Knn(int k, int memory) implements DetectorSettings {
        public Knn {
            if (k < 1) {
                throw new InvalidSpecException("at 'model.params.k': must be at least 1, found " + k);
            }
            if (memory < 1 || memory > NeighbourDetector.MAX_MEMORY) {
                throw new InvalidSpecException("at 'model.params.memory': must be 1 to " + NeighbourDetector.MAX_MEMORY
                        + ", found " + memory);
            }
        }

        /** 5 neighbours among 2000 remembered rows. */
        public static Knn defaults() {
            return new Knn(5, NeighbourDetector.MAX_MEMORY);
        }

        @Override
        public Detector fit(double[][] z, long seed) {
            if (z.length == 0) {
                throw new PrognosException("the nearest-neighbour detector needs normal training rows, found none (check 'task.normal')");
            }
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < z.length; i++) {
                idx.add(i);
            }
            Collections.shuffle(idx, new Random(seed));
            int m = Math.min(memory, z.length);
            int[] chosen = idx.subList(0, m).stream().mapToInt(Integer::intValue).sorted().toArray();
            double[][] mem = new double[m][];
            for (int i = 0; i < m; i++) {
                mem[i] = z[chosen[i]];
            }
            return new NeighbourDetector(mem, Math.min(k, m));
        }

        @Override
        public Map<String, Object> asMap() {
            return ordered("k", k, "memory", memory);
        }

        /** k + 1: with k rows or fewer a row's k nearest are every row, a distance to the asset's mean, not to neighbours. */
        @Override
        public int ownDetectorMinRows(int columns) {
            return k + 1;
        }
    }

    /** The per-feature z-score baseline ({@link ZScoreDetector}); nothing to set. */
    record ZScore() implements DetectorSettings {
        @Override
        public Detector fit(double[][] z, long seed) {
            if (z.length == 0) {
                throw new PrognosException("the z-score detector needs normal training rows, found none (check 'task.normal')");
            }
            return new ZScoreDetector(z[0].length);
        }

        @Override
        public Map<String, Object> asMap() {
            return Map.of();
        }

        /** Never: the z-score detector has nothing fitted, so an asset's own would be the fleet's. */
        @Override
        public int ownDetectorMinRows(int columns) {
            return Integer.MAX_VALUE;
        }
    }

    /**
     * An isolation forest ({@link IsolationForestDetector}, Liu et al. 2008), grown by {@link IsolationForestGrower}.
     *
     * @param trees      trees grown, 1 to {@value IsolationForestDetector#MAX_TREES}
     * @param sampleSize ψ, the normal rows each tree is grown on (drawn without replacement, seeded), 2 to
     *                   {@value IsolationForestDetector#MAX_SAMPLE}; fewer when there are fewer normal rows
     */
    record IsolationForest(int trees, int sampleSize) implements DetectorSettings {
        public IsolationForest {
            if (trees < 1 || trees > IsolationForestDetector.MAX_TREES) {
                throw new InvalidSpecException("at 'model.params.trees': must be 1 to " + IsolationForestDetector.MAX_TREES
                        + ", found " + trees);
            }
            if (sampleSize < 2 || sampleSize > IsolationForestDetector.MAX_SAMPLE) {
                throw new InvalidSpecException("at 'model.params.sampleSize': must be 2 to " + IsolationForestDetector.MAX_SAMPLE
                        + ", found " + sampleSize);
            }
        }

        /** Liu et al.'s defaults: 100 trees on 256 rows each. */
        public static IsolationForest defaults() {
            return new IsolationForest(100, 256);
        }

        @Override
        public Detector fit(double[][] z, long seed) {
            return IsolationForestGrower.grow(z, trees, sampleSize, seed);
        }

        @Override
        public Map<String, Object> asMap() {
            return ordered("trees", trees, "sampleSize", sampleSize);
        }

        /** 2: a tree splits at least two rows (with fewer than ψ rows each tree is grown on all of them). */
        @Override
        public int ownDetectorMinRows(int columns) {
            return 2;
        }
    }

    /**
     * A dense autoencoder ({@link AutoencoderDetector}) trained with DL4J by {@link AutoencoderTrainer}:
     * inputs → hidden → bottleneck → hidden (tanh) → inputs (linear), mean squared error, Adam, early stopping on a
     * held-out slice of the normal training rows.
     *
     * @param hidden       units of the outer hidden layers, at least 1
     * @param bottleneck   units of the middle layer, at least 1 (at most the inputs less one when fitted)
     * @param maxEpochs    epochs at most, at least 1
     * @param patience     epochs without a better held-out loss before stopping, at least 1
     * @param batchSize    rows per minibatch, at least 1
     * @param learningRate Adam's learning rate, positive
     */
    record Autoencoder(int hidden, int bottleneck, int maxEpochs, int patience, int batchSize, double learningRate)
            implements DetectorSettings {
        public Autoencoder {
            check("hidden", hidden);
            check("bottleneck", bottleneck);
            check("maxEpochs", maxEpochs);
            check("patience", patience);
            check("batchSize", batchSize);
            if (!(learningRate > 0 && learningRate < 1)) {
                throw new InvalidSpecException("at 'model.params.learningRate': must be in (0, 1), found " + learningRate);
            }
        }

        private static void check(String key, int v) {
            if (v < 1) {
                throw new InvalidSpecException("at 'model.params." + key + "': must be at least 1, found " + v);
            }
        }

        /** 32 − 8 − 32 units, at most 100 epochs with patience 10, minibatches of 128, learning rate 0.001. */
        public static Autoencoder defaults() {
            return new Autoencoder(32, 8, 100, 10, 128, 1e-3);
        }

        @Override
        public Detector fit(double[][] z, long seed) {
            return AutoencoderTrainer.fit(this, z, seed, line -> { });
        }

        @Override
        public Detector fit(double[][] z, long seed, java.util.function.Consumer<String> log) {
            return AutoencoderTrainer.fit(this, z, seed, log);
        }

        @Override
        public Map<String, Object> asMap() {
            return ordered("hidden", hidden, "bottleneck", bottleneck, "maxEpochs", maxEpochs, "patience", patience,
                    "batchSize", batchSize, "learningRate", learningRate);
        }

        /** The trainer's own minimum ({@value AutoencoderTrainer#MIN_ROWS}): fewer rows cannot both train and stop a network. */
        @Override
        public int ownDetectorMinRows(int columns) {
            return AutoencoderTrainer.MIN_ROWS;
        }
    }

    /** The {@code p} quantile of {@code v} (the order statistic at ⌈p·n⌉). */
    static double percentile(double[] v, double p) {
        double[] s = v.clone();
        Arrays.sort(s);
        int i = (int) Math.ceil(p * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, i))];
    }
}
