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
import org.prognos.inference.alerts.AlertRecord;
import org.prognos.inference.alerts.AlertService;
import org.prognos.inference.alerts.AlertView;
import org.prognos.inference.alerts.DeliveryStatus;
import org.prognos.inference.api.AckRequest;
import org.prognos.inference.tenant.AssetKey;
import org.prognos.inference.tenant.Tenant;
import org.prognos.models.bundle.Names;

/**
 * Alerts: {@code GET /v1/alerts}, {@code GET /v1/alerts/{id}}, {@code POST /v1/alerts/{id}/ack}. A caller sees and
 * acknowledges only the alerts of its tenant's assets ({@link AccessControl#tenantOf}); another tenant's alert is
 * answered as no alert at all (404), and assets are named as the tenant names them.
 */
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
        Tenant tenant = AccessControl.tenantOf(ctx);
        AlertQuery q = new AlertQuery(state(ctx), name(ctx, "asset", AssetKey.ASSET_NAME).map(a -> AssetKey.of(tenant, a).id()),
                name(ctx, "model", Names.MODEL_NAME), since(ctx), delivery(ctx), io.queryInt(ctx, "limit", AlertQuery.DEFAULT_LIMIT),
                Optional.of(tenant));
        List<AlertView> found = alerts.list(q).stream().map(AlertController::view).toList();
        io.json(ctx, new AlertList(found, found.size()));
    }

    /** One alert, with its acknowledgement and deliveries. */
    public void show(Context ctx) {
        io.json(ctx, view(own(ctx, ctx.pathParam("id"))));
    }

    /** Acknowledges an alert; the body ({@code {"note": ..., "by": ...}}) is optional. Idempotent. */
    public void ack(Context ctx) {
        String id = own(ctx, ctx.pathParam("id")).id();
        AckRequest body = io.optionalBody(ctx, AckRequest.class).orElse(AckRequest.empty());
        String by = body.byName().orElseGet(() -> AccessControl.roleOf(ctx).map(r -> "key with role " + r.label()).orElse("anonymous"));
        io.json(ctx, view(alerts.ack(id, by, body.noteText())));
    }

    /** The alert {@code id} of the caller's tenant; another tenant's is no alert. */
    private AlertRecord own(Context ctx, String id) {
        Tenant tenant = AccessControl.tenantOf(ctx);
        return alerts.get(known(id)).filter(r -> AssetKey.belongsTo(r.alert().asset(), tenant)).orElseThrow(() -> unknown(id));
    }

    /** The answer's document: deliveries included, the asset named as its tenant names it. */
    private static AlertView view(AlertRecord r) {
        return AlertView.of(r, true).withAsset(AssetKey.assetOf(r.alert().asset()));
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
