/**
 * Prometheus metrics of the scoring service (request rate and latency per route, scores per risk band, model
 * reloads and refusals, asset-state evictions, alerts and their deliveries), kept with the Prometheus Java client in
 * a registry owned by the service and written in the standard text exposition format.
 */
package org.prognos.inference.metrics;
