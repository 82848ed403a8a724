package org.prognos.models.anomaly;

import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * The highest raw score an {@link IsolationForestDetector} gives any row, found by a search over boxes of rows rather
 * than by probing rows. Why the score has a ceiling at all: a row beyond everything a tree was grown on goes down the
 * outermost branch and is isolated where that branch ends, however far out it lies.
 *
 * <p><b>The argument.</b> raw(z) = 2^(−Σ_t h_t(z) / (T·c(ψ))) falls as the path sum Σ_t h_t(z) grows, so the ceiling is
 * 2^(−m / (T·c(ψ))) with m = min over z ∈ ℝ^d of the path sum. The rows reaching one leaf form a box (on each column a
 * half-open interval [lo, hi), since a row goes left when z_c &lt; split). For a box B of rows, let LB(B) = Σ_t of the
 * smallest h = depth + c(rows at the leaf) over the leaves of tree t that some row of B reaches (a leaf is reachable
 * when every split on its path lets a row of B through: left when lo_c &lt; split, right when split &lt; hi_c; one split at a
 * time is enough because a grown tree's splits on one column along a path nest, each inside the rows that reached it).
 * Then
 * <ol>
 * <li>every row of B has a path sum of at least LB(B) (a minimum of a sum is at least the sum of the minima);</li>
 * <li>when every tree has exactly one leaf reachable from B ("B is decided"), every row of B has path sum LB(B);</li>
 * <li>a box that is not decided holds a split s on a column c with lo_c &lt; s &lt; hi_c; cutting B at it gives two
 * non-empty boxes covering B, each with fewer such splits, so cutting ends, after finitely many steps, in decided
 * boxes.</li>
 * </ol>
 * Best first: the open boxes, starting from ℝ^d, are kept ordered by LB and the box of the smallest is cut. When that box
 * is decided, its LB is a path sum some row has (2) and no row has a smaller one (1, every row lies in an open box), so
 * m = LB and the ceiling is exact: the raw score of a row of that box, to the bit (the path sum is added in tree order as
 * {@link IsolationForestDetector#score} adds it). The search stops after {@value #MAX_BOXES} cuts; the smallest LB of
 * the open boxes then still bounds m from below (1), and the ceiling returned is an upper bound: a claim that no row
 * scores above it stays true (also for a loaded forest whose paths did not nest: its leaves counted reachable are then
 * more than the truly reachable ones, which can only lower LB). The ceiling is over every z ∈ ℝ^d; a model's scaled rows may reach fewer (a column
 * constant on normal rows is always 0), which can only lower the true maximum.
 *
 * <p><b>Which split to cut at</b> changes only how fast the search closes, not its answer: in each tree with more than
 * one reachable leaf, the first split on the path to its best leaf that a row of B can take either way; of these, those
 * on the column most of them split, and among them the median value.
 */
public final class ForestCeiling {
    /** The most boxes cut before the search gives its upper bound instead of the exact ceiling. */
    public static final int MAX_BOXES = 100_000;

    private final int[] roots;
    private final int[] feature;
    private final double[] split;
    private final int[] right;
    /** Per leaf, h = its depth + c(rows at it), as {@link IsolationForestDetector#score} adds it; 0 elsewhere. */
    private final double[] leafH;
    private final double scale;

    private ForestCeiling(IsolationForestDetector forest) {
        roots = forest.roots();
        feature = forest.feature();
        split = forest.split();
        right = forest.right();
        int[] size = forest.size();
        leafH = new double[feature.length];
        for (int root : roots) {
            depths(root, 0, size);
        }
        scale = IsolationForestDetector.averagePath(forest.sampleSize());
    }

    private void depths(int node, int depth, int[] size) {
        if (feature[node] < 0) {
            leafH[node] = depth + IsolationForestDetector.averagePath(size[node]);
        } else {
            depths(node + 1, depth + 1, size);
            depths(right[node], depth + 1, size);
        }
    }

    /**
     * The ceiling of a forest's raw score and whether it is exact (else an upper bound).
     *
     * @param raw   the ceiling: no row scores higher
     * @param exact whether some row scores exactly {@code raw}
     * @param row   a scaled row scoring {@code raw} when exact; when not, a row of the box the bound comes from
     * @param boxes the boxes cut
     */
    public record Result(double raw, boolean exact, double[] row, int boxes) {
        public Result {
            row = row.clone();
        }

        @Override
        public double[] row() {
            return row.clone();
        }
    }

    /**
     * One open box [lo, hi): per tree the best leaf a row of it reaches, their sum (LB) and, when not decided, the
     * column and value to cut it at.
     */
    private record Box(double[] lo, double[] hi, int[] leaves, double bound, int column, double at, long order) {
        boolean decided() {
            return column < 0;
        }
    }

    /** The ceiling of {@code forest}'s raw score: exact, or an upper bound after {@value #MAX_BOXES} cuts. */
    public static Result of(IsolationForestDetector forest) {
        return of(forest, MAX_BOXES);
    }

    /** The same, cutting at most {@code maxBoxes} boxes. */
    public static Result of(IsolationForestDetector forest, int maxBoxes) {
        return new ForestCeiling(forest).search(forest.columns(), maxBoxes);
    }

    private Result search(int columns, int maxBoxes) {
        double[] lo = new double[columns];
        double[] hi = new double[columns];
        Arrays.fill(lo, Double.NEGATIVE_INFINITY);
        Arrays.fill(hi, Double.POSITIVE_INFINITY);
        int[] none = new int[roots.length];
        Arrays.fill(none, -1);
        // smallest bound first; among equal bounds the newest (depth first), so that ties end in a decided box soon
        PriorityQueue<Box> open = new PriorityQueue<>((a, b) -> a.bound() != b.bound() ? Double.compare(a.bound(), b.bound())
                : Long.compare(b.order(), a.order()));
        long order = 0;
        open.add(box(lo, hi, none, order++));
        for (int cuts = 0; ; cuts++) {
            Box b = open.poll();
            if (b.decided() || cuts == maxBoxes) {
                double raw = Math.pow(2, -b.bound() / roots.length / scale);
                return new Result(raw, b.decided(), inside(b.lo(), b.hi()), cuts);
            }
            double[] leftHi = b.hi().clone();
            leftHi[b.column()] = b.at();
            double[] rightLo = b.lo().clone();
            rightLo[b.column()] = b.at();
            open.add(box(b.lo(), leftHi, b.leaves(), order++));
            open.add(box(rightLo, b.hi(), b.leaves(), order++));
        }
    }

    /**
     * The box [lo, hi) with its bound and, when some tree is not decided on it, where to cut it. {@code before} holds
     * each tree's best leaf in the box this one was cut from (−1: none yet): where a row of this box still reaches it,
     * it is still the best (this box's rows are some of that box's), else the tree is searched again.
     */
    private Box box(double[] lo, double[] hi, int[] before, long order) {
        double bound = 0;
        int[] leaves = new int[roots.length];
        int[] votes = new int[lo.length];
        double[] cutAt = new double[roots.length];
        int[] cutColumn = new int[roots.length];
        int cuts = 0;
        int[] best = new int[1];
        for (int t = 0; t < roots.length; t++) {
            int leaf = before[t];
            if (leaf < 0 || !reaches(roots[t], leaf, lo, hi)) {
                shortest(roots[t], lo, hi, best);
                leaf = best[0];
            }
            leaves[t] = leaf;
            bound += leafH[leaf];
            int open = firstOpenSplit(roots[t], leaf, lo, hi);
            if (open >= 0) {
                cutColumn[cuts] = feature[open];
                cutAt[cuts++] = split[open];
                votes[feature[open]]++;
            }
        }
        if (cuts == 0) {
            return new Box(lo, hi, leaves, bound, -1, 0, order);
        }
        int column = 0;
        for (int c = 1; c < votes.length; c++) {
            column = votes[c] > votes[column] ? c : column;
        }
        return new Box(lo, hi, leaves, bound, column, medianOf(column, votes[column], cutColumn, cutAt, cuts), order);
    }

    private static double medianOf(int column, int n, int[] cutColumn, double[] cutAt, int cuts) {
        double[] values = new double[n];
        for (int i = 0, k = 0; i < cuts; i++) {
            if (cutColumn[i] == column) {
                values[k++] = cutAt[i];
            }
        }
        Arrays.sort(values);
        return values[n / 2];
    }

    /** The smallest h over the leaves below {@code node} a row of [lo, hi) reaches, the first such leaf into best[0]. */
    private double shortest(int node, double[] lo, double[] hi, int[] best) {
        if (feature[node] < 0) {
            best[0] = node;
            return leafH[node];
        }
        int c = feature[node];
        double h = Double.POSITIVE_INFINITY;
        int leaf = -1;
        if (lo[c] < split[node]) {
            h = shortest(node + 1, lo, hi, best);
            leaf = best[0];
        }
        if (split[node] < hi[c]) {
            double r = shortest(right[node], lo, hi, best);
            if (r < h) {
                h = r;
                leaf = best[0];
            }
        }
        best[0] = leaf;
        return h;
    }

    /** Whether some row of [lo, hi) goes from {@code root} to {@code leaf}. */
    private boolean reaches(int root, int leaf, double[] lo, double[] hi) {
        for (int node = root; node != leaf; ) {
            int c = feature[node];
            boolean left = leaf < right[node];      // preorder: the left subtree precedes the right
            if (left ? !(lo[c] < split[node]) : !(split[node] < hi[c])) {
                return false;
            }
            node = left ? node + 1 : right[node];
        }
        return true;
    }

    /** The first split on the path from {@code root} to {@code leaf} that rows of [lo, hi) take both ways, or −1. */
    private int firstOpenSplit(int root, int leaf, double[] lo, double[] hi) {
        for (int node = root; node != leaf; ) {
            int c = feature[node];
            if (lo[c] < split[node] && split[node] < hi[c]) {
                return node;
            }
            node = leaf < right[node] ? node + 1 : right[node];
        }
        return -1;
    }

    /** A row inside [lo, hi), away from its bounds: the middle where both are finite, else a step inside, else 0. */
    private static double[] inside(double[] lo, double[] hi) {
        double[] z = new double[lo.length];
        for (int c = 0; c < z.length; c++) {
            boolean below = Double.isFinite(lo[c]);
            boolean above = Double.isFinite(hi[c]);
            z[c] = below && above ? lo[c] + (hi[c] - lo[c]) / 2 : below ? lo[c] + 1 + Math.abs(lo[c])
                    : above ? hi[c] - 1 - Math.abs(hi[c]) : 0;
        }
        return z;
    }
}
