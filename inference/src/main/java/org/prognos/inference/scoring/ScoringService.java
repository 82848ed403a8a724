package org.prognos.inference.scoring;

import java.util.ArrayList;
import java.util.List;
import org.prognos.inference.InvalidRequestException;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.api.BatchScoreRequest;
import org.prognos.inference.http.JsonCodec;
import org.prognos.inference.api.BatchScoreResponse;
import org.prognos.inference.api.ScoreRequest;
import org.prognos.models.runtime.answer.ScoreResponse;
import org.prognos.inference.metrics.ServiceMetrics;
import org.prognos.inference.catalog.ModelCatalog;
import org.prognos.inference.catalog.ModelLease;
import org.prognos.inference.catalog.ServedModel;
import org.prognos.models.runtime.FeatureVector;
import org.prognos.models.runtime.Scorer;

/**
 * Scores request windows: one asset ({@link #score}) or many ({@link #scoreBatch}, one prediction call for all).
 * Each call leases the model's current version for its whole duration, so a reload never changes a model under a
 * request. Knows nothing of HTTP.
 */
public final class ScoringService {
    private final ModelCatalog catalog;
    private final ServiceMetrics metrics;
    private final ServiceConfig.Limits limits;
    private final int topFeatures;

    public ScoringService(ModelCatalog catalog, ServiceMetrics metrics, ServiceConfig config) {
        this.catalog = catalog;
        this.metrics = metrics;
        this.limits = config.limits();
        this.topFeatures = config.explain().topFeatures();
    }

    /**
     * Scores the window in a request body with {@code model}, explained unless {@code explain} is false. The body is
     * read by {@link WindowReader} when it can, else bound by {@code json} and read by {@link RequestWindow#vector},
     * which word any problem. A bad body is reported before an unknown model.
     */
    public ScoreResponse score(String model, byte[] body, JsonCodec json, boolean explain) {
        ModelLease lease;
        try {
            lease = catalog.acquire(model);
        } catch (RuntimeException e) {
            json.read(body, ScoreRequest.class);
            throw e;
        }
        try (lease) {
            ServedModel m = lease.model();
            FeatureVector v = WindowReader.read(json.mapper().getFactory(), body, m, limits)
                    .orElseGet(() -> RequestWindow.vector(m, json.read(body, ScoreRequest.class), "", limits));
            return score(m, v, explain);
        }
    }

    private ScoreResponse score(ServedModel m, FeatureVector v, boolean explain) {
        ScoreResponse answer = Scorer.score(m.loaded(), List.of(v), explain ? Math.max(1, topFeatures) : 0).get(0);
        metrics.scored(m.name(), answer.risk().band());
        return answer;
    }

    /** Scores every asset of {@code request} with {@code model} in one prediction call. */
    public BatchScoreResponse scoreBatch(String model, BatchScoreRequest request, boolean explain) {
        if (request.assets().isEmpty()) {
            throw new InvalidRequestException("assets: the batch is empty; send at least one asset window");
        }
        if (request.assets().size() > limits.maxBatchAssets()) {
            throw new InvalidRequestException("assets: " + request.assets().size() + " assets exceed the limit of "
                    + limits.maxBatchAssets() + " per batch");
        }
        try (ModelLease lease = catalog.acquire(model)) {
            ServedModel m = lease.model();
            List<FeatureVector> vectors = new ArrayList<>(request.assets().size());
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < request.assets().size(); i++) {
                ScoreRequest r = request.assets().get(i);
                if (r == null) {
                    problems.add("assets[" + i + "]: an asset window is an object, found null");
                    continue;
                }
                try {
                    vectors.add(RequestWindow.vector(m, r, "assets[" + i + "].", limits));
                } catch (InvalidRequestException e) {
                    problems.addAll(e.errors().isEmpty() ? List.of(e.getMessage()) : e.errors());
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidRequestException(problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1)
                        + " more problems, listed in 'errors')" : ""), problems);
            }
            List<ScoreResponse> answers = Scorer.score(m.loaded(), vectors, explain ? Math.max(1, topFeatures) : 0);
            for (ScoreResponse a : answers) {
                metrics.scored(m.name(), a.risk().band());
            }
            return new BatchScoreResponse(answers);
        }
    }
}
