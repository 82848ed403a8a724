package org.prognos.inference.http;

import io.javalin.http.Context;
import org.prognos.inference.api.ReadingsRequest;
import org.prognos.inference.codec.BodyReader;
import org.prognos.inference.history.RecentHistory;
import org.prognos.inference.scoring.ReadingWindow;
import org.prognos.inference.state.StreamingService;
import org.prognos.inference.tenant.AssetKey;

/**
 * Streaming: {@code POST /v1/assets/{asset}/readings}, {@code GET /v1/assets/{asset}/score},
 * {@code GET /v1/assets/{asset}/features}, {@code GET /v1/assets/{asset}/history}, {@code GET /v1/fleet/at-risk}, and for admins
 * {@code DELETE /v1/assets/{asset}} and {@code POST /v1/assets/{asset}/reset}. Every route acts in the caller's tenant
 * ({@link AccessControl#tenantOf}): the asset in the path is that tenant's.
 */
public final class AssetController {
    /** Header naming the model whose spec an asset's state follows (same as the {@code model} query parameter). */
    public static final String MODEL_HEADER = "X-Prognos-Model";
    /** Default length of the at-risk list. */
    public static final int DEFAULT_LIMIT = 20;

    private final StreamingService streaming;
    private final RecentHistory history;
    private final BodyReader bodies;
    private final HttpIo io;

    public AssetController(StreamingService streaming, RecentHistory history, BodyReader bodies, HttpIo io) {
        this.streaming = streaming;
        this.history = history;
        this.bodies = bodies;
        this.io = io;
    }

    /** Applies one or many readings (and events) to the asset's state, read against the schema of the model it follows. */
    public void ingest(Context ctx) {
        ReadingsRequest request = io.body(ctx, ReadingsRequest.class);
        AssetKey asset = asset(ctx);
        String model = streaming.modelFor(asset, io.queryOrHeader(ctx, "model", MODEL_HEADER));
        ReadingWindow window = bodies.readings(asset.asset(), request, streaming.schema(model));
        AccessControl.readings(ctx, window.readings());
        io.json(ctx, streaming.ingest(asset, model, window));
    }

    /** Scores the asset from its state, just after its last reading. */
    public void score(Context ctx) {
        io.json(ctx, streaming.score(asset(ctx)));
    }

    /** The asset's current feature vector. */
    public void features(Context ctx) {
        io.json(ctx, streaming.features(asset(ctx)));
    }

    /** The asset's recent scores and readings, as the live page charts them (404 when none are kept). */
    public void history(Context ctx) {
        io.json(ctx, history.of(asset(ctx)));
    }

    /** The tracked assets of the caller's tenant of highest risk. */
    public void atRisk(Context ctx) {
        io.json(ctx, streaming.atRisk(AccessControl.tenantOf(ctx), io.queryInt(ctx, "limit", DEFAULT_LIMIT),
                io.queryOrHeader(ctx, "model", MODEL_HEADER)));
    }

    /** Forgets the asset (memory, journal, snapshots; its open alert closes): 204, or 404 when unknown. */
    public void delete(Context ctx) {
        streaming.delete(asset(ctx));
        ctx.status(204);
    }

    /** Empties the asset's window, keeping the asset (its open alert closes): 204, or 404 when unknown. */
    public void reset(Context ctx) {
        streaming.reset(asset(ctx));
        ctx.status(204);
    }

    private static AssetKey asset(Context ctx) {
        return AssetKey.of(AccessControl.tenantOf(ctx), ctx.pathParam("asset"));
    }
}
