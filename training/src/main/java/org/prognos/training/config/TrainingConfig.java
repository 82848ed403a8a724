package org.prognos.training.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.io.FilePick;

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
 * @param split    how evaluation data is kept apart (default: {@link SplitConfig#byAsset()})
 * @param costs    the costs that choose a classifier's alarm threshold (default: {@link CostConfig#defaults()})
 * @param registry the registry directory to publish into
 * @param seed     the seed of every random choice (split, trainers; default {@value #DEFAULT_SEED})
 * @param evaluation labelled anomaly periods an anomaly job also evaluates against; empty for none
 */
public record TrainingConfig(String name, DataConfig data, JsonNode spec, TaskConfig task, ModelConfig model,
                             SplitConfig split, CostConfig costs, String registry, long seed,
                             Optional<EvaluationConfig> evaluation) {
    /** The seed of a job that names none. */
    public static final long DEFAULT_SEED = 42;

    @JsonCreator
    public TrainingConfig(@JsonProperty("name") String name, @JsonProperty("data") DataConfig data,
                          @JsonProperty("spec") JsonNode spec, @JsonProperty("task") TaskConfig task,
                          @JsonProperty("model") ModelConfig model, @JsonProperty("split") SplitConfig split,
                          @JsonProperty("costs") CostConfig costs, @JsonProperty("registry") String registry,
                          @JsonProperty("seed") Long seed, @JsonProperty("evaluation") EvaluationConfig evaluation) {
        this(name, data, spec, task, model, split, costs, registry, seed == null ? DEFAULT_SEED : seed.longValue(),
                Optional.ofNullable(evaluation));
    }

    /** A job without labelled periods. */
    public TrainingConfig(String name, DataConfig data, JsonNode spec, TaskConfig task, ModelConfig model,
                          SplitConfig split, CostConfig costs, String registry, long seed) {
        this(name, data, spec, task, model, split, costs, registry, seed, Optional.empty());
    }

    /** This job with {@code evaluation} (a test's or a harness's variant of a job file). */
    public TrainingConfig withEvaluation(EvaluationConfig evaluation) {
        return new TrainingConfig(name, data, spec, task, model, split, costs, registry, seed, Optional.of(evaluation));
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
        if (task instanceof TaskConfig.Anomaly a && a.scaling() == null) {
            // a learning period per asset exists because each asset's own first part is its normal: scale it so
            task = a.withScaling(split instanceof SplitConfig.LearnPeriod ? TaskConfig.Scaling.ASSET : TaskConfig.Scaling.FLEET);
        }
        costs = costs == null ? CostConfig.defaults() : costs;
        require("registry", registry);
        Objects.requireNonNull(evaluation, "evaluation");
        if (!(task instanceof TaskConfig.Anomaly) && evaluation.isPresent()) {
            throw new InvalidSpecException("'evaluation' (labelled anomaly periods) is read by anomaly jobs only"
                    + " ('task.type: anomaly'); a " + task.type() + " job evaluates against its labels");
        }
        if (!(task instanceof TaskConfig.Anomaly) && split instanceof SplitConfig.LearnPeriod) {
            throw new InvalidSpecException("'split.learn' (a learning period per asset) is read by anomaly jobs only"
                    + " ('task.type: anomaly'); split a " + task.type() + " job by asset or at 'split.cutoff'");
        }
        if (task instanceof TaskConfig.Anomaly a && a.detector() == TaskConfig.DetectorScope.ASSET) {
            checkOwnDetectors(a, data, split, model);
        }
        if (task instanceof TaskConfig.Anomaly a && a.scaling() == TaskConfig.Scaling.ASSET) {
            if (data.test().isPresent()) {
                throw TaskConfig.Anomaly.assetSplitRefused("a separate test set, 'data.test'");
            }
            if (split instanceof SplitConfig.ByAsset b && !b.testAssets().isEmpty()) {
                throw TaskConfig.Anomaly.assetSplitRefused("'split.testAssets'");
            }
        }
    }

    /**
     * {@code task.detector: asset}'s refusals, each naming the keys: on the fleet's scaling (the default without
     * {@code split.learn}; a named {@code task.scaling: fleet} is refused on reading {@code task}), under an asset split,
     * and with the z-score family, whose detector has nothing fitted (its own scaling already judges each asset by its own
     * normal).
     */
    private static void checkOwnDetectors(TaskConfig.Anomaly a, DataConfig data, SplitConfig split, ModelConfig model) {
        if (data.test().isPresent()) {
            throw TaskConfig.Anomaly.assetSplitRefusedForDetector("a separate test set, 'data.test'");
        }
        if (split instanceof SplitConfig.ByAsset b && !b.testAssets().isEmpty()) {
            throw TaskConfig.Anomaly.assetSplitRefusedForDetector("'split.testAssets'");
        }
        if (a.scaling() != TaskConfig.Scaling.ASSET) {
            throw TaskConfig.Anomaly.fleetScalingRefused("'task.scaling' is fleet by default without a learning period"
                    + " per asset ('split.learn')");
        }
        if (model.family() == ModelFamily.ZSCORE) {
            throw new InvalidSpecException("'task.detector: asset' with 'model.family: zscore': the z-score detector has"
                    + " nothing fitted (raw = the largest |z|), so an asset's own would be the fleet's; 'task.scaling:"
                    + " asset' already judges each asset by its own normal: drop 'task.detector'");
        }
    }

    static void require(String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new InvalidSpecException("'" + field + "' is required");
        }
    }

    /**
     * @param train      dataset path (directory or dataset.json)
     * @param subset     C-MAPSS subset of {@code train}, e.g. FD001
     * @param test       a separate test dataset (e.g. C-MAPSS test units); empty to split {@code train}
     * @param testSubset C-MAPSS subset/part of {@code test}, e.g. FD001:test
     * @param evaluateAt which rows of the test assets are scored (default {@link EvaluateAt#ALL})
     * @param pick       which CSV files of {@code train}, a folder of runs, are read ({@code files} / {@code exclude}
     *                   globs); {@link FilePick#all()} to open {@code train} by what it holds
     */
    public record DataConfig(String train, Optional<String> subset, Optional<String> test, Optional<String> testSubset,
                             EvaluateAt evaluateAt, FilePick pick) {
        public DataConfig {
            require("data.train", train);
            Objects.requireNonNull(subset, "subset");
            Objects.requireNonNull(test, "test");
            Objects.requireNonNull(testSubset, "testSubset");
            Objects.requireNonNull(evaluateAt, "evaluateAt");
            Objects.requireNonNull(pick, "pick");
        }

        /** Data read whole: no file pick. */
        public DataConfig(String train, Optional<String> subset, Optional<String> test, Optional<String> testSubset,
                          EvaluateAt evaluateAt) {
            this(train, subset, test, testSubset, evaluateAt, FilePick.all());
        }

        /** Reads {@code data} as a config writes it; absent fields take the defaults above. */
        @JsonCreator
        public DataConfig(@JsonProperty("train") String train, @JsonProperty("subset") String subset,
                          @JsonProperty("test") String test, @JsonProperty("testSubset") String testSubset,
                          @JsonProperty("evaluateAt") String evaluateAt, @JsonProperty("files") List<String> files,
                          @JsonProperty("exclude") List<String> exclude) {
            this(train, Optional.ofNullable(subset), Optional.ofNullable(test), Optional.ofNullable(testSubset),
                    evaluateAt == null ? EvaluateAt.ALL : WireNames.parse(EvaluateAt.class, "data.evaluateAt", evaluateAt),
                    FilePick.of(files, exclude));
        }

        /** The training data as the job names it, with its file pick when it has one (for reports and logs). */
        public String describeTrain() {
            return pick.picksAll() ? train : train + " (" + pick.describe() + ")";
        }
    }

    /** Which rows of the test assets a job scores ({@code data.evaluateAt}). */
    public enum EvaluateAt {
        /** Every row (default). */
        ALL,
        /** Each test asset's last row: the C-MAPSS protocol, one score per unit at its last cycle. */
        LAST;

        @Override
        public String toString() {
            return WireNames.of(this);
        }
    }

    /**
     * @param family the model family
     * @param params hyperparameters by name (see the family's settings record); empty for its defaults
     * @param search a hyperparameter search over {@code params}; empty to train {@code params} as given
     */
    public record ModelConfig(ModelFamily family, Map<String, JsonNode> params, Optional<SearchConfig> search) {
        public ModelConfig {
            require("model.family", family);
            params = Map.copyOf(params);
            Objects.requireNonNull(search, "search");
        }

        /** Reads {@code model} as a config writes it. */
        @JsonCreator
        public ModelConfig(@JsonProperty("family") String family, @JsonProperty("params") Map<String, JsonNode> params,
                           @JsonProperty("search") SearchConfig search) {
            this(familyOf(family), params == null ? Map.of() : params, Optional.ofNullable(search));
        }

        /** {@code family} with {@code params} over its defaults, trained as given (no search). */
        public static ModelConfig of(ModelFamily family, Map<String, JsonNode> params) {
            return new ModelConfig(family, params, Optional.empty());
        }

        private static ModelFamily familyOf(String name) {
            require("model.family", name);
            return ModelFamily.parse(name);
        }
    }

    /** How a search walks its candidates ({@code model.search.method}). */
    public enum SearchMethod {
        /** Every combination, in order. */
        GRID,
        /** Seeded draws without repetition, at most {@code trials} (default). */
        RANDOM;

        @Override
        public String toString() {
            return WireNames.of(this);
        }
    }

    /**
     * @param method how candidates are walked
     * @param trials most candidates for random search (default {@value #DEFAULT_TRIALS})
     * @param budget wall-clock budget, e.g. {@code 60s} or {@code 5m}; empty for none
     * @param folds  grouped (by asset) cross-validation folds (default {@value #DEFAULT_FOLDS})
     * @param space  hyperparameter name → candidate values
     */
    public record SearchConfig(SearchMethod method, int trials, Optional<String> budget, int folds,
                               Map<String, List<JsonNode>> space) {
        /** Candidates a random search tries when {@code trials} is not given. */
        public static final int DEFAULT_TRIALS = 10;
        /** Cross-validation folds when {@code folds} is not given. */
        public static final int DEFAULT_FOLDS = 3;

        public SearchConfig {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(budget, "budget");
            if (folds < 2) {
                throw new InvalidSpecException("'model.search.folds' must be at least 2, found " + folds);
            }
            if (space == null || space.isEmpty()) {
                throw new InvalidSpecException("'model.search.space' must name at least one hyperparameter with candidate values");
            }
            space = Map.copyOf(space);
        }

        /** Reads {@code model.search} as a config writes it; absent fields take the defaults above. */
        @JsonCreator
        public SearchConfig(@JsonProperty("method") String method, @JsonProperty("trials") Integer trials,
                            @JsonProperty("budget") String budget, @JsonProperty("folds") Integer folds,
                            @JsonProperty("space") Map<String, List<JsonNode>> space) {
            this(method == null ? SearchMethod.RANDOM : WireNames.parse(SearchMethod.class, "model.search.method", method),
                    trials == null ? DEFAULT_TRIALS : trials, Optional.ofNullable(budget),
                    folds == null ? DEFAULT_FOLDS : folds, space);
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
        return Map.of("name", name, "task", task.type(), "family", model.family().toString(), "split", split.method());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingConfig c && Objects.equals(name, c.name) && Objects.equals(data, c.data)
                && Objects.equals(spec, c.spec) && Objects.equals(task, c.task) && Objects.equals(model, c.model)
                && Objects.equals(split, c.split) && Objects.equals(costs, c.costs) && Objects.equals(registry, c.registry)
                && seed == c.seed && evaluation.equals(c.evaluation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, data, task, model, split, costs, registry, seed, evaluation);
    }
}
