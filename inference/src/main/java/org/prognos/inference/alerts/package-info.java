/**
 * Alerts: the live rule ({@link org.prognos.live.alert}) applied to every asset the service scores, the alert
 * history kept durably, and delivery at least once to each destination.
 *
 * <p>{@link org.prognos.inference.alerts.AlertService} keeps one tracker per (asset, model). The streaming path
 * calls {@code observe} for each score (no I/O), {@code record} to add the alert records, tracker states and one
 * outbox entry per destination to the batch it is about to write to the {@link org.prognos.inference.store.StateDb},
 * and {@code committed} once that batch is on disk, which hands the entries to the delivery workers. An event is
 * thus either in the outbox on disk or not caused at all: a crash loses no delivery, and a restart
 * ({@code recover}) reopens no alert, since a tracker restored from the store ignores scores it has already seen.
 *
 * <p>{@link org.prognos.inference.alerts.Outbox} delivers each destination's events of one asset in order, one at a
 * time, retrying with exponential backoff and full jitter ({@link org.prognos.inference.alerts.RetryPolicy}) and
 * dead-lettering after the last attempt; the outcome of each (alert, event, destination) is kept beside the alert.
 * Destinations implement {@link org.prognos.inference.alerts.AlertDestination}: {@link
 * org.prognos.inference.alerts.WebhookDestination} posts signed JSON; the MQTT publisher lives with the MQTT client.
 *
 * <p>The package knows no HTTP server: the routes over it are in {@code org.prognos.inference.http}.
 */
package org.prognos.inference.alerts;
