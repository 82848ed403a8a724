package org.prognos.training.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.prognos.features.InvalidSpecException;

/**
 * Assets partitioned into training, validation and test sets: whole assets, so no asset's history is on
 * both sides (rows of one asset are strongly correlated; a row split would leak). Seeded.
 *
 * @param train      assets the model and every fitted transform learn from
 * @param validation assets for choosing thresholds and early stopping
 * @param test       held-out assets for the reported metrics (empty when a separate test set is given)
 */
public record AssetSplit(Set<String> train, Set<String> validation, Set<String> test) {
    public AssetSplit {
        train = Collections.unmodifiableSet(new LinkedHashSet<>(train));
        validation = Collections.unmodifiableSet(new LinkedHashSet<>(validation));
        test = Collections.unmodifiableSet(new LinkedHashSet<>(test));
        if (train.isEmpty()) {
            throw new InvalidSpecException("the split leaves no training assets");
        }
    }

    /**
     * @param assets             every asset, in a stable order
     * @param explicitTest       held-out assets named in the config (ranges like {@code 51-70}); empty to draw them
     * @param testFraction       share drawn for test when none are named; 0 when a separate test set exists
     * @param validationFraction share of the remaining assets drawn for validation
     */
    public static AssetSplit of(List<String> assets, List<String> explicitTest, double testFraction, double validationFraction, long seed) {
        Random rng = new Random(seed);
        List<String> pool = new ArrayList<>(assets);
        Set<String> test = new LinkedHashSet<>();
        if (!explicitTest.isEmpty()) {
            for (String t : expand(explicitTest)) {
                if (!pool.contains(t)) {
                    throw new InvalidSpecException("'split.testAssets' names asset '" + t + "', which the training data does not have");
                }
                test.add(t);
            }
            pool.removeAll(test);
        } else if (testFraction > 0) {
            Collections.shuffle(pool, rng);
            int n = Math.max(1, (int) Math.round(pool.size() * testFraction));
            test.addAll(pool.subList(0, n));
            pool = new ArrayList<>(pool.subList(n, pool.size()));
        }
        List<String> rest = new ArrayList<>(pool);
        Collections.shuffle(rest, rng);
        int nv = Math.max(1, (int) Math.round(rest.size() * validationFraction));
        if (rest.size() - nv < 1) {
            throw new InvalidSpecException("too few assets (" + assets.size() + ") to keep training, validation and test assets apart");
        }
        Set<String> validation = new LinkedHashSet<>(rest.subList(0, nv));
        Set<String> train = new LinkedHashSet<>(assets);
        train.removeAll(test);
        train.removeAll(validation);
        return new AssetSplit(train, validation, test);
    }

    /** Expands entries like {@code 51-70} into 51, 52, …, 70. */
    static List<String> expand(List<String> entries) {
        List<String> out = new ArrayList<>();
        for (String e : entries) {
            var m = Pattern.compile("(\\d+)-(\\d+)").matcher(e.trim());
            if (m.matches()) {
                for (long i = Long.parseLong(m.group(1)); i <= Long.parseLong(m.group(2)); i++) {
                    out.add(Long.toString(i));
                }
            } else {
                out.add(e.trim());
            }
        }
        return out;
    }

    public String describe() {
        return "by asset: " + train.size() + " training, " + validation.size() + " validation"
                + (test.isEmpty() ? "" : ", " + test.size() + " test") + " assets";
    }
}
