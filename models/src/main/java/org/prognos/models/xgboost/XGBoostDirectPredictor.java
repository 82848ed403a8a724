package org.prognos.models.xgboost;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.prognos.models.PredictionException;
import org.prognos.models.predict.FeatureRows;
import org.prognos.models.predict.ModelInfo;
import org.prognos.models.predict.Occluder;
import org.prognos.models.predict.Predictions;
import org.prognos.models.predict.Predictor;
import org.prognos.models.tribuo.TribuoPredictor;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostModel;

/**
 * A Tribuo XGBoost model scored by its booster directly: rows go into one dense float matrix (NaN = missing, the
 * way Tribuo's sparse examples leave a NaN feature out) instead of through Tribuo's per-feature boxed lists, which
 * cost ten times the booster's own work on a request-sized batch.
 *
 * <p>It is used only when it agrees <em>exactly</em> with the library's own path: {@link #tryCreate} scores a
 * set of probe rows (typical values, zeros, missing values, extremes) both ways at load time and falls back to
 * {@link TribuoPredictor} on any difference. Rows with no feature the model uses are refused as TribuoPredictor
 * refuses them, so both paths answer the same requests the same way.
 *
 * <p>Faster still, when it agrees exactly with the booster: the trees read from the booster ({@link BoosterJson}, {@link TreeEnsemble})
 * are walked in Java with XGBoost's float arithmetic ({@link TreeEnsemble#exactOutputs}). A request-sized batch then
 * costs a few microseconds instead of a native matrix and a native call (about 20 µs). {@link #tryCreate} compares the
 * two on the probes and 2,000 random rows, bit for bit, and keeps the booster when any output differs.
 */
public final class XGBoostDirectPredictor implements Predictor, Occluder.Source {
    private final ModelInfo info;
    private final Booster booster;
    private final int[] featureId;      // booster column of each feature column, -1 when the model does not use it
    private final int width;            // booster columns
    private final int[] outputIndex;    // classification: booster output of each task class, -1 when absent
    private Optional<TreeEnsemble> trees = Optional.empty();
    private boolean walkTrees;          // predict by walking the trees: they gave the booster's outputs bit for bit
    private volatile boolean closed;

    private XGBoostDirectPredictor(ModelInfo info, Booster booster, int[] featureId, int width, int[] outputIndex) {
        this.info = info;
        this.booster = booster;
        this.featureId = featureId;
        this.width = width;
        this.outputIndex = outputIndex;
    }

