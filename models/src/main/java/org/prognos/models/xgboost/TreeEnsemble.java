package org.prognos.models.xgboost;

import java.util.Arrays;

/**
 * An XGBoost {@code gbtree} model as flat arrays (read by {@link BoosterJson}), walked in Java: for scoring without
 * the native library ({@link #exactOutputs}) and, through {@link #occlusion}, for computing <em>occlusion</em>
 * explanations without running every occluded copy of a row through every tree.
 *
 * <p>XGBoost's rule at a split: a missing value goes the node's default way, else {@code value < threshold} goes
 * left (values compared as float).
 *
 * <p>Two ways to sum the leaves. {@link #outputs} sums margins in double, shifted by the booster's base margin, and
 * applies the objective ({@code multi:softprob}, {@code binary:logistic} or a squared-error regression) in double:
 * within about 1e-7 of the booster. {@link #exactOutputs} repeats XGBoost's CPU predictor operation for operation
 * (float margins from the base score, trees in order, {@link Expf the C library's expf}), so that it can equal the
 * booster to the last bit; {@link XGBoostDirectPredictor} checks that it does before using it.
 */
final class TreeEnsemble {
    /** The learning objective, which turns margins into outputs. */
    enum Objective { SOFTPROB, LOGISTIC, IDENTITY }

    final int[] root;                  // first node of each tree
    final int[] treeClass;             // output group of each tree
    /**
     * Node i at 4i: left child (-1 at a leaf), right child, (column + 1) * 2 + (1 if missing goes left) with column
     * -1 for a column the row never has, and the float bits of the threshold (the value, at a leaf). One array, so
     * a node is one cache line or less.
     */
    private final int[] nodes;
    private final int classes;         // output groups
    private final Objective objective;
    private final double baseMargin;
    private final float baseScore;     // the booster's starting margin of every output group, as it adds trees to it

    TreeEnsemble(int[] root, int[] treeClass, int[] nodes, int classes, Objective objective, double baseMargin,
                 float baseScore) {
        this.root = root;
        this.treeClass = treeClass;
        this.nodes = nodes;
        this.classes = classes;
        this.objective = objective;
        this.baseMargin = baseMargin;
        this.baseScore = baseScore;
    }

    int classes() {
        return classes;
    }

    /** The outputs (probabilities per booster output, or the value) of one row, in our columns. */
    double[] outputs(double[] x) {
        double[] margins = new double[classes];
        for (int t = 0; t < root.length; t++) {
            margins[treeClass[t]] += value(leaf(root[t], x));
        }
        return transform(margins);
    }

    /**
     * The outputs of one row computed the way XGBoost's CPU predictor does (float margins starting at base_score,
     * trees added in order, softmax with a double sum, float division), so that they can equal the booster's to the
     * last bit; {@link XGBoostDirectPredictor} uses them only after checking that they do.
     */
    float[] exactOutputs(double[] x) {
        float[] m = startMargins();
        for (int t = 0; t < root.length; t++) {
            m[treeClass[t]] += Float.intBitsToFloat(nodes[4 * leaf(root[t], x) + 3]);
        }
        return exactTransform(m);
    }

    /** Occlusion of fixed column sets with fixed reference values (one per column); thread-safe. */
    TreeOcclusion occlusion(int[][] sets, double[] reference) {
        return new TreeOcclusion(this, sets, reference);
    }

    /** Float margins before any tree, as the booster starts them. */
    float[] startMargins() {
        float[] m = new float[classes];
        Arrays.fill(m, baseScore);
        return m;
    }

    /** The objective applied to float margins the way the booster applies it (in place). */
    float[] exactTransform(float[] m) {
        switch (objective) {
            case SOFTPROB: {
                float max = m[0];
                for (int k = 1; k < classes; k++) {
                    max = Math.max(m[k], max);
                }
                double sum = 0;
                for (int k = 0; k < classes; k++) {
                    m[k] = Expf.expf(m[k] - max);
                    sum += m[k];
                }
                float total = (float) sum;
                for (int k = 0; k < classes; k++) {
                    m[k] /= total;
                }
                return m;
            }
            case LOGISTIC:
                m[0] = 1.0f / (1.0f + Expf.expf(-m[0]));
                return m;
            default:
                return m;
        }
    }

    /** The objective applied to double margins (not bit-exact: about 1e-7 from the booster). */
    double[] transform(double[] margins) {
        double[] out = new double[classes];
        switch (objective) {
            case SOFTPROB: {
                double max = Double.NEGATIVE_INFINITY;
                for (double m : margins) {
                    max = Math.max(max, m);
                }
                double sum = 0;
                for (int k = 0; k < classes; k++) {
                    out[k] = Math.exp(margins[k] - max);
                    sum += out[k];
                }
                for (int k = 0; k < classes; k++) {
                    out[k] /= sum;
                }
                return out;
            }
            case LOGISTIC:
                out[0] = 1 / (1 + Math.exp(-(margins[0] + baseMargin)));
                return out;
            default:
                out[0] = margins[0] + baseMargin;
                return out;
        }
    }

    private int leaf(int node, double[] x) {
        while (!isLeaf(node)) {
            int c = column(node);
            node = next(node, c < 0 ? Double.NaN : x[c]);
        }
        return node;
    }

    boolean isLeaf(int node) {
        return nodes[4 * node] < 0;
    }

    double value(int leaf) {
        return Float.intBitsToFloat(nodes[4 * leaf + 3]);
    }

    /** The child a value goes to (NaN: missing). */
    int next(int node, double v) {
        int b = 4 * node;
        if (v != v) {
            return (nodes[b + 2] & 1) != 0 ? nodes[b] : nodes[b + 1];
        }
        return (float) v < Float.intBitsToFloat(nodes[b + 3]) ? nodes[b] : nodes[b + 1];
    }

    /** Column of a split node, -1 when the row never has it. */
    int column(int node) {
        return (nodes[4 * node + 2] >> 1) - 1;
    }
}
