package org.prognos.training.anomaly;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.prognos.PrognosException;
import org.prognos.models.anomaly.IsolationForestDetector;

/**
 * Grows an {@link IsolationForestDetector} on scaled normal rows (Liu, Ting and Zhou 2008, "Isolation Forest"):
 * each tree on ψ rows drawn without replacement, grown until a node holds one row or reaches the height limit
 * ⌈log₂ ψ⌉ (deeper nodes would only separate normal rows from each other, which the score does not need).
 *
 * <p>A split picks a column uniformly among those <b>not constant on the node's rows</b> (Liu et al. pick among all and
 * may draw a constant one; drawing only splittable columns keeps the columns left out by the scaling, always 0, from
 * ever being split on) and a value uniformly in (min, max) of that column, so both children get rows. A node whose
 * every column is constant is a leaf. All draws come from one {@link SplittableRandom} seeded by the job's seed, so a
 * refit gives the same forest.
 *
 * <p>Hand-written rather than a library: the maintained Java/Scala implementation on Maven Central (LinkedIn's
 * isolation-forest) runs on Spark and stores models as Spark ML / Avro files, and Smile's is GPL-licensed and stored
 * with Java serialization; the algorithm is short, and writing it here keeps the stored form plain JSON arrays.
 */
final class IsolationForestGrower {
    private final double[][] z;
    private final int heightLimit;
    private final SplittableRandom rng;
    private int[] feature;
    private double[] split;
    private int[] right;
    private int[] size;
    private int nodes;

    private IsolationForestGrower(double[][] z, int heightLimit, SplittableRandom rng, int capacity) {
        this.z = z;
        this.heightLimit = heightLimit;
        this.rng = rng;
        this.feature = new int[capacity];
        this.split = new double[capacity];
        this.right = new int[capacity];
        this.size = new int[capacity];
    }

    /**
     * The forest of {@code trees} trees on {@code sampleSize} rows each (all rows when there are fewer).
     *
     * @throws PrognosException when there are fewer than 2 rows
     */
    static IsolationForestDetector grow(double[][] z, int trees, int sampleSize, long seed) {
        if (z.length < 2) {
            throw new PrognosException("the isolation forest needs at least 2 normal training rows, found " + z.length
                    + " (check 'task.normal')");
        }
        int psi = Math.min(sampleSize, z.length);
        int heightLimit = (int) Math.ceil(Math.log(psi) / Math.log(2));
        IsolationForestGrower g = new IsolationForestGrower(z, heightLimit, new SplittableRandom(seed),
                trees * (2 * psi - 1));
        int[] roots = new int[trees];
        int[] all = new int[z.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        for (int t = 0; t < trees; t++) {
            for (int i = 0; i < psi; i++) {            // partial Fisher-Yates: the first psi of a fresh shuffle
                int j = i + g.rng.nextInt(all.length - i);
                int swap = all[i];
                all[i] = all[j];
                all[j] = swap;
            }
            int[] sample = Arrays.copyOf(all, psi);
            Arrays.sort(sample);                       // the sample as a set: the tree does not depend on draw order
            roots[t] = g.nodes;
            g.node(sample, 0, psi, 0);
        }
        return new IsolationForestDetector(z[0].length, psi, roots, Arrays.copyOf(g.feature, g.nodes),
                Arrays.copyOf(g.split, g.nodes), Arrays.copyOf(g.right, g.nodes), Arrays.copyOf(g.size, g.nodes));
    }

    /** Grows the node of rows {@code idx[from, to)} at {@code depth} and its subtree, in preorder. */
    private void node(int[] idx, int from, int to, int depth) {
        int at = nodes++;
        size[at] = to - from;
        feature[at] = -1;
        right[at] = -1;
        if (to - from <= 1 || depth >= heightLimit) {
            return;
        }
        int d = z[idx[from]].length;
        double[] min = new double[d];
        double[] max = new double[d];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = from; i < to; i++) {
            double[] row = z[idx[i]];
            for (int c = 0; c < d; c++) {
                min[c] = Math.min(min[c], row[c]);
                max[c] = Math.max(max[c], row[c]);
            }
        }
        int splittable = 0;
        int[] candidates = new int[d];
        for (int c = 0; c < d; c++) {
            if (max[c] > min[c]) {
                candidates[splittable++] = c;
            }
        }
        if (splittable == 0) {
            return;                                    // identical rows: nothing isolates them
        }
        int f = candidates[rng.nextInt(splittable)];
        double value;
        do {
            value = min[f] + rng.nextDouble() * (max[f] - min[f]);
        } while (!(value > min[f]));                   // a value at the minimum would leave the left child empty
        int mid = from;
        for (int i = from; i < to; i++) {              // partition: rows below the value first
            if (z[idx[i]][f] < value) {
                int swap = idx[i];
                idx[i] = idx[mid];
                idx[mid] = swap;
                mid++;
            }
        }
        feature[at] = f;
        split[at] = value;
        node(idx, from, mid, depth + 1);
        right[at] = nodes;
        node(idx, mid, to, depth + 1);
    }
}
