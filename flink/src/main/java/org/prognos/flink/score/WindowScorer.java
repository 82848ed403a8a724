package org.prognos.flink.score;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.prognos.PrognosException;
import org.prognos.features.extract.AssetState;
import org.prognos.features.extract.EventCursor;
import org.prognos.features.extract.RowSink;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.live.alert.AlertRule;
import org.prognos.live.alert.AlertTracker;
import org.prognos.live.alert.DataTime;
import org.prognos.live.alert.Observations;
import org.prognos.models.anomaly.AdaptiveBasis;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.runtime.AdaptiveAnswers;
import org.prognos.models.runtime.FeatureVector;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.models.runtime.Scorer;
import org.prognos.models.runtime.answer.ScoreResponse;

/**
 * One device message's work on one asset, whatever keeps the asset's state: apply the window to the feature state,
 * score every row it emits, let the alert rule observe each score. {@link AssetScoring} runs it with the state in
 * Flink keyed state; a benchmark runs the same steps with the states in a map, so the two measure the same work.
 *
 * <p>Holds the loaded model (off-heap memory): close it.
 */
public final class WindowScorer implements AutoCloseable {
    /** What a window produced: its score rows and the alert changes they caused, in order. */
    public record Scored(List<ScoreRow> rows, List<AlertEvent> alerts) {
        public Scored {
            rows = List.copyOf(rows);
            alerts = List.copyOf(alerts);
        }
    }

    private final LoadedModel model;
    private final AlertRule rule;
    private final int topFeatures;
    private final Map<String, Map<String, String>> attributes;
    /** The anomaly model, when the model is scored adaptively: each asset then keeps an {@link AdaptiveScorer}. */
    private final Optional<AnomalyModel> adaptive;

    private WindowScorer(LoadedModel model, ScoringConfig config) {
        this.model = model;
        this.adaptive = model.adaptiveAnomaly();
        this.rule = config.rule();
        this.topFeatures = config.topFeatures();
        this.attributes = config.attributes();
    }

    /** Loads the model {@code config} names; fails for a model on a cycle axis (device messages are timestamped). */
    public static WindowScorer open(ScoringConfig config) {
        LoadedModel model = config.model().load();
        if (!(model.extractor().axis() instanceof TimeAxis.Timestamps)) {
            model.close();
            throw new IllegalArgumentException("model '" + model.name() + "' reads times on a cycle axis; device"
                    + " messages are timestamped");
        }
        return new WindowScorer(model, config);
    }

    /** The model's name. */
    public String modelName() {
        return model.name();
    }

    /** The hash of the model's feature spec: a feature state built under another spec cannot go on under this one. */
    public String specHash() {
        return model.specHash();
    }

    /** A fresh feature state for {@code asset}, from its configured attributes. */
    public AssetState newState(String asset) {
        return model.extractor().newState(asset, attributes.getOrDefault(asset, Map.of()));
    }

    /** The feature state {@link AssetState#snapshot()} wrote under this model's spec. */
    public AssetState restoreState(String asset, byte[] snapshot) {
        return model.extractor().restoreState(asset, snapshot);
    }

    /** Whether the model is scored adaptively: each asset then keeps an adaptive scorer next to its feature state. */
    public boolean adaptive() {
        return adaptive.isPresent();
    }

    /**
     * What this load's adaptive scorers mean, as text ({@link AdaptiveBasis#encode()}, UTF-8): kept beside each asset's
     * scorer, so that a job restored under another version of the model asks the service's question
     * ({@link #whyRestart}); only for a model scored {@link #adaptive() adaptively}.
     */
    public String adaptiveBasis() {
        return new String(model.adaptiveBasis().orElseThrow(() -> new IllegalStateException("model '" + model.name()
                + "' is not scored adaptively")).encode(), StandardCharsets.UTF_8);
    }