    /** The direct predictor of {@code model}, if it has one booster and matches {@code reference} on the probe rows. */
    static Optional<Predictor> tryCreate(XGBoostModel<?> model, ModelInfo info, TribuoPredictor reference) {
        List<Booster> boosters = model.getInnerModels();
        if (boosters.size() != 1) {
            return Optional.empty();
        }
        try {
            Booster b = boosters.get(0);
            b.setParam("nthread", 1);
            ImmutableFeatureMap fm = model.getFeatureIDMap();
            List<String> columns = info.featureColumns();
            int[] ids = new int[columns.size()];
            for (int c = 0; c < ids.length; c++) {
                ids[c] = fm.getID(columns.get(c));
            }
            int[] outputs = null;
            if (info.task().isClassification()) {
                Map<String, Integer> idOf = new HashMap<>();
                for (var pair : model.getOutputIDInfo()) {
                    if (pair.getB() instanceof Label l) {
                        idOf.put(l.getLabel(), pair.getA());
                    }
                }
                List<String> classes = info.task().outputNames();
                outputs = new int[classes.size()];
                for (int k = 0; k < outputs.length; k++) {
                    outputs[k] = idOf.getOrDefault(classes.get(k), -1);
                }
            }
            XGBoostDirectPredictor direct = new XGBoostDirectPredictor(info, b, ids, fm.size(), outputs);
            double[][] probes = probes(columns.size(), ids);
            Predictions scored = direct.predict(probes);
            if (!scored.equals(reference.predict(probes))) {
                return Optional.empty();
            }
            direct.trees = ensemble(b, ids, fm.size(), columns.size()).filter(t -> direct.agrees(t, probes, scored));
            direct.walkTrees = direct.trees.isPresent() && direct.identical(checkRows(probes, columns.size(), ids));
            return Optional.of(direct);
        } catch (XGBoostError | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether predictions walk the trees in Java (else they go through the booster). A walk costs a few microseconds
     * per row and no native call, so there is nothing to gain from combining concurrent calls into one.
     */
    public boolean walksTrees() {
        return walkTrees;
    }

    /** The booster's trees read in our columns, or nothing (the explanations then occlude through the booster). */
    private static Optional<TreeEnsemble> ensemble(Booster b, int[] ids, int width, int columns) {
        int[] columnOf = new int[width];
        Arrays.fill(columnOf, -1);
        for (int c = 0; c < columns; c++) {
            if (ids[c] >= 0) {
                columnOf[ids[c]] = c;
            }
        }
        try {
            return BoosterJson.read(b, columnOf);
        } catch (XGBoostError | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether walking the trees gives exactly the booster's outputs on {@code rows}. */
    private boolean identical(double[][] rows) {
        Predictions booster = boosterPredict(rows);
        for (int r = 0; r < rows.length; r++) {
            if (!Arrays.equals(walk(rows[r]), booster instanceof Predictions.Probabilities p ? p.probabilities()[r]
                    : new double[] {((Predictions.Values) booster).values()[r]})) {
                return false;
            }
        }
        return true;
    }

    /**
     * The probes and 2,000 random rows: a float softmax takes about 10,000 exponentials on them, enough to see a C
     * library whose {@code expf} rounds differently from {@link Expf#expf} (with a last-bit difference in one
     * exponential in two thousand, all agree by chance with probability under 1e-2).
     */
    private static double[][] checkRows(double[][] probes, int width, int[] ids) {
        SplittableRandom rng = new SplittableRandom(7);
        double[][] rows = Arrays.copyOf(probes, probes.length + 2000);
        for (int i = probes.length; i < rows.length; i++) {
            double[] r = new double[width];
            for (int c = 0; c < width; c++) {
                r[c] = rng.nextInt(8) == 0 ? Double.NaN : rng.nextInt(4) == 0 ? rng.nextInt(-3, 30) : rng.nextDouble(-50, 600);
            }
            for (int c = 0; c < width; c++) {
                if (ids[c] >= 0) {
                    r[c] = Double.isNaN(r[c]) ? 1 : r[c];   // a usable feature, as in the probes
                    break;
                }
            }
            rows[i] = r;
        }
        return rows;
    }

    /** The outputs of one row by the trees, in task order, as the booster computes them. */
    private double[] walk(double[] row) {
        return inTaskOrder(trees.orElseThrow().exactOutputs(row));
    }

    /** Float outputs in booster order as the task's outputs (what the booster's own predictions become). */
    private double[] inTaskOrder(float[] out) {
        if (outputIndex == null) {
            return new double[] {out[0]};
        }
        double[] probs = new double[outputIndex.length];
        for (int k = 0; k < probs.length; k++) {
            probs[k] = outputIndex[k] >= 0 ? out[outputIndex[k]] : 0;
        }
        return probs;
    }

    /** Whether the trees give the booster's outputs ({@code booster}, its predictions of the probe rows), to 1e-5. */
    private boolean agrees(TreeEnsemble t, double[][] probes, Predictions booster) {
        for (int r = 0; r < probes.length; r++) {
            double[] mine = inTaskOrder(t.outputs(probes[r]));
            double[] theirs = booster instanceof Predictions.Probabilities p ? p.probabilities()[r]
                    : new double[] {((Predictions.Values) booster).values()[r]};
            for (int k = 0; k < mine.length; k++) {
                if (!(Math.abs(mine[k] - theirs[k]) <= 1e-5 * Math.max(1, Math.abs(theirs[k])))) {
                    return false;
                }
            }
        }
        return true;
    }

    private double[] inTaskOrder(double[] boosterOutputs) {
        if (outputIndex == null) {
            return new double[] {boosterOutputs[0]};
        }
        double[] out = new double[outputIndex.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = outputIndex[k] >= 0 ? boosterOutputs[outputIndex[k]] : 0;
        }
        return out;
    }

    @Override
    public Optional<Occluder> occluder(int[][] sets, double[] reference) {
        return trees.map(t -> {
            TreeOcclusion occlusion = t.occlusion(sets, reference);
            // the check runs either way: it is also what compiles the walk before the first request
            boolean exact = occludesExactly(occlusion, checkRows(probes(reference.length, featureId), reference.length, featureId))
                    && walkTrees;
            return new Occluder() {
                @Override
                public double[][] occlude(double[] x) {
                    double[][] margins;
                    double[][] out;
                    if (exact) {   // row 0 from the same walk, summed the booster's way: the model's own prediction
                        TreeOcclusion.Exact e = occlusion.exact(x);
                        margins = e.margins();
                        out = new double[margins.length][];
                        out[0] = inTaskOrder(e.outputs());
                    } else {
                        margins = occlusion.margins(x);
                        out = new double[margins.length][];
                        out[0] = inTaskOrder(t.transform(margins[0]));
                    }
                    for (int r = 1; r < margins.length; r++) {
                        out[r] = inTaskOrder(t.transform(margins[r]));
                    }
                    return out;
                }

                @Override
                public boolean exact() {
                    return exact;
                }
            };
        });
    }

    /**
     * Whether the occlusion walk's row 0 is this predictor's own output on every one of {@code rows}. Walking them
     * also has the JIT compile the walk before the first request: left to a loaded service on two cores, it ran
     * interpreted for 20 s and more (its calls are few and long, and compiles wait behind the queue), at a fifth of
     * the speed.
     */
    private boolean occludesExactly(TreeOcclusion occlusion, double[][] rows) {
        boolean same = true;
        for (double[] row : rows) {
            same &= Arrays.equals(inTaskOrder(occlusion.exact(row).outputs()), walk(row));
        }
        return same;
    }

    /** Rows that exercise every branch kind: zeros, ones, large and negative values, missing values, random values. */
    private static double[][] probes(int width, int[] ids) {
        SplittableRandom rng = new SplittableRandom(42);
        List<double[]> rows = new ArrayList<>();
        for (double v : new double[] {0, 1, -1, 1e6, -1e6, 0.5}) {
            double[] r = new double[width];
            Arrays.fill(r, v);
            rows.add(r);
        }
        for (int i = 0; i < 24; i++) {
            double[] r = new double[width];
            for (int c = 0; c < width; c++) {
                r[c] = rng.nextInt(6) == 0 ? Double.NaN : rng.nextInt(4) == 0 ? 0 : rng.nextDouble(-10, 500);
            }
            int used = -1;
            for (int c = 0; c < width && used < 0; c++) {
                used = ids[c] >= 0 ? c : -1;
            }
            if (used >= 0 && Double.isNaN(r[used])) {
                r[used] = 1;   // keep one usable feature: a row with none is refused by both paths
            }
            rows.add(r);
        }
        return rows.toArray(double[][]::new);
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public Predictions predict(double[][] rows) {
        if (closed) {
            throw new PredictionException("predictor " + info.reference() + " is closed");
        }
        FeatureRows.check(rows, info.featureColumns());
        int n = rows.length;
        for (int r = 0; r < n; r++) {
            double[] row = rows[r];
            boolean usable = false;
            for (int c = 0; c < row.length; c++) {
                usable |= featureId[c] >= 0 && row[c] == row[c];
            }
            if (!usable) {
                throw new PredictionException("row " + r + " has no value for any feature the model " + info.reference()
                        + " uses (all NaN); a Tribuo model cannot score it");
            }
        }
        if (walkTrees) {
            if (outputIndex == null) {
                double[] values = new double[n];
                for (int r = 0; r < n; r++) {
                    values[r] = walk(rows[r])[0];
                }
                return new Predictions.Values(values);
            }
            double[][] probs = new double[n][];
            for (int r = 0; r < n; r++) {
                probs[r] = walk(rows[r]);
            }
            return new Predictions.Probabilities(info.task().outputNames(), probs);
        }
        return boosterPredict(rows);
    }

    /** The booster's predictions of {@code rows} (checked). */
    private Predictions boosterPredict(double[][] rows) {
        int n = rows.length;
        float[] data = new float[n * width];
        Arrays.fill(data, Float.NaN);
        for (int r = 0; r < n; r++) {
            double[] row = rows[r];
            int base = r * width;
            for (int c = 0; c < row.length; c++) {
                int id = featureId[c];
                if (id >= 0) {
                    data[base + id] = (float) row[c];
                }
            }
        }
        float[][] out;
        DMatrix m = null;
        try {
            m = new DMatrix(data, n, width, Float.NaN);
            out = booster.predict(m);
        } catch (XGBoostError e) {
            throw new PredictionException("XGBoost failed to score " + n + " rows with " + info.reference() + ": " + e.getMessage(), e);
        } finally {
            if (m != null) {
                m.dispose();
            }
        }
        if (outputIndex == null) {
            double[] values = new double[n];
            for (int r = 0; r < n; r++) {
                values[r] = out[r][0];
            }
            return new Predictions.Values(values);
        }
        double[][] probs = new double[n][outputIndex.length];
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < outputIndex.length; k++) {
                probs[r][k] = outputIndex[k] >= 0 ? out[r][outputIndex[k]] : 0;
            }
        }
        return new Predictions.Probabilities(info.task().outputNames(), probs);
    }

    @Override
    public void close() {
        closed = true;
        booster.dispose();
    }
}
