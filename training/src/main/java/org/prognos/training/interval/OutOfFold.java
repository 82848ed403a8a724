package org.prognos.training.interval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.prognos.training.data.LabeledRows;

/**
 * Cross-fitted estimates: the training assets are shuffled (seeded) into K folds of whole assets; for each fold a
 * model is fitted on the other folds' rows and predicts the fold's rows. Every row's estimate comes from a model that
 * never saw its asset, so its residual is an honest calibration residual, and no row is spent on calibration alone
 * (the published model is fitted on all training assets, as in CV+). Test assets are never passed here.
 */
public final class OutOfFold {
    private OutOfFold() {
    }

    /**
     * @param rows          the training rows
     * @param folds         K, at most the number of assets
     * @param seed          shuffles the assets
     * @param fitAndPredict fits on its first argument's rows and returns estimates for its second's, in row order
     * @return one estimate per row of {@code rows}, in row order
     */
    public static double[] estimates(LabeledRows rows, int folds, long seed,
                                     BiFunction<LabeledRows, LabeledRows, double[]> fitAndPredict) {
        double[][] out = predictions(rows, foldOf(rows, folds, seed), (fit, held) -> {
            double[] e = fitAndPredict.apply(fit, held);
            double[][] wrapped = new double[e.length][];
            for (int j = 0; j < e.length; j++) {
                wrapped[j] = new double[] {e[j]};
            }
            return wrapped;
        });
        double[] flat = new double[out.length];
        for (int i = 0; i < out.length; i++) {
            flat[i] = out[i][0];
        }
        return flat;
    }

    /**
     * The fold of each row: the assets shuffled with {@code seed} and dealt round-robin into
     * {@code min(folds, assets)} folds, so all rows of one asset share a fold.
     */
    public static int[] foldOf(LabeledRows rows, int folds, long seed) {
        List<String> assets = new ArrayList<>(rows.distinctAssets());
        Collections.shuffle(assets, new Random(seed));
        int k = Math.min(folds, assets.size());
        Map<String, Integer> foldOf = new HashMap<>();
        for (int i = 0; i < assets.size(); i++) {
            foldOf.put(assets.get(i), i % k);
        }
        int[] out = new int[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = foldOf.get(rows.assets()[i]);
        }
        return out;
    }

    /**
     * Cross-fitted predictions of any width (class probabilities, one estimate): for each fold, a model fitted on the
     * other folds' rows predicts the fold's rows.
     *
     * @param rows          the training rows
     * @param fold          the fold of each row ({@link #foldOf})
     * @param fitAndPredict fits on its first argument's rows and returns one prediction row per row of its second
     * @return one prediction row per row of {@code rows}, in row order
     */
    public static double[][] predictions(LabeledRows rows, int[] fold,
                                         BiFunction<LabeledRows, LabeledRows, double[][]> fitAndPredict) {
        int k = java.util.Arrays.stream(fold).max().orElse(-1) + 1;
        double[][] out = new double[rows.size()][];
        for (int f = 0; f < k; f++) {
            int current = f;
            List<Integer> heldIndex = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (fold[i] == current) {
                    heldIndex.add(i);
                }
            }
            if (heldIndex.isEmpty()) {
                continue;
            }
            LabeledRows fit = rows.filter(i -> fold[i] != current);
            LabeledRows held = rows.filter(i -> fold[i] == current);
            double[][] e = fitAndPredict.apply(fit, held);
            for (int j = 0; j < e.length; j++) {
                out[heldIndex.get(j)] = e[j];
            }
        }
        return out;
    }

    /** The number of folds actually used for {@code rows}. */
    public static int folds(LabeledRows rows, int folds) {
        return Math.min(folds, rows.distinctAssets().size());
    }
}
