package org.prognos.training.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.prognos.features.InvalidSpecException;

/**
 * How a job keeps evaluation data apart ({@code split}): a closed set, chosen by {@code split.method}. Without a
 * {@code split}, a job splits {@link #byAsset() by asset} with the default shares.
 */
public sealed interface SplitConfig permits SplitConfig.ByAsset, SplitConfig.ByTime, SplitConfig.LearnPeriod {
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
     * @param learn              time split of each asset apart (anomaly jobs): its first readings that fit and
     *                           calibrate, a count ({@code 400}) or a share ({@code 15%}); instead of {@code cutoff}
     */
    @JsonCreator
    static SplitConfig of(@JsonProperty("method") String method, @JsonProperty("testFraction") Double testFraction,
                          @JsonProperty("testAssets") List<String> testAssets,
                          @JsonProperty("validationFraction") Double validationFraction,
                          @JsonProperty("cutoff") String cutoff, @JsonProperty("gap") String gap,
                          @JsonProperty("learn") JsonNode learn) {
        Method m = method == null ? Method.ASSET : WireNames.parse(Method.class, "split.method", method);
        double test = testFraction == null ? DEFAULT_TEST_FRACTION : testFraction;
        double validation = validationFraction == null ? DEFAULT_VALIDATION_FRACTION : validationFraction;
        checkFraction("split.testFraction", test);
        checkFraction("split.validationFraction", validation);
        if (learn != null && !learn.isNull()) {
            if (m != Method.TIME) {
                throw new InvalidSpecException("'split.learn' is a time split of each asset: write 'split.method: time'");
            }
            if (cutoff != null || gap != null || testFraction != null || testAssets != null) {
                throw new InvalidSpecException("'split.learn' learns on each asset's first readings and evaluates the rest"
                        + " of every asset: it takes no 'split.cutoff', 'split.gap', 'split.testFraction' or 'split.testAssets'");
            }
            return new LearnPeriod(Learn.parse(learn), validation);
        }
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

    /**
     * Each asset split in time apart (a folder of runs, one asset each): its first readings, {@code learn}, are its
     * learning period, and the rest of it is evaluated. Within each asset's learning period its normal readings
     * ({@code task.normal}) are cut in time: the earlier fit (normalization, scaling, detector; pooled over the assets),
     * the last {@code validationFraction} of them only calibrate. No evaluated row is fitted or calibrated on.
     *
     * @param learn              how many of each asset's first readings learn
     * @param validationFraction the last share of each asset's normal learning readings that calibrates
     */
    record LearnPeriod(Learn learn, double validationFraction) implements SplitConfig {
        public LearnPeriod {
            java.util.Objects.requireNonNull(learn, "learn");
            checkFraction("split.validationFraction", validationFraction);
        }

        @Override
        public String method() {
            return Method.TIME.toString();
        }
    }

    /** How many of an asset's first readings learn ({@code split.learn}): a count or a share of its readings. */
    sealed interface Learn permits Learn.Readings, Learn.Share {
        /** Of an asset's {@code readings}, how many learn (at least 1; the rest is evaluated). */
        long of(long readings);

        /**
         * {@code 400} (readings) or {@code 15%} (of each asset's readings, rounded up).
         */
        static Learn parse(JsonNode node) {
            String text = node.asText().trim();
            try {
                if (text.endsWith("%")) {
                    double p = Double.parseDouble(text.substring(0, text.length() - 1).trim());
                    return new Share(p / 100);
                }
                if (node.isIntegralNumber() || text.matches("\\d+")) {
                    return new Readings(Long.parseLong(text));
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new InvalidSpecException("'split.learn' must be a count of readings (400) or a share of each asset's"
                    + " readings (15%), found '" + text + "'");
        }

        /** The first {@code count} readings of each asset. */
        record Readings(long count) implements Learn {
            public Readings {
                if (count < 1) {
                    throw new InvalidSpecException("'split.learn' must be at least 1 reading, found " + count);
                }
            }

            @Override
            public long of(long readings) {
                return count;
            }

            @Override
            public String toString() {
                return count + " readings";
            }
        }

        /** The first {@code share} of each asset's readings, rounded up. */
        record Share(double share) implements Learn {
            public Share {
                if (!(share > 0 && share < 1)) {
                    throw new InvalidSpecException("'split.learn' as a share must be in (0 %, 100 %), found " + 100 * share + " %");
                }
            }

            @Override
            public long of(long readings) {
                return (long) Math.ceil(share * readings);
            }

            @Override
            public String toString() {
                return String.format(java.util.Locale.ROOT, "%.4g %%", 100 * share);
            }
        }
    }
}
