package org.prognos.inference.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.catalog.ModelCatalog;
import org.prognos.inference.catalog.ModelLease;
import org.prognos.inference.catalog.ServedModel;
import org.prognos.inference.drift.DriftMonitor;
import org.prognos.models.PredictionException;
import org.prognos.models.runtime.FeatureVector;
import org.prognos.models.runtime.RiskBand;
import org.prognos.models.runtime.Scorer;
import org.prognos.models.runtime.answer.ModelRef;
import org.prognos.models.runtime.answer.ScoreResponse;

/**
 * Scores what a commit applied: the vector each window left, all of a model's vectors with one prediction call,
 * full answers (explained at or past the threshold) when alerts listen, risks alone otherwise; each asset's latest
 * score cached for the at-risk list.
 */
final class IngestScorer {
    private final ModelCatalog catalog;
    private final int topFeatures;
    private final DriftMonitor drift;

    IngestScorer(ModelCatalog catalog, int topFeatures, DriftMonitor drift) {
        this.catalog = catalog;
        this.topFeatures = topFeatures;
        this.drift = drift;
    }

    /**
     * Scores the vectors a commit's windows left (one per window, taken right after it was applied), with one
     * prediction call per model; caches each asset's latest score for the at-risk list. In commit order.
     */
    List<AssetScore> score(Commit commit, boolean full) {
        if (commit.pending.isEmpty()) {
            return List.of();
        }
        Map<String, List<Commit.Pending>> byModel = new LinkedHashMap<>();
        for (Commit.Pending p : commit.pending) {
            byModel.computeIfAbsent(p.model(), k -> new ArrayList<>()).add(p);
        }
        Map<Commit.Pending, AssetScore> scored = new HashMap<>();
        byModel.forEach((model, pending) -> {
            try (ModelLease lease = catalog.acquire(model)) {
                ServedModel m = lease.model();
                List<Optional<ScoreResponse>> answers = full ? answers(m, pending, topFeatures) : List.of();
                double[] risks = full ? answers.stream().mapToDouble(a -> a.map(r -> r.risk().score()).orElse(Double.NaN)).toArray()
                        : risks(m, pending.stream().map(Commit.Pending::vector).toList());
                for (int i = 0; i < risks.length && !full; i++) {
                    risks[i] = AdaptiveSlots.risk(m, risks[i], pending.get(i).adaptive());
                }
                ModelRef ref = new ModelRef(m.name(), m.version());
                double threshold = AdaptiveSlots.threshold(m);
                TimeAxis axis = m.extractor().axis();
                for (int i = 0; i < risks.length; i++) {
                    if (!Double.isNaN(risks[i])) {
                        Commit.Pending p = pending.get(i);
                        drift.record(m, p.vector().values());
                        long t = p.vector().time();
                        RiskBand band = AdaptiveSlots.band(m, risks[i]);
                        Optional<ScoreResponse> answer = full ? answers.get(i) : Optional.empty();
                        scored.put(p, new AssetScore(p.slot().asset, ref, t, axis.format(t), risks[i], band.label(), threshold, answer,
                                p.window()));
                        cache(p.slot(), p.version(), ref, t, risks[i], band, AdaptiveSlots.health(m, risks[i]));
                    }
                }
            }
        });
        List<AssetScore> scores = new ArrayList<>(scored.size());
        for (Commit.Pending p : commit.pending) {
            AssetScore s = scored.get(p);
            if (s != null) {
                scores.add(s);
            }
        }
        return scores;
    }

    /** Caches a score on its slot if the slot is still at the version it was computed for. */
    static void cache(AssetSlot s, long version, ModelRef ref, long time, double risk, RiskBand band, double health) {
        synchronized (s) {
            if (s.version == version) {
                s.scoredVersion = s.version;
                s.scoredBy = ref;
                s.scoredAt = time;
                s.risk = risk;
                s.band = band.label();
                s.health = health;
            }
        }
    }

    /**
     * Answers for pending vectors with one call (adaptive where the model is scored so), explained at or past the
     * threshold by the step the Flink job shares ({@link Scorer#score(org.prognos.models.runtime.LoadedModel, List, int,
     * Scorer.ExplainWhen)}); empty for a vector the model cannot score.
     */
    private static List<Optional<ScoreResponse>> answers(ServedModel m, List<Commit.Pending> pending, int topFeatures) {
        List<Optional<ScoreResponse>> out = new ArrayList<>(pending.size());
        try {
            List<ScoreResponse> all = explainedPastThreshold(m, pending, topFeatures);
            for (int i = 0; i < all.size(); i++) {
                out.add(Optional.of(AdaptiveSlots.answer(m, all.get(i), pending.get(i).adaptive())));
            }
        } catch (PredictionException e) {
            out.clear();
            for (Commit.Pending p : pending) {
                try {
                    out.add(Optional.of(AdaptiveSlots.answer(m, explainedPastThreshold(m, List.of(p), topFeatures).get(0),
                            p.adaptive())));
                } catch (PredictionException one) {
                    out.add(Optional.empty());
                }
            }
        }
        return out;
    }

    /** The fitted answers to {@code pending}, explained where {@code m}'s risk (adaptive or fitted) is at its threshold. */
    private static List<ScoreResponse> explainedPastThreshold(ServedModel m, List<Commit.Pending> pending, int topFeatures) {
        double threshold = AdaptiveSlots.threshold(m);
        return Scorer.score(m.loaded(), pending.stream().map(Commit.Pending::vector).toList(), topFeatures,
                (i, plain) -> AdaptiveSlots.risk(m, plain.risk().score(), pending.get(i).adaptive()) >= threshold);
    }

    /**
     * Risks of many vectors with one call, each scored as its asset (a model that scales each asset by its own); a
     * vector the model cannot score is NaN and does not hide the others.
     */
    static double[] risks(ServedModel m, List<FeatureVector> vectors) {
        try {
            return Scorer.risks(m.loaded(), vectors.stream().map(FeatureVector::values).toArray(double[][]::new),
                    vectors.stream().map(FeatureVector::asset).toList());
        } catch (PredictionException e) {
            double[] risks = new double[vectors.size()];
            for (int i = 0; i < risks.length; i++) {
                try {
                    FeatureVector v = vectors.get(i);
                    risks[i] = Scorer.risks(m.loaded(), new double[][] {v.values()}, List.of(v.asset()))[0];
                } catch (PredictionException one) {
                    risks[i] = Double.NaN;
                }
            }
            return risks;
        }
    }
}
