package org.prognos.inference.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.DoubleSupplier;

/**
 * The service's Prometheus metrics, in a registry of its own (no global state, so tests can run several
 * services in one JVM). Exposed in the Prometheus text format by {@link #scrape()}.
 *
 * <table>
 * <caption>Metrics</caption>
 * <tr><td>{@code prognos_http_requests_total{route,method,status}}</td><td>requests answered, by route template</td></tr>
 * <tr><td>{@code prognos_http_request_duration_seconds{route,method}}</td><td>latency histogram</td></tr>
 * <tr><td>{@code prognos_http_requests_in_flight}</td><td>requests being served</td></tr>
 * <tr><td>{@code prognos_http_connections_rejected_total{reason}}</td><td>connections closed on arrival
 * ({@code per-address}: past {@code clients.maxConnectionsPerAddress})</td></tr>
 * <tr><td>{@code prognos_http_requests_cut_total{reason}}</td><td>requests whose body did not arrive: {@code slow}
 * (under {@code clients.minRequestBytesPerSecond}), {@code deadline} (past {@code clients.readDeadlineSeconds}),
 * {@code incomplete} (the connection failed or closed), {@code too-large} (a chunked body past the limit)</td></tr>
 * <tr><td>{@code prognos_scores_total{model,band}}</td><td>scores answered, by risk band</td></tr>
 * <tr><td>{@code prognos_model_reloads_total{model}}</td><td>successful reloads (a new bundle swapped in)</td></tr>
 * <tr><td>{@code prognos_model_reload_failures_total{model,reason}}</td><td>refused bundles, at start, on reload and on
 * retry: integrity, format, missing, smoke-test, other, and with a trust list unsigned, unknown-key, bad-signature,
 * uncovered-file, malformed-signature</td></tr>
 * <tr><td>{@code prognos_model_version{model}}</td><td>the version being served</td></tr>
 * <tr><td>{@code prognos_model_serving{model}}</td><td>1 while the model is served, 0 while it is configured but its
 * bundle was refused</td></tr>
 * <tr><td>{@code prognos_asset_states}, {@code prognos_asset_state_bytes}</td><td>tracked assets and their estimated heap</td></tr>
 * <tr><td>{@code prognos_asset_states_evicted_total{reason}}</td><td>evicted asset states (capacity, idle)</td></tr>
 * <tr><td>{@code prognos_readings_ingested_total}</td><td>streamed readings accepted</td></tr>
 * <tr><td>{@code prognos_mqtt_messages_total{outcome}}</td><td>MQTT messages: applied, duplicate (a redelivery
 * already applied), rejected</td></tr>
 * <tr><td>{@code prognos_mqtt_rejected_total{reason}}</td><td>MQTT messages dead-lettered, by reason</td></tr>
 * <tr><td>{@code prognos_mqtt_connected}</td><td>1 while connected to the broker</td></tr>
 * <tr><td>{@code prognos_state_commit_seconds}</td><td>time to make a commit of readings durable (one fsync)</td></tr>
 * <tr><td>{@code prognos_alerts_opened_total{model}}, {@code prognos_alerts_closed_total{model}}</td><td>alerts opened and closed</td></tr>
 * <tr><td>{@code prognos_alerts_open}</td><td>alerts open now</td></tr>
 * <tr><td>{@code prognos_alert_deliveries_total{destination,outcome}}</td><td>delivery attempts' outcomes: delivered, retried, dead</td></tr>
 * <tr><td>{@code prognos_alert_delivery_seconds{destination}}</td><td>from the event's hand-over to its delivery, retries included</td></tr>
 * <tr><td>{@code prognos_alert_deliveries_pending}</td><td>events waiting in the outbox</td></tr>
 * <tr><td>{@code prognos_feature_drift_psi{model,feature}}, {@code prognos_feature_drift_ks{model,feature}}</td><td>each
 * input feature's population stability index and KS distance, live window against the training profile, as last
 * evaluated (features of served models with a profile only, so the label set is bounded by their columns)</td></tr>
 * <tr><td>{@code prognos_model_drift_features{model,status}}</td><td>how many of a model's features are stable, moderate,
 * drifted</td></tr>
 * </table>
 */
