package org.prognos.models.batch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.bundle.Task;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.AdaptiveAnswers;
import org.prognos.models.runtime.FeatureVector;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.models.runtime.Scorer;
import org.prognos.models.runtime.answer.AnomalyOutlook;
import org.prognos.models.runtime.answer.ScoreResponse;
import org.prognos.models.signing.BundleTrust;

/**
 * A published model loaded and scored exactly as the service does: the model runtime's {@link LoadedModel} (the
 * service's catalog wraps the same class) and {@link Scorer#score} over many rows per call, its answers flattened
 * into {@link ScoredRow}s. {@code prognos score} and the Spark scoring job both score through it, so their rows
 * agree. Thread-safe: the service scores one model from many request threads.
 *
 * <p><b>Anomaly models scored adaptively</b> ({@code task.scoring: adaptive}, {@link #adaptiveAnomaly()}): the service
 * answers such a model per asset, from the asset's {@code AdaptiveScorer} fed every feature row of the asset from its
 * first one ({@link AdaptiveAnswers}). A row scored here then needs its asset's step, which only the caller can have
 * (it depends on all the asset's earlier rows, {@link AdaptiveSteps}): {@link #score(FeatureTable, int, int, int,
 * AdaptiveScorer.Step[])} writes the service's answer for the row (risk, health index, band and alarm from the step;
 * {@code anomaly_*} and the explanation the fitted model's view of the row, as in the service) with the fitted model's
 * risk and health index beside it; scoring such a model without steps is refused rather than answered with the
 * fitted score alone.
 */
public final class DatasetScorer implements AutoCloseable {
    private final LoadedModel model;
    private final List<String> classes;
    private final Optional<AnomalyModel> adaptive;

    private DatasetScorer(LoadedModel model) {
        this.model = model;
        this.adaptive = model.adaptiveAnomaly();
        this.classes = model.manifest().task() instanceof Task.FailureWithinHorizon f ? f.classes().subList(1, f.classes().size())
                : List.of();
    }

    /**
     * Loads {@code reference} from the registry at {@code registry}: {@code NAME} (its production alias, else its
     * latest version), {@code NAME:VERSION} or {@code NAME@ALIAS}. Every file's checksum is verified, and the
     * signature when {@code trust} is a trust list.
     */
    public static DatasetScorer load(Path registry, String reference, BundleTrust trust) {
        ModelRegistry reg = new ModelRegistry(registry);
        String ref = reference.contains("@") || reference.contains(":") ? reference
                : reg.find(reference + "@production").isPresent() ? reference + "@production" : reference;
        return new DatasetScorer(LoadedModel.load(reg.load(ref, trust)));
    }

    /** The bundle's feature spec, compiled. */
    public FeatureExtractor extractor() {
        return model.extractor();
    }

    /** The model as {@code name:version}. */
    public String model() {
        return model.name() + ":" + model.version();
    }

    /** Whether this is an anomaly model scaling each asset by its own normal rows ({@code task.scaling: asset}). */
    public boolean scalesEachAssetByItsOwn() {
        return model.ownScaledAssets() > 0;
    }

    /**
     * Those of {@code assets} that an anomaly model scaling each asset by its own has no scaling for, or, for one that
     * also gives assets detectors of their own, no detector for: they are scored on the fleet's
     * ({@link LoadedModel#scalingWarning}). Empty for every other model.
     */
    public List<String> onFleetScaling(List<String> assets) {
        return assets.stream().filter(a -> model.scalingWarning(Optional.of(a)).isPresent()).toList();
    }

    /**
     * The closing line {@code prognos score} prints, and the Spark score job's driver logs, when some of {@code assets}
     * are scored on the fleet's scaling ({@link #onFleetScaling}): how many, and the first ten. Empty when none is.
     */
    public Optional<String> fleetScalingNote(List<String> assets) {
        List<String> fleet = onFleetScaling(assets);
        if (fleet.isEmpty()) {
            return Optional.empty();
        }
        String named = firstTen(fleet);
        if (model.ownDetectorAssets() > 0) {
            return Optional.of(String.format(Locale.ROOT, "%d asset(s) have no scaling or no detector of their own in %s,"
                    + " which gives each asset its own: scored on the fleet's: %s", fleet.size(), model(), named));
        }
        return Optional.of(String.format(Locale.ROOT, "%d asset(s) have no scaling of their own in %s, which scales each"
                + " asset by its own: scored on the fleet's scaling: %s", fleet.size(), model(), named));
    }

