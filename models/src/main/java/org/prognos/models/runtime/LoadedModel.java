package org.prognos.models.runtime;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.Manifest;
import org.prognos.models.calibration.ProbabilityCalibration;
import org.prognos.models.interval.RulInterval;
import org.prognos.models.predict.Occluder;
import org.prognos.models.predict.Predictor;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.answer.ScoreResponse;
import org.prognos.models.xgboost.XGBoostDirectPredictor;

/**
 * One loaded, verified bundle ready to score, exactly as the scoring service scores it: its manifest, its feature
 * spec compiled once into a {@link FeatureExtractor}, its {@link Predictor} (behind a {@link CombiningPredictor}
 * unless it walks trees in Java), the {@link DecisionPolicy}, the {@link ColumnGroups} and, when the model has one,
 * the {@link Occluder} for fast explanations. {@link Scorer} turns its feature vectors into answers.
 *
 * <p>Any JVM process (the service, a batch job, a stream processor, the report) loads a model this way and gets
 * the same numbers; the service wraps it with what only a service needs (reference counting for hot reload, the
 * registry fingerprint, the load time). Loading scores one all-zero row as a smoke test. Close it to free the
 * model's native memory; {@code close} must not race with scoring.
 */
public final class LoadedModel implements AutoCloseable {
    private final Manifest manifest;
    private final FeatureExtractor extractor;
    private final Predictor predictor;
    private final DecisionPolicy policy;
    private final ColumnGroups groups;
    private final Optional<Occluder> occluder;
    private final Map<String, Integer> channelIndex;
    private final TimeAxis requestAxis;
    private final Optional<RulInterval> interval;
    private final Optional<org.prognos.models.drift.ReferenceProfile> profile;
    private final Optional<ProbabilityCalibration> calibration;
    private final Optional<org.prognos.models.anomaly.AnomalyModel> adaptiveAnomaly;
    private final Optional<org.prognos.models.anomaly.AdaptiveBasis> adaptiveBasis;
    private final Optional<org.prognos.models.anomaly.AnomalyModel> ownScaled;
    private final double[] references;
    private final Readout readout;

