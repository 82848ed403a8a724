package org.prognos.models.batch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.models.bundle.Task;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.FeatureVector;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.models.runtime.Scorer;
import org.prognos.models.runtime.answer.ScoreResponse;
import org.prognos.models.signing.BundleTrust;

/**
 * A published model loaded and scored exactly as the service does: the model runtime's {@link LoadedModel} (the
 * service's catalog wraps the same class) and {@link Scorer#score} over many rows per call, its answers flattened
 * into {@link ScoredRow}s. {@code prognos score} and the Spark scoring job both score through it, so their rows
 * agree. Thread-safe: the service scores one model from many request threads.
 */
public final class DatasetScorer implements AutoCloseable {
    private final LoadedModel model;
    private final List<String> classes;

    private DatasetScorer(LoadedModel model) {
        this.model = model;
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

    /**
     * Names of {@link ScoredRow#numbers()}: {@code risk}, {@code health_index}, then {@code failure_any} and
     * {@code p_CLASS} per failure class (classifiers) or {@code rul} (RUL models), then {@code rul_low} and
     * {@code rul_high} when the RUL model's bundle carries a fitted interval; for anomaly models
     * {@code anomaly_score}, {@code anomaly_raw} and {@code anomaly_threshold} (the raw alarm threshold).
     */
    public List<String> numericColumns() {
        List<String> names = new ArrayList<>(List.of("risk", "health_index"));
        if (model.manifest().task() instanceof Task.Anomaly) {
            names.addAll(List.of("anomaly_score", "anomaly_raw", "anomaly_threshold"));
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

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) of {@code table}, in one call to the scorer. */
    public List<ScoredRow> score(FeatureTable table, int from, int to, int topFeatures) {
        List<FeatureVector> vectors = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            vectors.add(new FeatureVector(Optional.of(table.asset(i)), table.time(i), table.row(i), 0, List.of()));
        }
        List<ScoreResponse> answers = Scorer.score(model, vectors, topFeatures);
        List<ScoredRow> rows = new ArrayList<>(answers.size());
        int width = numericColumns().size();
        for (ScoreResponse a : answers) {
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
