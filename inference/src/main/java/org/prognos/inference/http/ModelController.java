package org.prognos.inference.http;

import io.javalin.http.Context;
import org.prognos.inference.catalog.ModelService;

/** {@code GET /v1/models}, {@code GET /v1/models/{model}}, {@code POST /v1/models/{model}/reload}. */
public final class ModelController {
    private final ModelService models;
    private final HttpIo io;

    public ModelController(ModelService models, HttpIo io) {
        this.models = models;
        this.io = io;
    }

    public void list(Context ctx) {
        io.json(ctx, models.list());
    }

    public void show(Context ctx) {
        io.json(ctx, models.details(ctx.pathParam("model")));
    }

    /** Loads, verifies and swaps in the bundle the model's reference resolves to now (admin). */
    public void reload(Context ctx) {
        io.json(ctx, models.reload(ctx.pathParam("model")));
    }
}
