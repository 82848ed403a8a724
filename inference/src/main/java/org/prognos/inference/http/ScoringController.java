package org.prognos.inference.http;

import io.javalin.http.Context;
import org.prognos.inference.api.BatchScoreRequest;
import org.prognos.inference.scoring.ScoringService;

/** {@code POST /v1/models/{model}/score} and {@code /score-batch}. */
public final class ScoringController {
    private final ScoringService scoring;
    private final HttpIo io;

    public ScoringController(ScoringService scoring, HttpIo io) {
        this.scoring = scoring;
        this.io = io;
    }

    /** Scores one asset's window. */
    public void score(Context ctx) {
        boolean explain = io.queryBoolean(ctx, "explain", true);
        io.json(ctx, scoring.score(ctx.pathParam("model"), io.bytes(ctx), io.codec(), explain));
    }

    /** Scores many assets' windows with one prediction call. */
    public void scoreBatch(Context ctx) {
        BatchScoreRequest request = io.body(ctx, BatchScoreRequest.class);
        io.json(ctx, scoring.scoreBatch(ctx.pathParam("model"), request, io.queryBoolean(ctx, "explain", true)));
    }
}
