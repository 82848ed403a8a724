package org.prognos.models.xgboost;

import java.util.Arrays;

/**
 * Occlusion of fixed column sets with fixed reference values, by walking a {@link TreeEnsemble}; thread-safe.
 *
 * <p>A row x reaches one leaf per tree. Replacing a set S of columns by reference values changes a tree's leaf only
 * when its path for x splits on a column of S whose reference goes the other way there, and then only from the first
 * such node on. So {@link #margins} walks each tree once for x, then walks again, from that node, only for the sets
 * whose reference values leave the path: a set whose columns' references go the row's way at every node reaches the
 * row's leaf and needs no walk.
 */
final class TreeOcclusion {
    private final TreeEnsemble trees;
    private final int sets;
    private final int columns;
    private final boolean[] member;     // [set * columns + column]
    private final int[][] setsOf;       // the sets holding each column
    private final double[] reference;

    /** A row's exact outputs (booster order) and the margins of it and its occluded copies. */
    record Exact(float[] outputs, double[][] margins) {
    }

    TreeOcclusion(TreeEnsemble trees, int[][] sets, double[] reference) {
        this.trees = trees;
        this.sets = sets.length;
        this.columns = reference.length;
        this.member = new boolean[this.sets * columns];
        int[] count = new int[columns];
        for (int s = 0; s < this.sets; s++) {
            for (int c : sets[s]) {
                if (!member[s * columns + c]) {
                    member[s * columns + c] = true;
                    count[c]++;
                }
            }
        }
        this.setsOf = new int[columns][];
        for (int c = 0; c < columns; c++) {
            setsOf[c] = new int[count[c]];
            int i = 0;
            for (int s = 0; s < this.sets; s++) {
                if (member[s * columns + c]) {
                    setsOf[c][i++] = s;
                }
            }
        }
        this.reference = reference.clone();
    }

    /**
     * Margins of x (row 0) and of x with each set's columns at their references (row 1 + s), each row one margin
     * per output group.
     */
    double[][] margins(double[] x) {
        return margins(x, null);
    }

    /** Row 0: x's outputs exactly as {@link TreeEnsemble#exactOutputs}; then the margins of every occluded copy (row 1 + s). */
    Exact exact(double[] x) {
        float[] m = trees.startMargins();
        double[][] margins = margins(x, m);
        return new Exact(trees.exactTransform(m), margins);
    }

    /**
     * As {@link #margins(double[])}; also sums x's leaves into {@code exact} the booster's way (float, in tree
     * order, from the base score), when given.
     */
    private double[][] margins(double[] x, float[] exact) {
        TreeEnsemble t = trees;
        int[] root = t.root;
        int[] treeClass = t.treeClass;
        double[][] out = new double[1 + sets][t.classes()];
        int[] stamp = new int[sets];
        Arrays.fill(stamp, -1);
        int[] touched = new int[sets];
        int[] from = new int[sets];
        for (int tree = 0; tree < root.length; tree++) {
            int k = treeClass[tree];
            int node = root[tree];
            int hit = 0;
            while (!t.isLeaf(node)) {
                int c = t.column(node);
                int child = t.next(node, c < 0 ? Double.NaN : x[c]);
                // a set leaves the path at its first column whose reference goes the other way here
                if (c >= 0 && t.next(node, reference[c]) != child) {
                    for (int s : setsOf[c]) {
                        if (stamp[s] != tree) {
                            stamp[s] = tree;
                            touched[hit++] = s;
                            from[s] = node;
                        }
                    }
                }
                node = child;
            }
            double base = t.value(node);
            out[0][k] += base;
            if (exact != null) {
                exact[k] += (float) base;
            }
            for (int i = 0; i < hit; i++) {
                int s = touched[i];
                int n = from[s];
                int offset = s * columns;
                while (!t.isLeaf(n)) {
                    int c = t.column(n);
                    double v = c < 0 ? Double.NaN : member[offset + c] ? reference[c] : x[c];
                    n = t.next(n, v);
                }
                if (n != node) {
                    out[1 + s][k] += t.value(n) - base;
                }
            }
        }
        int classes = t.classes();
        for (int s = 0; s < sets; s++) {
            for (int k = 0; k < classes; k++) {
                out[1 + s][k] += out[0][k];
            }
        }
        return out;
    }
}
