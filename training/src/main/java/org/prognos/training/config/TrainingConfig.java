package org.prognos.training.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.prognos.features.InvalidSpecException;

/**
 * A training job, as written in {@code job.json} or {@code job.yaml}: where the data is, which feature
 * spec, which task and model, how to split, the costs of errors, and where to publish. Paths are relative
 * to the config file. Every field has a validated meaning; an error names the field.
 *
 * @param name     the model name in the registry
 * @param data     the training data (and an optional separate test set)
 * @param spec     a feature spec: a path (text) or the spec itself (an object)
 * @param task     what to predict
 * @param model    the model family and its hyperparameters or search space
 * @param split    how evaluation data is kept apart
 * @param costs    the costs that choose a classifier's alarm threshold
 * @param registry the registry directory to publish into
 * @param seed     the seed of every random choice (split, trainers)
 */
public record TrainingConfig(String name, DataConfig data, JsonNode spec, TaskConfig task, ModelConfig model,
                             SplitConfig split, CostConfig costs, String registry, long seed) {
    @JsonCreator
    public TrainingConfig(@JsonProperty("name") String name, @JsonProperty("data") DataConfig data,
                          @JsonProperty("spec") JsonNode spec, @JsonProperty("task") TaskConfig task,
                          @JsonProperty("model") ModelConfig model, @JsonProperty("split") SplitConfig split,
                          @JsonProperty("costs") CostConfig costs, @JsonProperty("registry") String registry,
                          @JsonProperty("seed") Long seed) {
        this(name, data, spec, task, model, split, costs, registry, seed == null ? 42L : seed.longValue());
    }

    public TrainingConfig {
        require("name", name);
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new InvalidSpecException("'name' must be letters, digits, '.', '_' or '-' (at most 64), found '" + name + "'");
        }
        require("data", data);
        require("spec", spec);
        if (!(spec.isTextual() || spec.isObject())) {
            throw new InvalidSpecException("'spec' must be a path to a spec file or the spec object itself");
        }
        require("task", task);
        require("model", model);
        split = split == null ? SplitConfig.byAsset() : split;
        costs = costs == null ? CostConfig.defaults() : costs;
        require("registry", registry);
    }

    static void require(String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new InvalidSpecException("'" + field + "' is required");
        }
    }

    /**
     * @param train      dataset path (directory or dataset.json)
     * @param subset     C-MAPSS subset of {@code train}, e.g. FD001
     * @param test       optional separate test dataset (e.g. C-MAPSS test units); else a split of {@code train}
     * @param testSubset C-MAPSS subset/part of {@code test}, e.g. FD001:test
     * @param evaluateAt {@code all} rows of the test assets (default) or each test asset's {@code last} row
     *                   (the C-MAPSS protocol: one score per unit, at its last cycle)
     */
    public record DataConfig(String train, String subset, String test, String testSubset, String evaluateAt) {
        public DataConfig {
            require("data.train", train);
            evaluateAt = evaluateAt == null ? "all" : evaluateAt;
            if (!evaluateAt.equals("all") && !evaluateAt.equals("last")) {
                throw new InvalidSpecException("'data.evaluateAt' must be all or last, found '" + evaluateAt + "'");
            }
        }
    }

    /**
     * @param type       {@code failure-within-horizon} or {@code remaining-useful-life}
     * @param horizon    for failure tasks, e.g. {@code 24h} or {@code 30} (cycles)
     * @param components for per-component failure tasks; empty for "any failure"
     * @param censoring  {@code drop} (default) or {@code negative}
     * @param cap        RUL cap in units (C-MAPSS: 125)
     * @param unit       RUL unit: {@code 1} cycle, or a span such as {@code 1h} / {@code 1d}
     */
    public record TaskConfig(String type, String horizon, List<String> components, String censoring, Long cap, String unit) {
        public TaskConfig {
            require("task.type", type);
            if (!type.equals("failure-within-horizon") && !type.equals("remaining-useful-life")) {
                throw new InvalidSpecException("'task.type' must be failure-within-horizon or remaining-useful-life, found '" + type + "'");
            }
            if (type.equals("failure-within-horizon")) {
                require("task.horizon", horizon);
            }
            components = components == null ? List.of() : List.copyOf(components);
            censoring = censoring == null ? "drop" : censoring;
            if (!censoring.equals("drop") && !censoring.equals("negative")) {
                throw new InvalidSpecException("'task.censoring' must be drop or negative, found '" + censoring + "'");
            }
            if (cap != null && cap <= 0) {
                throw new InvalidSpecException("'task.cap' must be positive, found " + cap);
            }
        }

        public boolean isClassification() {
            return type.equals("failure-within-horizon");
        }
    }

    /**
     * @param family one of {@code xgboost}, {@code random-forest}, {@code extra-trees}, {@code logistic} (classification),
     *               {@code linear} (regression), or a DL4J sequence model for remaining useful life: {@code cnn},
     *               {@code lstm} (see {@code org.prognos.training.sequence.SequenceFamily})
     * @param params hyperparameters by name (see the family's settings record)
     * @param search an optional hyperparameter search
     */
    public record ModelConfig(String family, Map<String, JsonNode> params, SearchConfig search) {
        public ModelConfig {
            require("model.family", family);
            params = params == null ? Map.of() : Map.copyOf(params);
        }
    }

    /**
     * @param method {@code grid} or {@code random}
     * @param trials most candidates for random search
     * @param budget wall-clock budget, e.g. {@code 60s} or {@code 5m}
     * @param folds  grouped (by asset) cross-validation folds
     * @param space  hyperparameter name → candidate values
     */
    public record SearchConfig(String method, Integer trials, String budget, Integer folds, Map<String, List<JsonNode>> space) {
        public SearchConfig {
            method = method == null ? "random" : method;
            if (!method.equals("grid") && !method.equals("random")) {
                throw new InvalidSpecException("'model.search.method' must be grid or random, found '" + method + "'");
            }
            trials = trials == null ? 10 : trials;
            folds = folds == null ? 3 : folds;
            if (folds < 2) {
                throw new InvalidSpecException("'model.search.folds' must be at least 2, found " + folds);
            }
            if (space == null || space.isEmpty()) {
                throw new InvalidSpecException("'model.search.space' must name at least one hyperparameter with candidate values");
            }
            space = Map.copyOf(space);
        }
    }

    /**
     * @param method             {@code asset} (hold out whole assets) or {@code time} (train before a cut, test after)
     * @param testFraction       share of assets held out for test (asset split, no explicit list, no separate test set)
     * @param testAssets         explicit held-out assets (ranges like {@code 51-70} allowed)
     * @param validationFraction share of the training assets kept for validation (threshold, early stopping)
     * @param cutoff             time split: the first test time
     * @param gap                time split: purge gap before the cut (at least the horizon)
     */
    public record SplitConfig(String method, Double testFraction, List<String> testAssets, Double validationFraction,
                              String cutoff, String gap) {
        public SplitConfig {
            method = method == null ? "asset" : method;
            if (!method.equals("asset") && !method.equals("time")) {
                throw new InvalidSpecException("'split.method' must be asset or time, found '" + method + "'");
            }
            testFraction = testFraction == null ? 0.2 : testFraction;
            validationFraction = validationFraction == null ? 0.2 : validationFraction;
            if (!(testFraction > 0 && testFraction < 1)) {
                throw new InvalidSpecException("'split.testFraction' must be in (0, 1), found " + testFraction);
            }
            if (!(validationFraction > 0 && validationFraction < 1)) {
                throw new InvalidSpecException("'split.validationFraction' must be in (0, 1), found " + validationFraction);
            }
            testAssets = testAssets == null ? List.of() : List.copyOf(testAssets);
            if (method.equals("time")) {
                require("split.cutoff", cutoff);
            }
        }

        public static SplitConfig byAsset() {
            return new SplitConfig("asset", null, null, null, null, null);
        }
    }

    /**
     * @param missedFailure cost of a failure no alarm caught
     * @param needlessVisit cost of a visit for an alarm with no failure behind it
     */
    public record CostConfig(double missedFailure, double needlessVisit) {
        public CostConfig {
            if (!(missedFailure > 0) || !(needlessVisit > 0)) {
                throw new InvalidSpecException("'costs.missedFailure' and 'costs.needlessVisit' must be positive, found "
                        + missedFailure + " and " + needlessVisit);
            }
        }

        public static CostConfig defaults() {
            return new CostConfig(20, 1);
        }
    }

    /** The config's source form, for provenance. */
    public Map<String, Object> summary() {
        return Map.of("name", name, "task", task.type(), "family", model.family(), "split", split.method());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingConfig c && Objects.equals(name, c.name) && Objects.equals(data, c.data)
                && Objects.equals(spec, c.spec) && Objects.equals(task, c.task) && Objects.equals(model, c.model)
                && Objects.equals(split, c.split) && Objects.equals(costs, c.costs) && Objects.equals(registry, c.registry)
                && seed == c.seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, data, task, model, split, costs, registry, seed);
    }
}
