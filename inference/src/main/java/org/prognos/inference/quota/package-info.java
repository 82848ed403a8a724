/**
 * How much each API key may ask of the service: token buckets of requests and readings a second and a cap on requests
 * in flight ({@link org.prognos.inference.quota.KeyQuotas}, {@link org.prognos.inference.quota.TokenBucket}), set in
 * the {@code quotas} section of the service config. A key over a quota gets a 429 with {@code Retry-After}. No HTTP
 * here: the HTTP layer admits each request and charges the readings it read.
 */
package org.prognos.inference.quota;
