/**
 * Alerts to webhooks, signed as the service signs them ({@link org.prognos.live.alert.WebhookSignature}), at least
 * once through the job's checkpoints: {@link org.prognos.flink.webhook.WebhookSink}.
 */
package org.prognos.flink.webhook;