    private LoadedModel(LoadedBundle bundle, Predictor raw, Predictor predictor) {
        this.manifest = bundle.manifest();
        this.extractor = new FeatureExtractor(bundle.spec());
        this.predictor = predictor;
        this.groups = ColumnGroups.of(extractor.channels(), extractor.columns());
        this.policy = DecisionPolicy.of(manifest, bundle.spec(), groups.channelOfColumn());
        this.interval = bundle.interval();
        this.profile = bundle.profile();
        this.calibration = bundle.calibration();
        // built once: the ingest path asks for a health index per scored asset
        this.readout = Readout.of(manifest.task(), groups, policy.referenceLife(), interval, calibration);
        this.adaptiveAnomaly = raw instanceof org.prognos.models.anomaly.AnomalyPredictor a && a.model().adaptive().isPresent()
                ? Optional.of(a.model()) : Optional.empty();
        // built once: the digests of a detector's JSON are asked for at every reload and restore
        this.adaptiveBasis = adaptiveAnomaly.map(a -> org.prognos.models.anomaly.AdaptiveBasis.of(manifest.featureSpecHash(), a));
        this.ownScaled = raw instanceof org.prognos.models.anomaly.AnomalyPredictor a && !a.model().assetScaling().isEmpty()
                ? Optional.of(a.model()) : Optional.empty();
        this.references = references(policy, extractor.columns().size());
        this.occluder = raw instanceof Occluder.Source source ? source.occluder(occlusionSets(groups, extractor.columns().size()),
                references(policy, extractor.columns().size())) : Optional.empty();
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < extractor.channels().size(); c++) {
            index.put(extractor.channels().get(c), c);
        }
        this.channelIndex = Map.copyOf(index);
        // "UTC" as a region parses through java.time's general formatter; as an offset it takes the axis' fast path.
        // Same instants either way.
        this.requestAxis = extractor.axis() instanceof TimeAxis.Timestamps ts ? new TimeAxis.Timestamps(ts.zone().normalized())
                : extractor.axis();
    }

    /**
     * Resolves {@code reference} ({@code name}, {@code name:3}, {@code name@production}) in {@code registry} and
     * loads it with the {@link Predictors#standard() standard adapters}.
     *
     * @see #load(LoadedBundle, Predictors)
     */
    public static LoadedModel load(ModelRegistry registry, String reference) {
        return load(registry.load(registry.resolve(reference)), Predictors.standard());
    }

    /** Loads a verified bundle with the {@link Predictors#standard() standard adapters}. */
    public static LoadedModel load(LoadedBundle bundle) {
        return load(bundle, Predictors.standard());
    }

    /**
     * Creates the bundle's predictor with {@code predictors}, compiles its spec and scores one row as a smoke test.
     * Anything wrong throws, and nothing is left open.
     */
    public static LoadedModel load(LoadedBundle bundle, Predictors predictors) {
        Predictor raw = predictors.create(bundle);
        // combining concurrent calls pays off for a native batch call's fixed cost, not for walking trees in Java
        Predictor p = raw instanceof XGBoostDirectPredictor d && d.walksTrees() ? raw : new CombiningPredictor(raw);
        try {
            LoadedModel m = new LoadedModel(bundle, raw, p);
            double[] row = new double[m.extractor.columns().size()];
            Arrays.fill(row, 0.0);
            p.predict(new double[][] {row});
            return m;
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    /** The explanation's occlusions: each column alone (0..k-1), then each group (k..k+g-1). */
    static int[][] occlusionSets(ColumnGroups groups, int k) {
        int[][] sets = new int[k + groups.size()][];
        for (int c = 0; c < k; c++) {
            sets[c] = new int[] {c};
        }
        for (int g = 0; g < groups.size(); g++) {
            sets[k + g] = groups.columnsOf(g);
        }
        return sets;
    }

    private static double[] references(DecisionPolicy policy, int k) {
        double[] r = new double[k];
        for (int c = 0; c < k; c++) {
            r[c] = policy.reference(c);
        }
        return r;
    }

    /**
     * The explanation's reference values for {@code asset}'s vectors (no copy: not to be written): the policy's, or,
     * for an anomaly model that scales {@code asset} by its own normal rows, their means (its own typical values: a
     * fleet-wide typical value would read as a departure for an asset whose normal lies elsewhere).
     */
    public double[] references(Optional<String> asset) {
        return ownReferences(asset) ? ownScaled.get().scalingOf(asset).center() : references;
    }

    /** Whether {@link #references} gives {@code asset} its own (an anomaly model scaling it by its own normal rows). */
    public boolean ownReferences(Optional<String> asset) {
        return ownScaled.isPresent() && ownScaled.get().scalesOwn(asset);
    }

    /**
     * How many assets this model scales by their own normal rows ({@code task.scaling: asset}); 0 when the fleet shares
     * one scaling. Such a model must be given each row's asset ({@link Scorer#risks(LoadedModel, double[][], List)}).
     */
    public int ownScaledAssets() {
        return ownScaled.map(a -> a.assetScaling().size()).orElse(0);
    }

    /**
     * How many assets this model scores by a detector of their own ({@code task.detector: asset}); 0 when the fleet
     * shares one detector. Every such asset also has its own scaling, so such a model counts in {@link #ownScaledAssets}.
     */
    public int ownDetectorAssets() {
        return ownScaled.map(a -> a.assetDetectors().size()).orElse(0);
    }

    /**
     * The warning an answer for {@code asset} carries when this model gives each asset its own scaling (and detector)
     * but has none for this one (an asset that joined after training, one with too few normal fitting rows for a
     * detector of its own, or a vector without an asset): what it is scored on instead, the fleet's. One warning, both
     * parts named. Empty for a model without per-asset tables, and for an asset that has all its model gives assets.
     * For a model scored adaptively with {@code learnScaling}, an asset without its own scaling is told that its
     * adaptive score learns one in its warm-up (the same text throughout: without the asset's scorer this warning
     * cannot tell where it stands; {@link #scalingWarning(Optional, Optional)} can).
     */
    public Optional<String> scalingWarning(Optional<String> asset) {
        return scalingWarning(asset, Optional.empty());
    }

    /**
     * {@link #scalingWarning(Optional)} told, for an asset that learns its scaling, where it stands by {@code step}, the
     * asset's adaptive scorer's last step ({@link AdaptiveAnswers#of(LoadedModel, ScoreResponse, AdaptiveScorer.Step)}),
     * as the scorer knew it ({@link AdaptiveScorer.Step#scaling}): learning until the scorer switches to the scaling it
     * learned (with a warm-up in rows, {@code k of N warm-up rows}; with one in time, or in both, the warm-up and
     * {@code k rows so far}), then learned (the fitted score and explanation stay on the fleet's scaling). No step keeps
     * the text that says neither. The one function that words this warning.
     */
    public Optional<String> scalingWarning(Optional<String> asset, Optional<AdaptiveScorer.Step> step) {
        return lacking(asset).map(l -> text(l, step));
    }

    /**
     * {@code asset}'s scaling warning without a step and told by {@code step}, when the step changes it (an asset that
     * learns its scaling); empty when it has none or the step tells nothing more. One look-up for
     * {@link AdaptiveAnswers}, which swaps the first for the second in the fitted answer's warnings.
     */
    Optional<Retold> retoldScalingWarning(Optional<String> asset, AdaptiveScorer.Step step) {
        return lacking(asset).filter(Lacking::learnsOwn)
                .map(l -> new Retold(text(l, Optional.empty()), text(l, Optional.of(step))));
    }

    /** A scaling warning as the fitted answer carries it ({@code plain}), and as the asset's scorer step tells it. */
    record Retold(String plain, String told) {
    }

    /** What {@code asset} lacks of what this model gives assets, in words; empty when it lacks nothing. */
    private Optional<Lacking> lacking(Optional<String> asset) {
        if (ownScaled.isEmpty()) {
            return Optional.empty();
        }
        org.prognos.models.anomaly.AnomalyModel a = ownScaled.get();
        boolean detectors = !a.assetDetectors().isEmpty();
        boolean ownScaling = a.scalesOwn(asset);
        if (ownScaling && (!detectors || a.hasOwnDetector(asset))) {
            return Optional.empty();
        }
        String model = manifest.name() + ":" + manifest.version();
        String lacks = !detectors ? "scaling" : ownScaling ? "detector" : "scaling or detector";
        String instead = !detectors ? "scored on the fleet's scaling"
                : ownScaling ? "scored on its own scaling by the fleet's detector" : "scored on the fleet's scaling and detector";
        String where = asset.map(n -> "asset '" + n + "' has no " + lacks + " of its own in model " + model)
                .orElse("a vector without an asset, and model " + model + " scales each asset by its own"
                        + (detectors ? " and gives assets detectors of their own" : ""));
        // an adaptive model with learnScaling: the asset's adaptive score moves to a scaling it learns (the rest stays)
        boolean learnsOwn = asset.isPresent() && !ownScaling && a.learnsScaling();
        return Optional.of(new Lacking(where, instead, detectors, learnsOwn));
    }

    /**
     * An asset's scaling warning in parts: where it stands in the model, what it is scored on instead, whether the model
     * gives assets detectors of their own, and whether its adaptive score learns a scaling of its own.
     */
    private record Lacking(String where, String instead, boolean detectors, boolean learnsOwn) {
    }

    /** {@code lacking}'s warning, an asset that learns its scaling told its stage by {@code step} (none: neither). */
    private String text(Lacking lacking, Optional<AdaptiveScorer.Step> step) {
        return lacking.where() + ": " + (lacking.learnsOwn() ? learning(lacking, step) : lacking.instead());
    }

    /** What an asset that learns its scaling is scored on, at the stage {@code step} gives (learning, learned). */
    private String learning(Lacking lacking, Optional<AdaptiveScorer.Step> step) {
        String instead = lacking.instead();
        if (step.isEmpty()) {
            return instead + "; its adaptive score learns a scaling of its own in its warm-up and is on it after (learnScaling)";
        }
        if (step.get().scaling() == AdaptiveScorer.Scaling.LEARNED) {
            return "its fitted score and explanation are on the fleet's "
                    + (lacking.detectors() ? "scaling and detector" : "scaling")
                    + "; its adaptive score is on the scaling it learned in its warm-up (learnScaling)";
        }
        // learning (or no row yet): the rows so far, of the warm-up's rows when only rows bound it
        org.prognos.models.anomaly.AdaptiveScoring settings = ownScaled.orElseThrow().adaptive().orElseThrow();
        long rows = step.get().rows();
        if (settings.warmUpTicks() == 0) {
            return instead + "; its adaptive score is learning a scaling of its own: " + rows + " of " + settings.warmUp()
                    + " warm-up rows (learnScaling)";
        }
        String span = extractor.axis().formatSpan(settings.warmUpTicks());
        String warmUp = settings.warmUp() == 0 ? span : settings.warmUp() + " rows or " + span + ", whichever ends first";
        return instead + "; its adaptive score is learning a scaling of its own in its warm-up of " + warmUp + ": "
                + rows + (rows == 1 ? " row" : " rows") + " so far (learnScaling)";
    }

    /** The model name. */
    public String name() {
        return manifest.name();
    }

    /** The registry version. */
    public int version() {
        return manifest.version();
    }

    /** The bundle's manifest. */
    public Manifest manifest() {
        return manifest;
    }

    /** The bundle's spec, compiled once for this model. */
    public FeatureExtractor extractor() {
        return extractor;
    }

    /** A faster way to the explanation's occlusions (see {@link #occlusionSets}), when the model has one. */
    public Optional<Occluder> occluder() {
        return occluder;
    }

    /** The predictor, as the service calls it (combining concurrent calls where that pays off). */
    public Predictor predictor() {
        return predictor;
    }

    /**
     * The anomaly model, when this bundle's payload is one scored adaptively ({@code "scoring": {"mode":
     * "adaptive"}}): whoever feeds it an asset's rows keeps one {@link org.prognos.models.anomaly.AdaptiveScorer} per
     * asset. Empty for every other model.
     */
    public Optional<org.prognos.models.anomaly.AnomalyModel> adaptiveAnomaly() {
        return adaptiveAnomaly;
    }

    /**
     * What this load's adaptive scorers mean ({@link org.prognos.models.anomaly.AdaptiveBasis}): whether a scorer made
     * under another load (a reload, a snapshot taken under another version) goes on under this one. Empty when the
     * model is not scored adaptively.
     */
    public Optional<org.prognos.models.anomaly.AdaptiveBasis> adaptiveBasis() {
        return adaptiveBasis;
    }

    /** The alarm threshold, reference life and explanation reference values. */
    public DecisionPolicy policy() {
        return policy;
    }

    /** Which sensor or source each feature column comes from. */
    public ColumnGroups groups() {
        return groups;
    }

    /** The fitted RUL interval the answers carry; empty for classifiers and bundles written without one. */
    public Optional<RulInterval> interval() {
        return interval;
    }

    /** The training inputs' reference profile, for drift; empty for bundles written without one. */
    public Optional<org.prognos.models.drift.ReferenceProfile> profile() {
        return profile;
    }

    /**
     * The 0–100 health index of a risk this model gave: 100 × (1 − risk), or for an anomaly model the health index
     * of its false-alarm scale ({@link org.prognos.models.anomaly.HealthIndex}); the same as its answers carry.
     */
    public double health(double risk) {
        return readout.healthOfRisk(risk);
    }

    /** How this model's predictions become risks and answers: chosen once, when it loads. */
    Readout readout() {
        return readout;
    }

    /**
     * The probability calibration the answers apply to a classifier's P(any failure); empty for RUL models and bundles
     * written without one.
     */
    public Optional<ProbabilityCalibration> calibration() {
        return calibration;
    }

    /** Input channels, in the order the spec reads them. */
    public List<String> channels() {
        return extractor.channels();
    }

    /** The position of each input channel in {@link #channels()}. */
    public Map<String, Integer> channelIndex() {
        return channelIndex;
    }

    /** The spec's hash: asset states built for one hash are valid for any model with that hash. */
    public String specHash() {
        return manifest.featureSpecHash();
    }

    /** The spec's time axis for parsing request times: the same ticks, with a fixed-offset zone normalized for speed. */
    public TimeAxis requestAxis() {
        return requestAxis;
    }

    /** Closes the predictor; scoring afterwards fails. */
    @Override
    public void close() {
        predictor.close();
    }

    @Override
    public String toString() {
        return manifest.name() + ":" + manifest.version();
    }
}