public final class ServiceMetrics {
    private static final double[] LATENCY_BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    /** Delivery takes milliseconds when the destination is up and minutes to hours through retries when it is not. */
    private static final double[] DELIVERY_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = new PrometheusTextFormatWriter(false);
    private final Counter requests;
    private final Histogram latency;
    private final Gauge inFlight;
    private final Counter connectionsRejected;
    private final Counter requestsCut;
    private final Counter scores;
    private final Counter reloads;
    private final Counter reloadFailures;
    private final Gauge modelVersion;
    private final Gauge modelServing;
    private final Counter evictions;
    private final Counter readings;
    private final Counter mqttMessages;
    private final Counter mqttRejected;
    private final Counter quotaRejections;
    private final Gauge mqttConnected;
    private final Histogram commitSeconds;
    private final Counter alertsOpened;
    private final Counter alertsClosed;
    private final Gauge alertsOpen;
    private final Counter alertDeliveries;
    private final Histogram alertDeliverySeconds;
    private final Gauge alertDeliveriesPending;
    private final Gauge driftPsi;
    private final Gauge driftKs;
    private final Gauge driftFeatures;

    public ServiceMetrics() {
        requests = Counter.builder().name("prognos_http_requests_total").help("HTTP requests answered, by route template")
                .labelNames("route", "method", "status").withoutExemplars().register(registry);
        latency = Histogram.builder().name("prognos_http_request_duration_seconds").help("HTTP request latency")
                .unit(Unit.SECONDS).labelNames("route", "method").classicOnly().classicUpperBounds(LATENCY_BUCKETS)
                .withoutExemplars().register(registry);
        inFlight = Gauge.builder().name("prognos_http_requests_in_flight").help("HTTP requests being served")
                .withoutExemplars().register(registry);
        connectionsRejected = Counter.builder().name("prognos_http_connections_rejected_total")
                .help("Connections closed on arrival, by reason (per-address: over clients.maxConnectionsPerAddress)")
                .labelNames("reason").withoutExemplars().register(registry);
        requestsCut = Counter.builder().name("prognos_http_requests_cut_total")
                .help("Requests whose body did not arrive, by reason: slow, deadline, incomplete, too-large")
                .labelNames("reason").withoutExemplars().register(registry);
        scores = Counter.builder().name("prognos_scores_total").help("Scores answered, by model and risk band")
                .labelNames("model", "band").withoutExemplars().register(registry);
        reloads = Counter.builder().name("prognos_model_reloads_total").help("Model reloads that swapped in a new bundle")
                .labelNames("model").withoutExemplars().register(registry);
        reloadFailures = Counter.builder().name("prognos_model_reload_failures_total")
                .help("Bundles refused at start, on reload or on retry; a version already served keeps serving").labelNames("model", "reason")
                .withoutExemplars().register(registry);
        modelVersion = Gauge.builder().name("prognos_model_version").help("Registry version being served")
                .labelNames("model").withoutExemplars().register(registry);
        modelServing = Gauge.builder().name("prognos_model_serving")
                .help("1 while the model is served, 0 while it is configured but its bundle was refused")
                .labelNames("model").withoutExemplars().register(registry);
        evictions = Counter.builder().name("prognos_asset_states_evicted_total").help("Streaming asset states evicted")
                .labelNames("reason").withoutExemplars().register(registry);
        readings = Counter.builder().name("prognos_readings_ingested_total").help("Streamed readings accepted")
                .withoutExemplars().register(registry);
        quotaRejections = Counter.builder().name("prognos_quota_rejections_total")
                .help("Requests refused with 429, by API key label and quota (requests, readings, concurrency)")
                .labelNames("key", "reason").withoutExemplars().register(registry);
        mqttMessages = Counter.builder().name("prognos_mqtt_messages_total").help("MQTT messages received, by outcome")
                .labelNames("outcome").withoutExemplars().register(registry);
        mqttRejected = Counter.builder().name("prognos_mqtt_rejected_total")
                .help("MQTT messages republished to the dead-letter topic, by reason").labelNames("reason")
                .withoutExemplars().register(registry);
        mqttConnected = Gauge.builder().name("prognos_mqtt_connected").help("1 while connected to the MQTT broker")
                .withoutExemplars().register(registry);
        commitSeconds = Histogram.builder().name("prognos_state_commit_seconds")
                .help("Time to make a commit of streamed readings durable").unit(Unit.SECONDS).classicOnly()
                .classicUpperBounds(LATENCY_BUCKETS).withoutExemplars().register(registry);
        alertsOpened = Counter.builder().name("prognos_alerts_opened_total").help("Alerts opened, by model")
                .labelNames("model").withoutExemplars().register(registry);
        alertsClosed = Counter.builder().name("prognos_alerts_closed_total").help("Alerts closed, by model")
                .labelNames("model").withoutExemplars().register(registry);
        driftPsi = Gauge.builder().name("prognos_feature_drift_psi")
                .help("Population stability index of a model input, live window against the training profile")
                .labelNames("model", "feature").withoutExemplars().register(registry);
        driftKs = Gauge.builder().name("prognos_feature_drift_ks")
                .help("Kolmogorov-Smirnov distance of a model input, live window against the training profile")
                .labelNames("model", "feature").withoutExemplars().register(registry);
        driftFeatures = Gauge.builder().name("prognos_model_drift_features")
                .help("A model's input features by drift status: stable, moderate, drifted")
                .labelNames("model", "status").withoutExemplars().register(registry);
        alertsOpen = Gauge.builder().name("prognos_alerts_open").help("Alerts open now").withoutExemplars().register(registry);
        alertDeliveries = Counter.builder().name("prognos_alert_deliveries_total")
                .help("Alert delivery attempts by outcome: delivered, retried (failed, will try again), dead (gave up)")
                .labelNames("destination", "outcome").withoutExemplars().register(registry);
        alertDeliverySeconds = Histogram.builder().name("prognos_alert_delivery_seconds")
                .help("Time from an alert event's hand-over to its delivery, retries included").unit(Unit.SECONDS)
                .labelNames("destination").classicOnly().classicUpperBounds(DELIVERY_BUCKETS).withoutExemplars().register(registry);
        alertDeliveriesPending = Gauge.builder().name("prognos_alert_deliveries_pending")
                .help("Alert events waiting in the outbox for a destination").withoutExemplars().register(registry);
    }

