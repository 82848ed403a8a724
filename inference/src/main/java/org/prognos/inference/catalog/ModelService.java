package org.prognos.inference.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.api.Health;
import org.prognos.inference.api.ModelDetails;
import org.prognos.inference.api.ModelFault;
import org.prognos.inference.api.ModelSummary;
import org.prognos.inference.api.ReloadResponse;
import org.prognos.models.bundle.ManifestJson;

/** What the model endpoints answer: the served models, one model's details, admin reloads, and readiness. */
public final class ModelService {
    private static final ObjectMapper MANIFEST = ManifestJson.mapper();

    private final ModelCatalog catalog;

    public ModelService(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    /** Every served model, briefly. */
    public ModelSummary.Listing list() {
        return new ModelSummary.Listing(catalog.peekAll().stream().map(ModelService::summary).toList());
    }

    /** Everything about the model served as {@code name}. */
    public ModelDetails details(String name) {
        ServedModel m = catalog.peek(name);
        var manifest = m.manifest();
        return new ModelDetails(m.name(), m.version(), m.reference(), manifest.createdAt(), m.loadedAt(),
                MANIFEST.valueToTree(manifest.task()), m.extractor().axis() instanceof TimeAxis.Cycles ? "cycles" : "timestamps",
                m.channels(), manifest.featureColumns(), manifest.featureColumns().stream().map(m.extractor()::label).toList(),
                manifest.featureSpecHash(), m.policy().threshold(), manifest.metrics(),
                MANIFEST.valueToTree(manifest.provenance()), m.loaded().ownScaledAssets(),
                m.loaded().ownDetectorAssets());
    }

    /** Reloads {@code name} (see {@link ModelCatalog#reload}). */
    public ReloadResponse reload(String name) {
        ModelCatalog.ReloadOutcome o = catalog.reload(name);
        return new ReloadResponse(o.model(), o.previousVersion(), o.version(), o.changed() ? "reloaded" : "unchanged");
    }

    /** The served models as {@code name:version}. */
    public List<String> served() {
        return catalog.peekAll().stream().map(m -> m.name() + ":" + m.version()).toList();
    }

    /**
     * Readiness as far as models go: {@code ready} when every configured model serves its current bundle,
     * {@code degraded} when a model is not served or a newer bundle of one was refused (each listed with its reason).
     */
    public Health readiness() {
        List<ModelFault> failed = catalog.failures();
        List<ModelFault> refused = catalog.refusals();
        return new Health(failed.isEmpty() && refused.isEmpty() ? "ready" : "degraded", served(), failed, refused);
    }

    private static ModelSummary summary(ServedModel m) {
        String task = m.manifest().task().typeName();
        return new ModelSummary(m.name(), m.version(), m.reference(), task, m.channels(), m.loadedAt());
    }
}