    /**
     * The line {@code prognos score} adds for a model scored adaptively with {@code learnScaling}: which of the assets
     * of {@code written} had, at their last row written, learned a scaling of their own in their warm-up (their adaptive
     * score on it) and which were still learning one, as each asset's latest step ({@code steps}, one per row of
     * {@code written}; the most rows seen) says ({@link AdaptiveScorer.Step#scaling}); the first ten of each. Empty
     * when no asset learns one. The Spark score job's driver does not print it: its steps stay in the partitions.
     *
     * @throws IllegalArgumentException when there is not one step per written row
     */
    public Optional<String> learnedScalingNote(FeatureTable written, AdaptiveScorer.Step[] steps) {
        if (steps.length != written.size()) {
            throw new IllegalArgumentException(steps.length + " adaptive steps for " + written.size() + " rows written");
        }
        Map<String, AdaptiveScorer.Step> latest = new HashMap<>();
        for (int r = 0; r < steps.length; r++) {
            latest.merge(written.asset(r), steps[r], (a, b) -> b.rows() >= a.rows() ? b : a);
        }
        List<String> learned = stage(written.assetOrder(), latest, AdaptiveScorer.Scaling.LEARNED);
        List<String> learning = stage(written.assetOrder(), latest, AdaptiveScorer.Scaling.LEARNING);
        if (learned.isEmpty() && learning.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>(2);
        if (!learned.isEmpty()) {
            parts.add(learned.size() + " asset(s) had learned a scaling of their own in their warm-up (their adaptive"
                    + " score on it): " + firstTen(learned));
        }
        if (!learning.isEmpty()) {
            parts.add(learning.size() + " asset(s) were still learning one: " + firstTen(learning));
        }
        return Optional.of("learnScaling in " + model() + ", at each asset's last row written: " + String.join("; ", parts));
    }

    /** Those of {@code assets} whose step in {@code latest} was scored at {@code stage}, in their order. */
    private static List<String> stage(List<String> assets, Map<String, AdaptiveScorer.Step> latest,
                                      AdaptiveScorer.Scaling stage) {
        return assets.stream().filter(a -> latest.containsKey(a) && latest.get(a).scaling() == stage).toList();
    }

    /** The first ten of {@code names}, comma-separated, and "…" past them. */
    private static String firstTen(List<String> names) {
        return String.join(", ", names.subList(0, Math.min(10, names.size()))) + (names.size() > 10 ? ", …" : "");
    }

    /**
     * Names of {@link ScoredRow#numbers()}: {@code risk}, {@code health_index}, then {@code failure_any} and
     * {@code p_CLASS} per failure class (classifiers) or {@code rul} (RUL models), then {@code rul_low} and
     * {@code rul_high} when the RUL model's bundle carries a fitted interval; for anomaly models
     * {@code anomaly_score}, {@code anomaly_raw} and {@code anomaly_threshold} (the raw alarm threshold). An anomaly
     * model scored adaptively adds {@link #ADAPTIVE_COLUMNS}: its {@code risk} and {@code health_index} are then the
     * adaptive answer's, {@code fitted_risk} and {@code fitted_health_index} the fitted model's for the same row.
     */
    public List<String> numericColumns() {
        List<String> names = new ArrayList<>(List.of("risk", "health_index"));
        if (model.manifest().task() instanceof Task.Anomaly) {
            names.addAll(List.of("anomaly_score", "anomaly_raw", "anomaly_threshold"));
            if (adaptive.isPresent()) {
                names.addAll(ADAPTIVE_COLUMNS);
            }
        } else if (model.manifest().task() instanceof Task.FailureWithinHorizon) {
            names.add("failure_any");
            classes.forEach(c -> names.add("p_" + c));
        } else {
            names.add("rul");
            if (model.interval().isPresent()) {
                names.add("rul_low");
                names.add("rul_high");
            }
        }
        return names;
    }

    /**
     * The numbers an anomaly model scored adaptively adds after {@code anomaly_threshold}: the fitted model's risk and
     * health index of the row ({@code fitted_risk}, {@code fitted_health_index}: what a static model would answer),
     * then the asset's step ({@code adaptive_likelihood}: Φ(z) before any rest; {@code adaptive_raw}: the raw score it
     * judges, {@code NaN} while online neighbours have too few rows; {@code adaptive_rows}: the asset's rows its scorer
     * has seen, the row itself included).
     */
    public static final List<String> ADAPTIVE_COLUMNS = List.of("fitted_risk", "fitted_health_index",
            "adaptive_likelihood", "adaptive_raw", "adaptive_rows");

    /**
     * The bundle's anomaly model when it is scored adaptively: then rows are scored with their asset's steps
     * ({@link AdaptiveSteps#of} of this model over the asset's feature rows); empty for every other model.
     */
    public Optional<AnomalyModel> adaptiveAnomaly() {
        return adaptive;
    }

    /**
     * Rows {@code from} (inclusive) to {@code to} (exclusive) of {@code table}, in one call to the scorer.
     *
     * @throws IllegalStateException when the model is scored adaptively: its rows need their steps (the other
     *                               overload)
     */
    public List<ScoredRow> score(FeatureTable table, int from, int to, int topFeatures) {
        if (adaptive.isPresent()) {
            throw new IllegalStateException(model() + " is scored adaptively: a row's answer depends on its asset's earlier"
                    + " rows; score with each row's adaptive step (AdaptiveSteps), as prognos score and the Spark job do");
        }
        return flatten(fitted(table, from, to, topFeatures), null, from);
    }

    /**
     * As {@link #score(FeatureTable, int, int, int)} for an anomaly model scored adaptively: row {@code i} of
     * {@code table} is answered as the service answers its asset with the step {@code steps[i]} ({@link AdaptiveAnswers};
     * {@code steps} covers the whole table, as {@link AdaptiveSteps} gives it).
     *
     * @throws IllegalStateException when the model is not scored adaptively
     */
    public List<ScoredRow> score(FeatureTable table, int from, int to, int topFeatures, AdaptiveScorer.Step[] steps) {
        if (adaptive.isEmpty()) {
            throw new IllegalStateException(model() + " is not scored adaptively: score its rows without steps");
        }
        if (steps.length != table.size()) {
            throw new IllegalArgumentException(steps.length + " adaptive steps for a table of " + table.size() + " rows");
        }
        return flatten(fitted(table, from, to, topFeatures), steps, from);
    }

    private List<ScoreResponse> fitted(FeatureTable table, int from, int to, int topFeatures) {
        List<FeatureVector> vectors = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            vectors.add(new FeatureVector(Optional.of(table.asset(i)), table.time(i), table.row(i), 0, List.of()));
        }
        return Scorer.score(model, vectors, topFeatures);
    }

