package org.prognos.training.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;
import org.prognos.features.InvalidSpecException;

/**
 * How a job keeps evaluation data apart ({@code split}): a closed set, chosen by {@code split.method}. Without a
 * {@code split}, a job splits {@link #byAsset() by asset} with the default shares.
 */
public sealed interface SplitConfig permits SplitConfig.ByAsset, SplitConfig.ByTime {
    /** Share of the training assets (asset split) or of the training period (time split) kept for validation. */
    double DEFAULT_VALIDATION_FRACTION = 0.2;
    /** Share of the assets held out for test when none are named and there is no separate test set. */
    double DEFAULT_TEST_FRACTION = 0.2;

    /** Share kept for validation (threshold choice, early stopping). */
    double validationFraction();

    /** The name a config writes in {@code split.method}. */
    String method();

    /**
     * Reads {@code split} as a config writes it; every field is checked whichever method reads it, as it always was.
     *
     * @param method             {@code asset} (default: hold out whole assets) or {@code time} (train before a cut,
     *                           test after)
     * @param testFraction       asset split: share of assets held out for test (default 0.2)
     * @param testAssets         asset split: explicit held-out assets (ranges like {@code 51-70} allowed)
     * @param validationFraction share kept for validation (default 0.2)
     * @param cutoff             time split: the first test time (required)
     * @param gap                time split: purge gap before the cut (default: the horizon)
     */
    @JsonCreator
    static SplitConfig of(@JsonProperty("method") String method, @JsonProperty("testFraction") Double testFraction,
                          @JsonProperty("testAssets") List<String> testAssets,
                          @JsonProperty("validationFraction") Double validationFraction,
                          @JsonProperty("cutoff") String cutoff, @JsonProperty("gap") String gap) {
        Method m = method == null ? Method.ASSET : WireNames.parse(Method.class, "split.method", method);
        double test = testFraction == null ? DEFAULT_TEST_FRACTION : testFraction;
        double validation = validationFraction == null ? DEFAULT_VALIDATION_FRACTION : validationFraction;
        checkFraction("split.testFraction", test);
        checkFraction("split.validationFraction", validation);
        if (m == Method.TIME) {
            return new ByTime(cutoff, Optional.ofNullable(gap), validation);
        }
        return new ByAsset(test, testAssets == null ? List.of() : testAssets, validation);
    }

    /** By asset with the default shares. */
    static SplitConfig byAsset() {
        return new ByAsset(DEFAULT_TEST_FRACTION, List.of(), DEFAULT_VALIDATION_FRACTION);
    }

    private static void checkFraction(String field, double v) {
        if (!(v > 0 && v < 1)) {
            throw new InvalidSpecException("'" + field + "' must be in (0, 1), found " + v);
        }
    }

    /** The split methods, as {@code split.method} names them. */
    enum Method {
        ASSET, TIME;

        @Override
        public String toString() {
            return WireNames.of(this);
        }
    }

    /**
     * Whole assets held out: no asset's history is on both sides.
     *
     * @param testFraction       share of assets drawn for test when none are named (0 when a separate test set exists)
     * @param testAssets         explicit held-out assets (ranges like {@code 51-70}); empty to draw them
     * @param validationFraction share of the remaining assets drawn for validation
     */
    record ByAsset(double testFraction, List<String> testAssets, double validationFraction) implements SplitConfig {
        public ByAsset {
            checkFraction("split.testFraction", testFraction);
            checkFraction("split.validationFraction", validationFraction);
            testAssets = List.copyOf(testAssets);
        }

        @Override
        public String method() {
            return Method.ASSET.toString();
        }
    }

    /**
     * Train before a cut, test after, with a purge gap between.
     *
     * @param cutoff             the first test time, on the spec's time axis
     * @param gap                the purge gap before the cut; empty for the task's horizon
     * @param validationFraction the last share of the training period kept for validation
     */
    record ByTime(String cutoff, Optional<String> gap, double validationFraction) implements SplitConfig {
        public ByTime {
            TrainingConfig.require("split.cutoff", cutoff);
            checkFraction("split.validationFraction", validationFraction);
        }

        @Override
        public String method() {
            return Method.TIME.toString();
        }
    }
}
