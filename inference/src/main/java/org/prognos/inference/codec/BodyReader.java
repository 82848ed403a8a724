package org.prognos.inference.codec;

import com.fasterxml.jackson.core.JsonFactory;
import java.time.Clock;
import java.util.List;
import org.prognos.inference.ServiceConfig;
import org.prognos.inference.api.BatchScoreRequest;
import org.prognos.inference.api.ReadingsRequest;
import org.prognos.inference.api.ScoreRequest;
import org.prognos.inference.codec.read.RequestWindow;
import org.prognos.inference.codec.read.WindowReader;
import org.prognos.inference.scoring.ReadingWindow;
import org.prognos.inference.scoring.TimeBounds;
import org.prognos.inference.scoring.WindowSchema;

/**
 * Reads request bodies into the typed windows the scoring core takes: a score body through the fast
 * {@link WindowReader} when it can, else bound by the {@link JsonCodec} and checked by {@link RequestWindow}, which
 * words every problem. Every time read is held to the same {@link TimeBounds} ({@code limits.maxFutureSkewSeconds} on
 * the service's clock, no negative cycle), for HTTP and MQTT alike.
 */
public final class BodyReader {
    private final JsonCodec json;
    private final JsonFactory factory;
    private final ServiceConfig.Limits limits;
    private final TimeBounds bounds;

    /** A reader holding times to {@code limits} on the system clock. */
    public BodyReader(JsonCodec json, ServiceConfig.Limits limits) {
        this(json, limits, Clock.systemUTC());
    }

    /** A reader holding times to {@code limits} on {@code clock}. */
    public BodyReader(JsonCodec json, ServiceConfig.Limits limits, Clock clock) {
        this.json = json;
        this.factory = json.mapper().getFactory();
        this.limits = limits;
        this.bounds = new TimeBounds(clock, limits.maxFutureSkewSeconds());
    }

    /** The bounds times are held to. */
    public TimeBounds bounds() {
        return bounds;
    }

    /**
     * The window of a score request body on {@code schema}.
     *
     * @throws org.prognos.inference.InvalidRequestException naming every problem of the body
     */
    public ReadingWindow window(byte[] body, WindowSchema schema) {
        return WindowReader.read(factory, body, schema, limits, bounds)
                .orElseGet(() -> RequestWindow.window(schema, json.read(body, ScoreRequest.class), "", limits, bounds));
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
        return RequestWindow.windows(schema, request, limits, bounds);
    }

    /** Refuses an empty batch, or one of more assets than the limit (before the model is looked up). */
    public void requireBatchSize(BatchScoreRequest request) {
        RequestWindow.requireBatchSize(request, limits);
    }

    /** The readings streamed for {@code asset}, as a window on {@code schema}. */
    public ReadingWindow readings(String asset, ReadingsRequest request, WindowSchema schema) {
        return RequestWindow.readings(schema, asset, request, limits, bounds);
    }
}