    /**
     * Why a scorer kept with {@code saved} (what {@link #adaptiveBasis()} wrote when it was kept) cannot go on under
     * this model; empty when it can. The reload rule of the service, {@link AdaptiveBasis#whyRestart}: another
     * version goes on when it means the same. A savepoint of a build that kept the model's name and version instead
     * ({@code name:version}) goes on only under that version.
     */
    public Optional<String> whyRestart(String saved) {
        AdaptiveBasis now = model.adaptiveBasis().orElseThrow(() -> new IllegalStateException("model '" + model.name()
                + "' is not scored adaptively"));
        String legacy = model.name() + ":" + model.version();
        if (saved.equals(legacy)) {
            return Optional.empty();
        }
        try {
            return AdaptiveBasis.decode(saved.getBytes(StandardCharsets.UTF_8)).whyRestart(now);
        } catch (PrognosException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * A fresh adaptive scorer for {@code asset} (warm-up included), with the asset's own scaling when the model scales
     * each asset by its own ({@link AnomalyModel#forAsset}); only for a model scored {@link #adaptive() adaptively}.
     */
    public AdaptiveScorer newAdaptive(String asset) {
        AnomalyModel a = adaptiveModel();
        return new AdaptiveScorer(a.forAsset(Optional.of(asset)), a.adaptive().orElseThrow());
    }

    /**
     * {@code asset}'s adaptive scorer that {@link AdaptiveScorer#snapshot()} wrote under a load of this model that means
     * the same (the asset table included, {@link AdaptiveBasis}), with the asset's own scaling as {@link #newAdaptive}.
     */
    public AdaptiveScorer restoreAdaptive(String asset, byte[] snapshot) {
        AnomalyModel a = adaptiveModel();
        return AdaptiveScorer.restore(a.forAsset(Optional.of(asset)), a.adaptive().orElseThrow(), snapshot);
    }

    private AnomalyModel adaptiveModel() {
        return adaptive.orElseThrow(() -> new IllegalStateException("model '" + model.name() + "' is not scored adaptively"));
    }

    /** A fresh alert tracker for {@code asset} under this model. */
    public AlertTracker newTracker(String asset) {
        return new AlertTracker(rule, asset, model.name());
    }

    /** The tracker {@code saved} describes, or a fresh one when it tracked another model. */
    public AlertTracker restoreTracker(String asset, AlertTracker.State saved) {
        return saved.model().equals(model.name()) ? AlertTracker.restore(rule, saved) : newTracker(asset);
    }

    /** Whether every reading of {@code window} is after the asset's last one and after the one before it. */
    public static boolean accepts(AssetState state, AssetWindow window) {
        long[] millis = window.sampleMillis();
        if (millis.length == 0 || state.lastReadingTime().isEmpty()) {
            return true;
        }
        long last = state.lastReadingTime().getAsLong();
        for (int i = 0; i < millis.length; i++) {
            if (AssetWindow.ticks(millis[i]) <= (i == 0 ? last : AssetWindow.ticks(millis[i - 1]))) {
                return false;
            }
        }
        return true;
    }

    /** Applies the window's events and readings in extraction's order; the rows they emitted, with their readings. */
    public List<FeatureVector> apply(AssetState state, AssetWindow window) {
        List<FeatureVector> rows = new ArrayList<>();
        RowSink sink = (asset, time, values) -> rows.add(new FeatureVector(Optional.of(asset), time, values.clone(),
                state.readings(), List.of()));
        double[] sample = new double[model.channels().size()];
        EventCursor cursor = new EventCursor(window.events());
        long[] millis = window.sampleMillis();
        for (int i = 0; i < millis.length; i++) {
            long t = AssetWindow.ticks(millis[i]);
            cursor.applyThrough(state, t, sink);
            state.reading(t, window.sample(i, model.channelIndex(), sample), sink);
        }
        cursor.applyRemaining(state, sink);
        return rows;
    }

    /** Scores {@code rows} of {@code asset} in order, each score observed by {@code tracker}; a fitted model only. */
    public Scored score(String asset, List<FeatureVector> rows, AlertTracker tracker) {
        return score(asset, rows, tracker, null);
    }

    /**
     * Scores {@code rows} of {@code asset} in order, each score observed by {@code tracker}. For a model scored
     * adaptively every row goes through the asset's {@code scorer} (all the rows its state emitted, in order, as the
     * service feeds its scorer) and the answer is the service's adaptive answer: the step's score, band and alarm level.
     * A row at or past the threshold is explained, as the service explains what alerts see, by the step both share
     * ({@link Scorer#score(LoadedModel, List, int, Scorer.ExplainWhen)}): the window's rows scored with one call, the
     * explained ones' occluded copies with one more.
     */
    public Scored score(String asset, List<FeatureVector> rows, AlertTracker tracker, AdaptiveScorer scorer) {
        if (adaptive.isPresent() && scorer == null) {
            throw new IllegalArgumentException("model '" + model.name() + "' is scored adaptively: score its rows"
                    + " with the asset's adaptive scorer");
        }
        List<ScoreResponse> answers = answers(rows, scorer);
        List<ScoreRow> scores = new ArrayList<>(rows.size());
        List<AlertEvent> alerts = new ArrayList<>(0);
        TimeAxis axis = model.extractor().axis();
        for (int i = 0; i < rows.size(); i++) {
            FeatureVector row = rows.get(i);
            ScoreResponse answer = answers.get(i);
            double risk = answer.risk().score();
            String text = axis.format(row.time());
            scores.add(new ScoreRow(asset, model.name(), model.version(), row.time(), text, risk,
                    adaptive.isPresent() ? answer.risk().band() : model.policy().band(risk).label(),
                    adaptive.isPresent() ? answer.risk().threshold() : model.policy().threshold(), row.readings(),
                    answer.warnings()));
            tracker.observe(Observations.of(asset, new DataTime(row.time(), text), answer, model.extractor()::label))
                    .ifPresent(t -> alerts.add(AlertEvent.of(t)));
        }
        return new Scored(scores, alerts);
    }

    /**
     * The answers to {@code rows}, explained at or past the threshold: the fitted model's, or for a model scored
     * adaptively the scorer's next step over each (every row steps the scorer, in order, explained or not).
     */
    private List<ScoreResponse> answers(List<FeatureVector> rows, AdaptiveScorer scorer) {
        if (adaptive.isEmpty()) {
            return Scorer.score(model, rows, topFeatures, (i, plain) -> plain.risk().score() >= plain.risk().threshold());
        }
        var settings = adaptive.get().adaptive().orElseThrow();
        List<AdaptiveScorer.Step> steps = rows.stream().map(row -> scorer.next(row.time(), row.values())).toList();
        List<ScoreResponse> fitted = Scorer.score(model, rows, topFeatures,
                (i, plain) -> steps.get(i).score() >= settings.alarmLevel());
        List<ScoreResponse> answers = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            answers.add(AdaptiveAnswers.of(model, fitted.get(i), steps.get(i)));
        }
        return answers;
    }

    @Override
    public void close() {
        model.close();
    }
}
