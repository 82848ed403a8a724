package org.prognos.training.sequence;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.prognos.features.InvalidSpecException;

/**
 * One fold of the training assets: those a network learns from and those its early stopping validates on, whole
 * assets on each side: rows of one engine are strongly correlated, so a row-level split would validate on near-copies
 * of training rows and stop too late. It cuts the training side of the job's
 * {@link org.prognos.training.data.AssetSplit} (training, validation and test assets) further; it never sees a test
 * asset.
 *
 * @param fit        assets trained on, in the given order
 * @param validation assets held out
 */
public record AssetFold(List<String> fit, List<String> validation) {
    public AssetFold {
        fit = List.copyOf(fit);
        validation = List.copyOf(validation);
        if (fit.isEmpty() || validation.isEmpty()) {
            throw new InvalidSpecException("a split needs assets on both sides, found " + fit.size() + " to fit and "
                    + validation.size() + " to validate");
        }
    }

    /**
     * Holds out {@code round(fraction × n)} assets (at least one) drawn by a seeded shuffle of {@code assets}. Given
     * the same assets in the same order and the same seed, the split is the same.
     */
    public static AssetFold of(List<String> assets, double fraction, long seed) {
        if (assets.size() < 2) {
            throw new InvalidSpecException("need at least 2 assets to hold some out for validation, found " + assets.size());
        }
        List<String> shuffled = shuffled(assets, seed);
        int held = (int) Math.max(1, Math.min(assets.size() - 1, Math.round(fraction * assets.size())));
        Set<String> validation = new HashSet<>(shuffled.subList(0, held));
        List<String> fit = new ArrayList<>();
        List<String> val = new ArrayList<>();
        for (String a : assets) {
            (validation.contains(a) ? val : fit).add(a);
        }
        return new AssetFold(fit, val);
    }

    /**
     * Cuts {@code assets} into {@code k} folds of whole assets after a seeded shuffle (sizes differ by at most one);
     * split f validates on fold f and fits on the others. Same assets, same order, same seed: same folds.
     */
    public static List<AssetFold> folds(List<String> assets, int k, long seed) {
        if (k < 2 || assets.size() < k) {
            throw new InvalidSpecException("need at least 2 folds and an asset per fold, found " + k + " folds for "
                    + assets.size() + " assets");
        }
        List<String> shuffled = shuffled(assets, seed);
        List<AssetFold> out = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            Set<String> held = new HashSet<>(shuffled.subList(f * assets.size() / k, (f + 1) * assets.size() / k));
            List<String> fit = new ArrayList<>();
            List<String> val = new ArrayList<>();
            for (String a : assets) {
                (held.contains(a) ? val : fit).add(a);
            }
            out.add(new AssetFold(fit, val));
        }
        return out;
    }

    private static List<String> shuffled(List<String> assets, long seed) {
        List<String> shuffled = new ArrayList<>(assets);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            String t = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, t);
        }
        return shuffled;
    }

}
