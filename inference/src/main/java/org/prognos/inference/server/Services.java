package org.prognos.inference.server;

import org.prognos.inference.Lifecycle;
import org.prognos.inference.alerts.AlertService;
import org.prognos.inference.catalog.ModelService;
import org.prognos.inference.drift.DriftMonitor;
import org.prognos.inference.history.RecentHistory;
import org.prognos.inference.metrics.ServiceMetrics;
import org.prognos.inference.scoring.ScoringService;
import org.prognos.inference.security.ApiKeys;
import org.prognos.inference.state.StreamingService;

/**
 * What the HTTP layer needs: the services behind the controllers, the keys, the metrics and the lifecycle.
 *
 * @param scoring   window scoring
 * @param streaming streaming state, asset scores and the at-risk list
 * @param models    model metadata and reloads
 * @param keys      API keys
 * @param metrics   Prometheus metrics
 * @param lifecycle readiness
 * @param alerts    alerts: trackers, history, acknowledgements, deliveries
 * @param drift     each model's live inputs against its training profile
 * @param history   each recently scored asset's last scores and readings, for the live page
 */
public record Services(ScoringService scoring, StreamingService streaming, ModelService models, ApiKeys keys,
                       ServiceMetrics metrics, Lifecycle lifecycle, AlertService alerts,
                       DriftMonitor drift, RecentHistory history) {
}