    /** The answers as rows; with {@code steps} (row {@code from + i}'s is {@code steps[from + i]}) the adaptive ones. */
    private List<ScoredRow> flatten(List<ScoreResponse> answers, AdaptiveScorer.Step[] steps, int from) {
        List<ScoredRow> rows = new ArrayList<>(answers.size());
        int width = numericColumns().size();
        for (int r = 0; r < answers.size(); r++) {
            ScoreResponse fitted = answers.get(r);
            ScoreResponse a = steps == null ? fitted
                    : AdaptiveAnswers.of(fitted, adaptive.orElseThrow().adaptive().orElseThrow(), steps[from + r]);
            double[] numbers = new double[width];
            numbers[0] = a.risk().score();
            numbers[1] = a.healthIndex();
            a.failure().ifPresent(f -> {
                numbers[2] = f.any();
                for (int c = 0; c < classes.size(); c++) {
                    numbers[3 + c] = f.byComponent().get(classes.get(c));
                }
            });
            a.anomaly().ifPresent(o -> {
                numbers[2] = o.score();
                numbers[3] = o.rawScore();
                numbers[4] = o.threshold();
                o.adaptive().ifPresent(s -> adaptiveNumbers(numbers, fitted, s));
            });
            a.remainingUsefulLife().ifPresent(l -> {
                numbers[2] = l.value();
                l.interval().ifPresent(i -> {
                    numbers[3] = i.low();
                    numbers[4] = i.high();
                });
            });
            List<ScoredRow.Driver> drivers = a.explanation().map(e -> e.topFeatures().stream()
                    .map(f -> new ScoredRow.Driver(f.feature(), f.contribution())).toList()).orElse(List.of());
            rows.add(new ScoredRow(a.asset().orElseThrow(), a.scoredAt(), numbers, a.risk().band(), a.risk().alarm(), drivers));
        }
        return rows;
    }

    /** The numbers of {@link #ADAPTIVE_COLUMNS}, after the five an anomaly model writes. */
    private static void adaptiveNumbers(double[] numbers, ScoreResponse fitted, AnomalyOutlook.Adaptive s) {
        numbers[5] = fitted.risk().score();
        numbers[6] = fitted.healthIndex();
        numbers[7] = s.likelihood();
        numbers[8] = s.rawScore().orElse(Double.NaN);
        numbers[9] = s.rows();
    }

    /**
     * The RUL interval the rows carry, in words (coverage, method, how an interval reaching the cap reads); empty for
     * classifiers and for bundles without one.
     */
    public Optional<String> intervalText() {
        return model.interval().map(i -> String.format(java.util.Locale.ROOT, "rul_low..rul_high: %.0f %% %s conformal"
                + " interval%s", 100 * i.coverage(), i.method(), i.cap() > 0 ? String.format(java.util.Locale.ROOT,
                "; where rul_high reaches the cap of %.0f, read it as 'at least rul_low'", i.cap()) : ""));
    }

    /** Closes the model (its predictor may hold native memory). */
    @Override
    public void close() {
        model.close();
    }
}
