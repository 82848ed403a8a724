package org.prognos.inference.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.inference.InvalidRequestException;
import org.prognos.inference.api.AtRiskResponse;
import org.prognos.inference.catalog.ModelCatalog;
import org.prognos.inference.catalog.ModelLease;
import org.prognos.inference.catalog.ServedModel;
import org.prognos.inference.tenant.Tenant;
import org.prognos.models.runtime.FeatureVector;
import org.prognos.models.runtime.answer.ModelRef;

/**
 * The at-risk list of one tenant: its assets whose cached score is stale are rescored first, one prediction call per
 * model, then all are ranked by risk (ties by asset id). Split from {@link StreamingService}, which keeps the slots and
 * their locking; this reads them under each slot's lock like every other reader.
 */
final class AtRiskRanking {
    private final ModelCatalog catalog;
    private final AssetStore store;

    AtRiskRanking(ModelCatalog catalog, AssetStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    /** See {@link StreamingService#atRisk}. */
    AtRiskResponse rank(Tenant tenant, int limit, Optional<String> model) {
        int max = StreamingService.MAX_AT_RISK;
        if (limit < 1 || limit > max) {
            throw new InvalidRequestException("limit: must be between 1 and " + max + ", found " + limit);
        }
        model.ifPresent(catalog::peek);
        List<AssetSlot> slots = store.snapshot(tenant.name());
        Map<String, List<AssetSlot>> stale = new LinkedHashMap<>();
        for (AssetSlot s : slots) {
            synchronized (s) {
                if (s.state != null && !s.scoreCurrent() && s.state.readings() > 0) {
                    stale.computeIfAbsent(s.model, k -> new ArrayList<>()).add(s);
                }
            }
        }
        stale.forEach(this::rescore);
        List<AtRiskResponse.AtRiskAsset> ranked = new ArrayList<>();
        for (AssetSlot s : slots) {
            synchronized (s) {
                if (s.scoredBy != null && (model.isEmpty() || model.get().equals(s.scoredBy.name()))) {
                    ranked.add(new AtRiskResponse.AtRiskAsset(s.name, s.scoredBy, formatted(s, s.scoredAt), s.risk, s.band, s.health,
                            lastReading(s), s.online));
                }
            }
        }
        ranked.sort(Comparator.comparingDouble((AtRiskResponse.AtRiskAsset a) -> -a.risk()).thenComparing(AtRiskResponse.AtRiskAsset::asset));
        return new AtRiskResponse(ranked.subList(0, Math.min(limit, ranked.size())), slots.size());
    }

    private String formatted(AssetSlot s, long time) {
        try {
            return catalog.peek(s.scoredBy.name()).extractor().axis().format(time);
        } catch (RuntimeException e) {
            return Long.toString(time);
        }
    }

    /** The slot's last reading time, formatted; null when its window holds none. Hold the slot's lock. */
    private String lastReading(AssetSlot s) {
        if (s.state == null || s.state.lastReadingTime().isEmpty()) {
            return null;
        }
        return formatted(s, s.state.lastReadingTime().getAsLong());
    }

    /** Rescores the stale slots of one model with one prediction call. */
    private void rescore(String model, List<AssetSlot> slots) {
        try (ModelLease lease = catalog.acquire(model)) {
            ServedModel m = lease.model();
            List<AssetSlot> used = new ArrayList<>();
            List<FeatureVector> rows = new ArrayList<>();
            List<Long> versions = new ArrayList<>();
            List<Long> times = new ArrayList<>();
            List<Optional<AdaptiveScorer.Step>> steps = new ArrayList<>();
            for (AssetSlot s : slots) {
                synchronized (s) {
                    Optional<FeatureVector> v = StreamingService.vector(s, m);
                    if (v.isPresent()) {
                        used.add(s);
                        rows.add(v.get());
                        versions.add(s.version);
                        times.add(v.get().time());
                        steps.add(AdaptiveSlots.step(s, m));
                    }
                }
            }
            if (rows.isEmpty()) {
                return;
            }
            double[] risks = IngestScorer.risks(m, rows);
            ModelRef ref = new ModelRef(m.name(), m.version());
            for (int i = 0; i < used.size(); i++) {
                risks[i] = AdaptiveSlots.risk(m, risks[i], steps.get(i));
                if (!Double.isNaN(risks[i])) {
                    IngestScorer.cache(used.get(i), versions.get(i), ref, times.get(i), risks[i], AdaptiveSlots.band(m, risks[i]),
                            AdaptiveSlots.health(m, risks[i]));
                }
            }
        }
    }
}
