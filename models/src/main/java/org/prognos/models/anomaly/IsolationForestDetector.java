package org.prognos.models.anomaly;

import java.util.Arrays;
import java.util.OptionalDouble;
import org.prognos.models.BundleFormatException;

/**
 * An isolation forest (Liu, Ting and Zhou, 2008): random trees grown on small subsamples of normal rows, each split
 * on a random column at a random value between the node's minimum and maximum. An anomalous row is isolated in few
 * splits, so its mean path length E[h] over the trees is short.
 *
 * <p><b>Raw score</b> = 2^(−E[h] / c(ψ)), Liu et al.'s score, in (0, 1]: about 0.5 or below on typical rows, toward 1
 * for rows isolated at once. h = the depth of the leaf a row reaches plus c(n) for the n training rows that leaf held
 * (the expected further depth of an unbuilt subtree); c(n) = 2(ln(n − 1) + γ) − 2(n − 1)/n, c(2) = 1, c(≤ 1) = 0.
 *
 * <p><b>Contributions</b> (a path attribution, chosen because it sums to the raw score and credits the columns that
 * isolate the row): each tree gives credit 1 / h_t, larger the shorter the row's path, shared by the splits on that
 * path in proportion to how much of the isolation each did, ln(rows at the node / rows at the child the row goes to)
 * (the shares add up to ln(ψ / rows at the leaf), so a split that cuts the row off from most of its companions gets
 * most of the tree's credit, one that halves them little). A column's weight is the credit of the splits on it summed
 * over trees; the raw score is split in proportion to these weights. A row whose every path ends at the root (no split
 * at all) spreads the raw score equally over the columns.
 *
 * <p><b>Storage</b>, compact and bounded: all trees as parallel arrays over nodes in preorder (a node's left child is
 * the next node), at most {@value #MAX_TREES} trees of at most 2ψ − 1 nodes, ψ ≤ {@value #MAX_SAMPLE}. A row goes left
 * when {@code z[feature] < split}.
 *
 * @param columns    the number of scaled columns a row has
 * @param sampleSize ψ, the rows each tree was grown on (fixes c(ψ))
 * @param roots      per tree, the index of its root; tree t holds nodes {@code roots[t]} up to the next root
 * @param feature    per node, the column split on, −1 for a leaf
 * @param split      per node, the split value (0 for a leaf)
 * @param right      per node, the index of its right child, −1 for a leaf
 * @param size       per node, the training rows of its tree's subsample that reached it (at least 1, and more than
 *                   at either child, so every split on a path isolates a little)
 */
