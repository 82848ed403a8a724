package org.prognos.inference.scoring;

import org.prognos.models.runtime.AdaptiveAnswers;
import org.prognos.models.runtime.Scorer;
import org.prognos.models.runtime.FeatureVector;
import java.util.ArrayList;
import java.util.List;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.api.BatchScoreResponse;
import org.prognos.models.runtime.answer.ScoreResponse;
import org.prognos.inference.metrics.ServiceMetrics;
import org.prognos.inference.catalog.ModelCatalog;
import org.prognos.inference.catalog.ModelLease;
import org.prognos.inference.catalog.ServedModel;
import org.prognos.inference.drift.DriftMonitor;

/**
 * Scores windows of readings: one asset ({@link #score}) or many ({@link #scoreBatch}, one prediction call for all).
 * Each call leases the model's current version for its whole duration, so a reload never changes a model under a
 * request. It takes windows already read ({@link ReadingWindow}, against the model's {@link #schema}) and returns
 * answers; it knows nothing of HTTP or JSON.
 */
public final class ScoringService {
    private final ModelCatalog catalog;
    private final ServiceMetrics metrics;
    private final int topFeatures;
    private final DriftMonitor drift;

    public ScoringService(ModelCatalog catalog, ServiceMetrics metrics, ServiceConfig config, DriftMonitor drift) {
        this.catalog = catalog;
        this.metrics = metrics;
        this.drift = drift;
        this.topFeatures = config.explain().topFeatures();
    }

    /** Whether a model of that name is served. */
    public boolean serves(String model) {
        return catalog.serves(model);
    }

    /**
     * What windows for {@code model} are read against: the schema of its current version.
     *
     * @throws org.prognos.models.ModelNotFoundException when no model of that name is served
     */
    public WindowSchema schema(String model) {
        return WindowSchema.of(catalog.peek(model));
    }

    /** Scores {@code window} with {@code model}, explained unless {@code explain} is false. */
    public ScoreResponse score(String model, ReadingWindow window, boolean explain) {
        try (ModelLease lease = catalog.acquire(model)) {
            ServedModel m = lease.model();
            FeatureVector vector = WindowFeatures.extract(m, window);
            ScoreResponse answer = alone(m, Scorer.score(m.loaded(), List.of(vector), top(explain)).get(0));
            metrics.scored(m.name(), answer.risk().band());
            drift.record(m, vector.values());
            return answer;
        }
    }

    /** Scores every window with {@code model} in one prediction call; the answers are in the windows' order. */
    public BatchScoreResponse scoreBatch(String model, List<ReadingWindow> windows, boolean explain) {
        try (ModelLease lease = catalog.acquire(model)) {
            ServedModel m = lease.model();
            List<FeatureVector> vectors = new ArrayList<>(windows.size());
            for (ReadingWindow w : windows) {
                vectors.add(WindowFeatures.extract(m, w));
            }
            List<ScoreResponse> answers = Scorer.score(m.loaded(), vectors, top(explain)).stream().map(a -> alone(m, a)).toList();
            for (int i = 0; i < answers.size(); i++) {
                metrics.scored(m.name(), answers.get(i).risk().band());
                drift.record(m, vectors.get(i).values());
            }
            return new BatchScoreResponse(answers);
        }
    }

    /** A window scored alone: for a model scored adaptively, the fitted model's answer says so. */
    private static ScoreResponse alone(ServedModel m, ScoreResponse answer) {
        return m.loaded().adaptiveAnomaly().isPresent() ? answer.withWarning(AdaptiveAnswers.WINDOW_ALONE) : answer;
    }

    private int top(boolean explain) {
        return explain ? Math.max(1, topFeatures) : 0;
    }
}
