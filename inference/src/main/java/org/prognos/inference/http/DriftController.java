package org.prognos.inference.http;

import io.javalin.http.Context;
import org.prognos.inference.api.DriftResponse;
import java.util.List;
import org.prognos.inference.drift.DriftMonitor;
import org.prognos.inference.drift.ModelDrift;
import org.prognos.models.drift.DriftVerdict;
import org.prognos.models.drift.FeatureDrift;

/** {@code GET /v1/models/{model}/drift}: the live inputs against the training profile, per feature. */
public final class DriftController {
    private final DriftMonitor drift;
    private final HttpIo io;

    public DriftController(DriftMonitor drift, HttpIo io) {
        this.drift = drift;
        this.io = io;
    }

    /** Judges the model's window now (an unknown model is a 404 problem, as on every model route). */
    public void show(Context ctx) {
        io.json(ctx, answer(drift.drift(ctx.pathParam("model"))));
    }

    /** The answer for one model's drift. */
    static DriftResponse answer(ModelDrift d) {
        List<DriftResponse.Feature> features = List.of();
        DriftResponse.Counts counts = new DriftResponse.Counts(0, 0, 0);
        if (d.verdict() instanceof DriftVerdict.Judged j) {
            features = j.byPsi().stream().map(DriftController::feature).toList();
            counts = new DriftResponse.Counts(j.at(org.prognos.models.drift.DriftStatus.STABLE).size(),
                    j.at(org.prognos.models.drift.DriftStatus.MODERATE).size(), j.at(org.prognos.models.drift.DriftStatus.DRIFTED).size());
        }
        return new DriftResponse(d.model(), d.version(), d.verdict().label(), d.verdict().rows(), d.window(),
                d.thresholds().minRows(), d.recorded(), d.source(), new DriftResponse.Thresholds(d.thresholds().psiModerate(),
                d.thresholds().psiDrifted(), d.thresholds().ksDrifted()), counts, features, d.at());
    }

    private static DriftResponse.Feature feature(FeatureDrift f) {
        return new DriftResponse.Feature(f.feature(), f.psi(), Double.isNaN(f.ks()) ? null : f.ks(), f.status().label(), f.liveMissing(),
                Double.isNaN(f.liveMean()) ? null : f.liveMean(), f.counted());
    }
}
