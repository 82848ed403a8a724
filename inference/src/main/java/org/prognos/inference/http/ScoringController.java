package org.prognos.inference.http;

import org.prognos.inference.codec.BodyReader;
import io.javalin.http.Context;
import java.util.List;
import org.prognos.inference.api.BatchScoreRequest;
import org.prognos.inference.scoring.ReadingWindow;
import org.prognos.inference.scoring.ScoringService;

/**
 * {@code POST /v1/models/{model}/score} and {@code /score-batch}: bodies are read here, against the named model's
 * schema, into typed windows for the {@link ScoringService}.
 */
public final class ScoringController {
    private final ScoringService scoring;
    private final BodyReader bodies;
    private final HttpIo io;

    public ScoringController(ScoringService scoring, BodyReader bodies, HttpIo io) {
        this.scoring = scoring;
        this.bodies = bodies;
        this.io = io;
    }

    /** Scores one asset's window. A bad body is reported before an unknown model. */
    public void score(Context ctx) {
        boolean explain = io.queryBoolean(ctx, "explain", true);
        String model = ctx.pathParam("model");
        byte[] body = io.bytes(ctx);
        if (!scoring.serves(model)) {
            bodies.requireScoreRequest(body);   // then scoring.schema says the model is not served
        }
        ReadingWindow window = bodies.window(body, scoring.schema(model));
        AccessControl.readings(ctx, window.readings());
        io.json(ctx, scoring.score(model, window, explain));
    }

    /** Scores many assets' windows with one prediction call. */
    public void scoreBatch(Context ctx) {
        String model = ctx.pathParam("model");
        BatchScoreRequest request = io.body(ctx, BatchScoreRequest.class);
        bodies.requireBatchSize(request);
        List<ReadingWindow> windows = bodies.windows(request, scoring.schema(model));
        AccessControl.readings(ctx, windows.stream().mapToLong(ReadingWindow::readings).sum());
        io.json(ctx, scoring.scoreBatch(model, windows, io.queryBoolean(ctx, "explain", true)));
    }
}