    public void mqttMessage(String outcome) {
        mqttMessages.labelValues(outcome).inc();
    }

    /** A request of the key labelled {@code key} refused for being over the quota {@code reason}. */
    public void quotaRejected(String key, String reason) {
        quotaRejections.labelValues(key, reason).inc();
    }

    public void mqttRejected(String reason) {
        mqttRejected.labelValues(reason).inc();
        mqttMessages.labelValues("rejected").inc();
    }

    public void mqttConnected(boolean up) {
        mqttConnected.set(up ? 1 : 0);
    }

    public void committed(long nanos) {
        commitSeconds.observe(Unit.nanosToSeconds(nanos));
    }

    /** Reports the tracked assets and their estimated bytes at each scrape. */
    public void trackAssetStates(DoubleSupplier count, DoubleSupplier bytes) {
        GaugeWithCallback.builder().name("prognos_asset_states").help("Assets with streaming state")
                .callback(cb -> cb.call(count.getAsDouble())).register(registry);
        GaugeWithCallback.builder().name("prognos_asset_state_bytes").help("Estimated heap held by streaming asset states")
                .unit(Unit.BYTES).callback(cb -> cb.call(bytes.getAsDouble())).register(registry);
    }

    /** A connection was closed on arrival for {@code reason}. */
    public void connectionRejected(String reason) {
        connectionsRejected.labelValues(reason).inc();
    }

