package org.prognos.inference.codec;

import com.fasterxml.jackson.core.JsonFactory;
import java.util.List;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.api.BatchScoreRequest;
import org.prognos.inference.api.ReadingsRequest;
import org.prognos.inference.api.ScoreRequest;
import org.prognos.inference.codec.read.RequestWindow;
import org.prognos.inference.codec.read.WindowReader;
import org.prognos.inference.scoring.ReadingWindow;
import org.prognos.inference.scoring.WindowSchema;

/**
 * Reads request bodies into the typed windows the scoring core takes: a score body through the fast
 * {@link WindowReader} when it can, else bound by the {@link JsonCodec} and checked by {@link RequestWindow}, which
 * words every problem.
 */
public final class BodyReader {
    private final JsonCodec json;
    private final JsonFactory factory;
    private final ServiceConfig.Limits limits;

    public BodyReader(JsonCodec json, ServiceConfig.Limits limits) {
        this.json = json;
        this.factory = json.mapper().getFactory();
        this.limits = limits;
    }

    /**
     * The window of a score request body on {@code schema}.
     *
     * @throws org.prognos.inference.InvalidRequestException naming every problem of the body
     */
    public ReadingWindow window(byte[] body, WindowSchema schema) {
        return WindowReader.read(factory, body, schema, limits)
                .orElseGet(() -> RequestWindow.window(schema, json.read(body, ScoreRequest.class), "", limits));
    }

    /**
     * Checks that a score request body binds (well-formed JSON of the right shape), without a model to read it
     * against: a bad body is reported before an unknown model.
     *
     * @throws org.prognos.inference.InvalidRequestException when it does not bind
     */
    public void requireScoreRequest(byte[] body) {
        json.read(body, ScoreRequest.class);
    }

    /** The windows of a bound batch on {@code schema}, every problem of every window worded. */
    public List<ReadingWindow> windows(BatchScoreRequest request, WindowSchema schema) {
        return RequestWindow.windows(schema, request, limits);
    }

    /** Refuses an empty batch, or one of more assets than the limit (before the model is looked up). */
    public void requireBatchSize(BatchScoreRequest request) {
        RequestWindow.requireBatchSize(request, limits);
    }

    /** The readings streamed for {@code asset}, as a window on {@code schema}. */
    public ReadingWindow readings(String asset, ReadingsRequest request, WindowSchema schema) {
        return RequestWindow.readings(schema, asset, request, limits);
    }
}