public record IsolationForestDetector(int columns, int sampleSize, int[] roots, int[] feature, double[] split,
                                      int[] right, int[] size) implements Detector {
    /** The most trees a forest has. */
    public static final int MAX_TREES = 1000;
    /** The largest subsample ψ a tree is grown on. */
    public static final int MAX_SAMPLE = 4096;
    private static final double EULER_GAMMA = 0.5772156649015329;

    public IsolationForestDetector {
        if (columns < 1) {
            throw new BundleFormatException("an isolation forest needs at least one column, found " + columns);
        }
        if (sampleSize < 2 || sampleSize > MAX_SAMPLE) {
            throw new BundleFormatException("an isolation forest's sample size must be 2 to " + MAX_SAMPLE + ", found " + sampleSize);
        }
        if (roots == null || roots.length == 0 || roots.length > MAX_TREES) {
            throw new BundleFormatException("an isolation forest has 1 to " + MAX_TREES + " trees, found "
                    + (roots == null ? 0 : roots.length));
        }
        if (feature == null || split == null || right == null || size == null || feature.length != split.length
                || feature.length != right.length || feature.length != size.length) {
            throw new BundleFormatException("an isolation forest needs feature, split, right and size for every node");
        }
        roots = roots.clone();
        feature = feature.clone();
        split = split.clone();
        right = right.clone();
        size = size.clone();
        checkTrees(columns, sampleSize, roots, feature, split, right, size);
    }

    /** Every tree in its own range, in preorder, children inside it, leaves with rows: so every walk ends. */
    private static void checkTrees(int columns, int sampleSize, int[] roots, int[] feature, double[] split, int[] right,
                                   int[] size) {
        int nodes = feature.length;
        if (roots[0] != 0) {
            throw new BundleFormatException("the first isolation tree must start at node 0, found " + roots[0]);
        }
        for (int t = 0; t < roots.length; t++) {
            int from = roots[t];
            int to = t + 1 < roots.length ? roots[t + 1] : nodes;
            if (to <= from || to - from > 2 * sampleSize - 1) {
                throw new BundleFormatException("isolation tree " + t + " spans nodes " + from + " to " + to
                        + "; a tree has 1 to " + (2 * sampleSize - 1) + " nodes");
            }
            for (int i = from; i < to; i++) {
                if (feature[i] == -1) {
                    if (right[i] != -1 || size[i] < 1 || size[i] > sampleSize) {
                        throw new BundleFormatException("isolation tree " + t + ", leaf " + i + ": right must be -1 and"
                                + " size 1 to " + sampleSize + ", found " + right[i] + " and " + size[i]);
                    }
                } else if (feature[i] < 0 || feature[i] >= columns || !Double.isFinite(split[i])
                        || i + 1 >= to || right[i] <= i + 1 || right[i] >= to) {
                    throw new BundleFormatException("isolation tree " + t + ", node " + i + ": feature " + feature[i]
                            + ", split " + split[i] + " and right child " + right[i] + " do not form a tree over "
                            + columns + " columns in nodes " + from + " to " + to);
                } else if (size[i] > sampleSize || size[i + 1] < 1 || size[right[i]] < 1
                        || size[i + 1] + size[right[i]] != size[i]) {
                    throw new BundleFormatException("isolation tree " + t + ", node " + i + " holds " + size[i]
                            + " rows but its children " + size[i + 1] + " and " + size[right[i]]);
                }
            }
        }
    }

    /** c(n): the mean path length of an unsuccessful search in a binary search tree of n rows. */
    public static double averagePath(int n) {
        if (n <= 1) {
            return 0;
        }
        if (n == 2) {
            return 1;
        }
        return 2 * (Math.log(n - 1.0) + EULER_GAMMA) - 2.0 * (n - 1) / n;
    }

    @Override
    public String family() {
        return "isolation-forest";
    }

    @Override
    public int width() {
        return columns;
    }

    /** The number of trees. */
    public int trees() {
        return roots.length;
    }

    @Override
    public double score(double[] z, double[] contributions) {
        Arrays.fill(contributions, 0);
        double pathSum = 0;
        for (int root : roots) {
            int leaf = root;
            int depth = 0;
            while (feature[leaf] >= 0) {
                leaf = z[feature[leaf]] < split[leaf] ? leaf + 1 : right[leaf];
                depth++;
            }
            double h = depth + averagePath(size[leaf]);
            pathSum += h;
            if (depth > 0) {
                // 1/h for the tree, shared in proportion to ln(rows before / rows after) of each split on the path
                double credit = 1 / h / Math.log((double) size[root] / size[leaf]);
                for (int i = root; feature[i] >= 0; ) {
                    int next = z[feature[i]] < split[i] ? i + 1 : right[i];
                    contributions[feature[i]] += credit * Math.log((double) size[i] / size[next]);
                    i = next;
                }
            }
        }
        double raw = Math.pow(2, -pathSum / roots.length / averagePath(sampleSize));
        double weight = 0;
        for (double w : contributions) {
            weight += w;
        }
        for (int c = 0; c < columns; c++) {
            contributions[c] = weight > 0 ? raw * contributions[c] / weight : raw / columns;
        }
        return raw;
    }

    /**
     * The highest raw score any row gets: a row far beyond the rows a tree was grown on is isolated where the tree's
     * outermost split lies, not sooner, so the score is bounded below 1. Found by a best-first search over boxes of rows
     * ({@code ForestCeiling}, where the argument is written out): exact when the search closes within its budget, else an
     * upper bound.
     */
    @Override
    public OptionalDouble ceiling() {
        return OptionalDouble.of(ForestCeiling.of(this).raw());
    }

    @Override
    public int[] roots() {
        return roots.clone();
    }

    @Override
    public int[] feature() {
        return feature.clone();
    }

    @Override
    public double[] split() {
        return split.clone();
    }

    @Override
    public int[] right() {
        return right.clone();
    }

    @Override
    public int[] size() {
        return size.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IsolationForestDetector f && columns == f.columns && sampleSize == f.sampleSize
                && Arrays.equals(roots, f.roots) && Arrays.equals(feature, f.feature) && Arrays.equals(split, f.split)
                && Arrays.equals(right, f.right) && Arrays.equals(size, f.size);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(split) * 31 + Arrays.hashCode(feature);
    }

    @Override
    public String toString() {
        return "IsolationForestDetector[" + roots.length + " trees on " + sampleSize + " rows, " + feature.length + " nodes]";
    }
}