    /** A request's body was cut off for {@code reason}. */
    public void requestCut(String reason) {
        requestsCut.labelValues(reason).inc();
    }

    public void requestStarted() {
        inFlight.inc();
    }

    public void requestFinished(String route, String method, int status, long nanos) {
        inFlight.dec();
        requests.labelValues(route, method, Integer.toString(status)).inc();
        latency.labelValues(route, method).observe(Unit.nanosToSeconds(nanos));
    }

    public void scored(String model, String band) {
        scores.labelValues(model, band).inc();
    }

    public void reloaded(String model, int version) {
        reloads.labelValues(model).inc();
        modelVersion.labelValues(model).set(version);
    }

    public void loaded(String model, int version) {
        modelVersion.labelValues(model).set(version);
        modelServing.labelValues(model).set(1);
    }

    /** The model is configured, but its bundle was refused: nothing of it is served. */
    public void notServed(String model) {
        modelServing.labelValues(model).set(0);
    }

    /** The model is no longer meant to be served: its series go. */
    public void forget(String model) {
        modelServing.remove(model);
        modelVersion.remove(model);
    }

    public void reloadFailed(String model, String reason) {
        reloadFailures.labelValues(model, reason).inc();
    }

    public void evicted(String reason, int n) {
        evictions.labelValues(reason).inc(n);
    }

    public void ingested(int n) {
        readings.inc(n);
    }

    public void alertOpened(String model) {
        alertsOpened.labelValues(model).inc();
    }

    public void alertClosed(String model) {
        alertsClosed.labelValues(model).inc();
    }

    /** Publishes a model's drift as just judged. */
    public void drift(String model, org.prognos.models.drift.DriftVerdict.Judged judged) {
        for (org.prognos.models.drift.FeatureDrift f : judged.features()) {
            driftPsi.labelValues(model, f.feature()).set(f.psi());
            driftKs.labelValues(model, f.feature()).set(Double.isNaN(f.ks()) ? 0 : f.ks());
        }
        for (org.prognos.models.drift.DriftStatus s : org.prognos.models.drift.DriftStatus.values()) {
            driftFeatures.labelValues(model, s.label()).set(judged.at(s).size());
        }
    }

    /** Withdraws a model's drift series (it was unloaded, or its new version has other features or no judgement yet). */
    public void forgetDrift(String model, java.util.List<String> features) {
        for (String f : features) {
            driftPsi.remove(model, f);
            driftKs.remove(model, f);
        }
        for (org.prognos.models.drift.DriftStatus s : org.prognos.models.drift.DriftStatus.values()) {
            driftFeatures.remove(model, s.label());
        }
    }

    public void alertsOpen(int n) {
        alertsOpen.set(n);
    }

    /** An event reached {@code destination}, {@code nanos} after it was handed over. */
    public void alertDelivered(String destination, long nanos) {
        alertDeliveries.labelValues(destination, "delivered").inc();
        alertDeliverySeconds.labelValues(destination).observe(Unit.nanosToSeconds(nanos));
    }

    /** An attempt failed and will be retried. */
    public void alertRetried(String destination) {
        alertDeliveries.labelValues(destination, "retried").inc();
    }

    /** An event was dead-lettered after its last attempt. */
    public void alertDead(String destination) {
        alertDeliveries.labelValues(destination, "dead").inc();
    }

    public void alertDeliveriesPending(int n) {
        alertDeliveriesPending.set(n);
    }

    /** The content type of {@link #scrape()}. */
    public String contentType() {
        return writer.getContentType();
    }

    /** Every metric in the Prometheus text exposition format. */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
