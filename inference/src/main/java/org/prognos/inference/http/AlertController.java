package org.prognos.inference.http;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.prognos.inference.InvalidRequestException;
import org.prognos.inference.UnknownAlertException;
import org.prognos.inference.alerts.AlertList;
import org.prognos.inference.alerts.AlertQuery;
import org.prognos.inference.alerts.AlertService;
import org.prognos.inference.alerts.AlertView;
import org.prognos.inference.alerts.DeliveryStatus;
import org.prognos.inference.api.AckRequest;
import org.prognos.inference.state.StreamingService;
import org.prognos.models.bundle.Names;

/** Alerts: {@code GET /v1/alerts}, {@code GET /v1/alerts/{id}}, {@code POST /v1/alerts/{id}/ack}. */
public final class AlertController {
    /** Alert ids are UUIDs; anything else is no alert's. */
    private static final Pattern ALERT_ID = Pattern.compile("[0-9a-fA-F-]{36}");

    private final AlertService alerts;
    private final HttpIo io;

    public AlertController(AlertService alerts, HttpIo io) {
        this.alerts = alerts;
        this.io = io;
    }

    /** The alerts the query parameters ask for: {@code state}, {@code asset}, {@code model}, {@code since}, {@code delivery}, {@code limit}. */
    public void list(Context ctx) {
        AlertQuery q = new AlertQuery(state(ctx), name(ctx, "asset", StreamingService.ASSET_NAME), name(ctx, "model", Names.MODEL_NAME),
                since(ctx), delivery(ctx), io.queryInt(ctx, "limit", AlertQuery.DEFAULT_LIMIT));
        List<AlertView> found = alerts.list(q).stream().map(r -> AlertView.of(r, true)).toList();
        io.json(ctx, new AlertList(found, found.size()));
    }

    /** One alert, with its acknowledgement and deliveries. */
    public void show(Context ctx) {
        String id = ctx.pathParam("id");
        io.json(ctx, AlertView.of(alerts.get(known(id)).orElseThrow(() -> unknown(id)), true));
    }

    /** Acknowledges an alert; the body ({@code {"note": ..., "by": ...}}) is optional. Idempotent. */
    public void ack(Context ctx) {
        String id = known(ctx.pathParam("id"));
        AckRequest body = io.optionalBody(ctx, AckRequest.class).orElse(AckRequest.empty());
        String by = body.byName().orElseGet(() -> AccessControl.roleOf(ctx).map(r -> "key with role " + r.label()).orElse("anonymous"));
        io.json(ctx, AlertView.of(alerts.ack(id, by, body.noteText()), true));
    }

    private static String known(String id) {
        if (!ALERT_ID.matcher(id).matches()) {
            throw unknown(id);
        }
        return id;
    }

    private static UnknownAlertException unknown(String id) {
        return new UnknownAlertException("no alert has the id '" + HttpIo.clip(id) + "'; GET /v1/alerts lists them");
    }

    private static AlertQuery.State state(Context ctx) {
        String v = ctx.queryParam("state");
        if (v == null || v.isBlank()) {
            return AlertQuery.State.OPEN;
        }
        return AlertQuery.State.parse(v).orElseThrow(() -> new InvalidRequestException(
                "query parameter 'state': expected open, closed or all, found '" + HttpIo.clip(v) + "'"));
    }

    private static Optional<DeliveryStatus.Outcome> delivery(Context ctx) {
        String v = ctx.queryParam("delivery");
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(DeliveryStatus.Outcome.parse(v).orElseThrow(() -> new InvalidRequestException(
                "query parameter 'delivery': expected pending, delivered or dead, found '" + HttpIo.clip(v) + "'")));
    }

    private static Optional<String> name(Context ctx, String param, Pattern rule) {
        String v = ctx.queryParam(param);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        if (!rule.matcher(v).matches()) {
            throw new InvalidRequestException("query parameter '" + param + "': '" + HttpIo.clip(v) + "' is not a valid "
                    + param + " name");
        }
        return Optional.of(v);
    }

    private static Optional<Instant> since(Context ctx) {
        String v = ctx.queryParam("since");
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(v.trim()).toInstant());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("query parameter 'since': expected an ISO-8601 time with an offset, such as"
                    + " 2025-01-31T08:00:00Z, found '" + HttpIo.clip(v) + "'");
        }
    }
}
