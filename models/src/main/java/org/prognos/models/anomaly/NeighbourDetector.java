package org.prognos.models.anomaly;

import java.util.Arrays;
import java.util.OptionalDouble;
import org.prognos.models.BundleFormatException;

/**
 * Similarity to remembered normal rows, in the spirit of MSET: the model keeps a bounded memory of scaled normal
 * rows (a seeded uniform sample of at most {@value #MAX_MEMORY} of them, so that scoring costs at most that many
 * distances per row whatever the history's length), estimates a row as the mean of its k nearest remembered rows
 * (Euclidean distance in scaled units; the lower memory index first among equal distances), and scores the
 * residual.
 *
 * <p><b>Raw score</b> = ‖z − ẑ‖, the Euclidean norm of the residual, with ẑ the neighbours' mean.
 * <b>Contributions</b>: the raw score split in proportion to each column's squared residual
 * (z_c − ẑ_c)², so they sum to it.
 *
 * @param memory {@code [m][d]}: the remembered scaled normal rows, at least {@code k}
 * @param k      the number of neighbours, at least 1
 */
public record NeighbourDetector(double[][] memory, int k) implements Detector {
    /** The most normal rows a model remembers. */
    public static final int MAX_MEMORY = 2000;

    public NeighbourDetector {
        if (memory == null || memory.length == 0) {
            throw new BundleFormatException("a nearest-neighbour detector needs remembered normal rows");
        }
        if (k < 1 || k > memory.length) {
            throw new BundleFormatException("a nearest-neighbour detector needs 1 <= k <= " + memory.length + " remembered rows, found k = " + k);
        }
        if (memory.length > MAX_MEMORY) {
            throw new BundleFormatException("a nearest-neighbour detector remembers at most " + MAX_MEMORY + " rows, found " + memory.length);
        }
        int d = memory[0].length;
        double[][] copy = new double[memory.length][];
        for (int i = 0; i < memory.length; i++) {
            if (memory[i].length != d) {
                throw new BundleFormatException("remembered row " + i + " has " + memory[i].length + " columns, not " + d);
            }
            for (double v : memory[i]) {
                if (!Double.isFinite(v)) {
                    throw new BundleFormatException("remembered row " + i + " holds " + v);
                }
            }
            copy[i] = memory[i].clone();
        }
        memory = copy;
    }

    @Override
    public String family() {
        return "knn";
    }

    @Override
    public int width() {
        return memory[0].length;
    }

    @Override
    public double score(double[] z, double[] contributions) {
        int[] nearest = nearest(z);
        double[] estimate = new double[z.length];
        for (int i : nearest) {
            double[] m = memory[i];
            for (int c = 0; c < z.length; c++) {
                estimate[c] += m[c];
            }
        }
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            double r = z[c] - estimate[c] / nearest.length;
            contributions[c] = r * r;
            sum += r * r;
        }
        double raw = Math.sqrt(sum);
        for (int c = 0; c < z.length; c++) {
            contributions[c] = sum > 0 ? raw * contributions[c] / sum : 0;
        }
        return raw;
    }

    /** Unbounded: the distance to the nearest normal rows grows with the row. */
    @Override
    public OptionalDouble ceiling() {
        return OptionalDouble.empty();
    }

    /** The indices of the k remembered rows nearest {@code z}, nearest first (lower index first among ties). */
    int[] nearest(double[] z) {
        int[] best = new int[k];
        double[] dist = new double[k];
        Arrays.fill(dist, Double.POSITIVE_INFINITY);
        Arrays.fill(best, -1);
        for (int i = 0; i < memory.length; i++) {
            double[] m = memory[i];
            double d = 0;
            for (int c = 0; c < z.length && d < dist[k - 1]; c++) {
                double diff = z[c] - m[c];
                d += diff * diff;
            }
            if (d < dist[k - 1]) {                   // strictly closer: an equal distance keeps the earlier row
                int at = k - 1;
                while (at > 0 && dist[at - 1] > d) {
                    dist[at] = dist[at - 1];
                    best[at] = best[at - 1];
                    at--;
                }
                dist[at] = d;
                best[at] = i;
            }
        }
        return best;
    }

    @Override
    public double[][] memory() {
        double[][] copy = new double[memory.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = memory[i].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NeighbourDetector n && k == n.k && Arrays.deepEquals(memory, n.memory);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(memory) * 31 + k;
    }

    @Override
    public String toString() {
        return "NeighbourDetector[k=" + k + ", " + memory.length + " remembered rows]";
    }
}
