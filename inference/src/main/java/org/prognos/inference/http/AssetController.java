package org.prognos.inference.http;

import org.prognos.inference.codec.BodyReader;
import io.javalin.http.Context;
import org.prognos.inference.api.ReadingsRequest;
import org.prognos.inference.state.StreamingService;

/** Streaming: {@code POST /v1/assets/{asset}/readings}, {@code GET /v1/assets/{asset}/score},
 * {@code GET /v1/assets/{asset}/features}, {@code GET /v1/fleet/at-risk}. */
public final class AssetController {
    /** Header naming the model whose spec an asset's state follows (same as the {@code model} query parameter). */
    public static final String MODEL_HEADER = "X-Prognos-Model";
    /** Default length of the at-risk list. */
    public static final int DEFAULT_LIMIT = 20;

    private final StreamingService streaming;
    private final BodyReader bodies;
    private final HttpIo io;

    public AssetController(StreamingService streaming, BodyReader bodies, HttpIo io) {
        this.streaming = streaming;
        this.bodies = bodies;
        this.io = io;
    }

    /** Applies one or many readings (and events) to the asset's state, read against the schema of the model it follows. */
    public void ingest(Context ctx) {
        ReadingsRequest request = io.body(ctx, ReadingsRequest.class);
        String asset = ctx.pathParam("asset");
        String model = streaming.modelFor(asset, io.queryOrHeader(ctx, "model", MODEL_HEADER));
        io.json(ctx, streaming.ingest(asset, model, bodies.readings(asset, request, streaming.schema(model))));
    }

    /** Scores the asset from its state, just after its last reading. */
    public void score(Context ctx) {
        io.json(ctx, streaming.score(ctx.pathParam("asset")));
    }

    /** The asset's current feature vector. */
    public void features(Context ctx) {
        io.json(ctx, streaming.features(ctx.pathParam("asset")));
    }

    /** The tracked assets of highest risk. */
    public void atRisk(Context ctx) {
        io.json(ctx, streaming.atRisk(io.queryInt(ctx, "limit", DEFAULT_LIMIT), io.queryOrHeader(ctx, "model", MODEL_HEADER)));
    }
}
