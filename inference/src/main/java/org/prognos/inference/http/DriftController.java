package org.prognos.inference.http;

import io.javalin.http.Context;
import org.prognos.inference.api.DriftResponse;
import org.prognos.inference.drift.DriftMonitor;

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
        io.json(ctx, DriftResponse.of(drift.drift(ctx.pathParam("model"))));
    }
}
