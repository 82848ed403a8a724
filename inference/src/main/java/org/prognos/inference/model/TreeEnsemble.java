package org.prognos.inference.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * An XGBoost {@code gbtree} model as flat arrays, read from the booster's own JSON model (exact float thresholds and
 * leaf values): for scoring without the native library ({@link #exactOutputs}) and for computing <em>occlusion</em>
 * explanations without running every occluded copy of a row through every tree.
 *
 * <p>XGBoost's rule at a split: a missing value goes the node's default way, else {@code value < threshold} goes
 * left (values compared as float). A row x reaches one leaf per tree. Replacing a set S of columns by reference
 * values changes a tree's leaf only when its path for x splits on a column of S whose reference goes the other way
 * there, and then only from the first such node on. So {@link Occlusion#margins} walks each tree once for x, then
 * walks again, from that node, only for the sets whose reference values leave the path: a set whose columns' references go the row's way at every node
 * reaches the row's leaf and needs no walk.
 *
 * <p>Margins are summed in double and shifted by the booster's base margin; the objective ({@code multi:softprob},
 * {@code binary:logistic} or a squared-error regression) turns them into outputs. {@link #read} checks the result
 * against the booster on probe rows and returns nothing when they differ by more than 1e-5, so an unknown model
 * layout falls back to occluding through the booster.
 */
final class TreeEnsemble {
    enum Objective { SOFTPROB, LOGISTIC, IDENTITY }

    private final int[] root;          // first node of each tree
    private final int[] treeClass;     // output group of each tree
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

    private TreeEnsemble(int[] root, int[] treeClass, int[] nodes, int classes, Objective objective, double baseMargin,
                         float baseScore) {
        this.root = root;
        this.treeClass = treeClass;
        this.nodes = nodes;
        this.classes = classes;
        this.objective = objective;
        this.baseMargin = baseMargin;
        this.baseScore = baseScore;
    }

    /**
     * The booster's trees, with booster column j read from our column {@code columnOf[j]} (-1: not one of ours); empty
     * when the model is not a plain gbtree with a known objective.
     */
    static Optional<TreeEnsemble> read(Booster booster, int[] columnOf) throws XGBoostError, IOException {
        JsonNode learner = new ObjectMapper().readTree(booster.toByteArray("json")).path("learner");
        JsonNode gb = learner.path("gradient_booster");
        if (!gb.path("name").asText().equals("gbtree")) {
            return Optional.empty();
        }
        Objective objective;
        switch (learner.at("/objective/name").asText()) {
            case "multi:softprob":
                objective = Objective.SOFTPROB;
                break;
            case "binary:logistic":
                objective = Objective.LOGISTIC;
                break;
            case "reg:squarederror":
            case "reg:linear":
                objective = Objective.IDENTITY;
                break;
            default:
                return Optional.empty();
        }
        int classes = Math.max(1, Integer.parseInt(learner.at("/learner_model_param/num_class").asText("0")));
        JsonNode trees = gb.at("/model/trees");
        JsonNode info = gb.at("/model/tree_info");
        int n = trees.size();
        int nodes = 0;
        for (JsonNode t : trees) {
            nodes += t.path("left_children").size();
        }
        int[] root = new int[n];
        int[] treeClass = new int[n];
        int[] packed = new int[4 * nodes];
        int at = 0;
        for (int t = 0; t < n; t++) {
            JsonNode tree = trees.get(t);
            if (tree.path("categories").size() > 0) {
                return Optional.empty();   // categorical splits: not this simple rule
            }
            root[t] = at;
            treeClass[t] = info.get(t).asInt();
            JsonNode l = tree.get("left_children");
            JsonNode r = tree.get("right_children");
            JsonNode s = tree.get("split_indices");
            JsonNode c = tree.get("split_conditions");
            JsonNode d = tree.get("default_left");
            int size = l.size();
            for (int i = 0; i < size; i++) {
                int node = at + i;
                int b = 4 * node;
                packed[b + 3] = Float.floatToRawIntBits((float) c.get(i).asDouble());
                if (l.get(i).asInt() < 0) {
                    packed[b] = -1;
                    packed[b + 1] = -1;
                } else {
                    packed[b] = at + l.get(i).asInt();
                    packed[b + 1] = at + r.get(i).asInt();
                    int j = s.get(i).asInt();
                    int column = j < columnOf.length ? columnOf[j] : -1;
                    packed[b + 2] = (column + 1) * 2 + (d.get(i).asInt() != 0 ? 1 : 0);
                }
            }
            at += size;
        }
        double baseScore = Double.parseDouble(learner.at("/learner_model_param/base_score").asText("0.5"));
        double baseMargin = objective == Objective.LOGISTIC ? Math.log(baseScore / (1 - baseScore))
                : objective == Objective.IDENTITY ? baseScore : 0;
        // XGBoost 1.6 starts every margin at base_score (as a margin: -log(1/p - 1) in float for the logistic loss)
        float start = objective == Objective.LOGISTIC ? (float) -Math.log(1.0f / (float) baseScore - 1.0f) : (float) baseScore;
        return Optional.of(new TreeEnsemble(root, treeClass, packed, classes, objective, baseMargin, start));
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

    /** Float margins before any tree, as the booster starts them. */
    private float[] startMargins() {
        float[] m = new float[classes];
        Arrays.fill(m, baseScore);
        return m;
    }

    /** The objective applied to float margins the way the booster applies it (in place). */
    private float[] exactTransform(float[] m) {
        switch (objective) {
            case SOFTPROB: {
                float max = m[0];
                for (int k = 1; k < classes; k++) {
                    max = Math.max(m[k], max);
                }
                double sum = 0;
                for (int k = 0; k < classes; k++) {
                    m[k] = expf(m[k] - max);
                    sum += m[k];
                }
                float total = (float) sum;
                for (int k = 0; k < classes; k++) {
                    m[k] /= total;
                }
                return m;
            }
            case LOGISTIC:
                m[0] = 1.0f / (1.0f + expf(-m[0]));
                return m;
            default:
                return m;
        }
    }

    // expf as the C library computes it (ARM optimized-routines, MIT; glibc >= 2.27 and musl use the same code):
    // x = k ln2/32 + r, exp(x) = 2^(k/32) 2^(r/32), 2^(k/32) from a table, 2^(r/32) by a cubic, all in double.
    private static final long[] EXP2_TABLE = {   // bits of 2^(i/32) - (i << 47)
        0x3ff0000000000000L, 0x3fefd9b0d3158574L, 0x3fefb5586cf9890fL, 0x3fef9301d0125b51L,
        0x3fef72b83c7d517bL, 0x3fef54873168b9aaL, 0x3fef387a6e756238L, 0x3fef1e9df51fdee1L,
        0x3fef06fe0a31b715L, 0x3feef1a7373aa9cbL, 0x3feedea64c123422L, 0x3feece086061892dL,
        0x3feebfdad5362a27L, 0x3feeb42b569d4f82L, 0x3feeab07dd485429L, 0x3feea47eb03a5585L,
        0x3feea09e667f3bcdL, 0x3fee9f75e8ec5f74L, 0x3feea11473eb0187L, 0x3feea589994cce13L,
        0x3feeace5422aa0dbL, 0x3feeb737b0cdc5e5L, 0x3feec49182a3f090L, 0x3feed503b23e255dL,
        0x3feee89f995ad3adL, 0x3feeff76f2fb5e47L, 0x3fef199bdd85529cL, 0x3fef3720dcef9069L,
        0x3fef5818dcfba487L, 0x3fef7c97337b9b5fL, 0x3fefa4afa2a490daL, 0x3fefd0765b6e4540L,
    };
    private static final double INV_LN2_32 = Double.longBitsToDouble(0x40471547652b82feL);   // 32 / ln 2
    private static final double SHIFT = Double.longBitsToDouble(0x4338000000000000L);        // 1.5 * 2^52: rounds to int
    private static final double C0 = Double.longBitsToDouble(0x3ebc6af84b912394L);
    private static final double C1 = Double.longBitsToDouble(0x3f2ebfce50fac4f3L);
    private static final double C2 = Double.longBitsToDouble(0x3f962e42ff0c52d6L);

    /**
     * e^x rounded to float the way the C library's {@code expf} rounds it. {@code (float) Math.exp(x)} differs from it
     * in the last bit for about one argument in two thousand, and a softmax output with it.
     */
    static float expf(float x) {
        if (!(Math.abs(x) < 88f)) {
            return (float) Math.exp(x);   // overflow, underflow to 0, NaN: no rounding question
        }
        double z = INV_LN2_32 * x;
        double kd = z + SHIFT;
        long ki = Double.doubleToRawLongBits(kd);
        kd -= SHIFT;
        double r = z - kd;
        double s = Double.longBitsToDouble(EXP2_TABLE[(int) (ki & 31)] + (ki << 47));
        double p = C0 * r + C1;
        double y = C2 * r + 1;
        y = p * (r * r) + y;
        return (float) (y * s);
    }

    private int leaf(int node, double[] x) {
        while (!isLeaf(node)) {
            int c = column(node);
            node = next(node, c < 0 ? Double.NaN : x[c]);
        }
        return node;
    }

    private boolean isLeaf(int node) {
        return nodes[4 * node] < 0;
    }

    private double value(int leaf) {
        return Float.intBitsToFloat(nodes[4 * leaf + 3]);
    }

    /** The child a value goes to (NaN: missing). */
    private int next(int node, double v) {
        int b = 4 * node;
        if (v != v) {
            return (nodes[b + 2] & 1) != 0 ? nodes[b] : nodes[b + 1];
        }
        return (float) v < Float.intBitsToFloat(nodes[b + 3]) ? nodes[b] : nodes[b + 1];
    }

    /** Column of a split node, -1 when the row never has it. */
    private int column(int node) {
        return (nodes[4 * node + 2] >> 1) - 1;
    }

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

    /** A row's exact outputs (booster order) and the margins of it and its occluded copies. */
    record Exact(float[] outputs, double[][] margins) {
    }

    /** Occlusion of fixed column sets with fixed reference values; thread-safe. */
    Occlusion occlusion(int[][] sets, double[] reference) {
        return new Occlusion(sets, reference);
    }

    final class Occlusion {
        private final int sets;
        private final int columns;
        private final boolean[] member;     // [set * columns + column]
        private final int[][] setsOf;       // the sets holding each column
        private final double[] reference;

        private Occlusion(int[][] sets, double[] reference) {
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

        /** Row 0: x's outputs exactly as {@link #exactOutputs}; then the margins of every occluded copy (row 1 + s). */
        Exact exact(double[] x) {
            float[] m = startMargins();
            double[][] margins = margins(x, m);
            return new Exact(exactTransform(m), margins);
        }

        /**
         * As {@link #margins(double[])}; also sums x's leaves into {@code exact} the booster's way (float, in tree
         * order, from the base score), when given.
         */
        private double[][] margins(double[] x, float[] exact) {
            double[][] out = new double[1 + sets][classes];
            int[] stamp = new int[sets];
            Arrays.fill(stamp, -1);
            int[] touched = new int[sets];
            int[] from = new int[sets];
            for (int t = 0; t < root.length; t++) {
                int k = treeClass[t];
                int node = root[t];
                int hit = 0;
                while (!isLeaf(node)) {
                    int c = column(node);
                    int child = next(node, c < 0 ? Double.NaN : x[c]);
                    // a set leaves the path at its first column whose reference goes the other way here
                    if (c >= 0 && next(node, reference[c]) != child) {
                        for (int s : setsOf[c]) {
                            if (stamp[s] != t) {
                                stamp[s] = t;
                                touched[hit++] = s;
                                from[s] = node;
                            }
                        }
                    }
                    node = child;
                }
                double base = value(node);
                out[0][k] += base;
                if (exact != null) {
                    exact[k] += (float) base;
                }
                for (int i = 0; i < hit; i++) {
                    int s = touched[i];
                    int n = from[s];
                    int offset = s * columns;
                    while (!isLeaf(n)) {
                        int c = column(n);
                        double v = c < 0 ? Double.NaN : member[offset + c] ? reference[c] : x[c];
                        n = next(n, v);
                    }
                    if (n != node) {
                        out[1 + s][k] += value(n) - base;
                    }
                }
            }
            for (int s = 0; s < sets; s++) {
                for (int k = 0; k < classes; k++) {
                    out[1 + s][k] += out[0][k];
                }
            }
            return out;
        }
    }
}
