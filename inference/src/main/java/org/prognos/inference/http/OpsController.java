package org.prognos.inference.http;

import io.javalin.http.Context;
import org.prognos.inference.Lifecycle;
import org.prognos.inference.ServiceUnavailableException;
import org.prognos.inference.api.Health;
import org.prognos.inference.metrics.ServiceMetrics;
import org.prognos.inference.catalog.ModelService;

/** Health, metrics and the API's documentation. */
public final class OpsController {
    private final Lifecycle lifecycle;
    private final ModelService models;
    private final ServiceMetrics metrics;
    private final ApiDocs docs;
    private final HttpIo io;

    public OpsController(Lifecycle lifecycle, ModelService models, ServiceMetrics metrics, ApiDocs docs, HttpIo io) {
        this.lifecycle = lifecycle;
        this.models = models;
        this.metrics = metrics;
        this.docs = docs;
        this.io = io;
    }

    /** The process is up. */
    public void live(Context ctx) {
        io.json(ctx, Health.up(models.served()));
    }

    /**
     * The service takes traffic: not shutting down, workers not saturated and at least one model served (else 503). 200 with status
     * {@code ready}, or {@code degraded} listing the models not served and the refused reloads with their reasons.
     */
    public void ready(Context ctx) {
        lifecycle.unavailable().ifPresent(why -> {
            throw new ServiceUnavailableException(why);
        });
        Health h = models.readiness();
        if (h.models().isEmpty()) {
            throw new ServiceUnavailableException("no model is served: " + String.join("; ", h.failed().stream()
                    .map(f -> f.model() + " (" + f.reason() + "): " + f.detail()).toList()));
        }
        io.json(ctx, h);
    }

    /** Prometheus text exposition. */
    public void metrics(Context ctx) {
        ctx.contentType(metrics.contentType()).result(metrics.scrape());
    }

    /** The OpenAPI 3.0 document. */
    public void openapi(Context ctx) {
        ctx.contentType("application/json").result(docs.openapi());
    }

    /** The HTML documentation page: Swagger UI over the OpenAPI document, and the problem types. */
    public void docs(Context ctx) {
        ctx.contentType("text/html; charset=utf-8").header("Content-Security-Policy", ApiDocs.CONTENT_SECURITY_POLICY)
                .result(docs.html());
    }
}
