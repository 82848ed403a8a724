package org.prognos.inference;

import static org.prognos.inference.ConfigChecks.or;
import static org.prognos.inference.ConfigChecks.positive;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code quotas} section of the service config: per-key token-bucket rate limits (429 with {@code Retry-After}
 * past them), concurrent requests, and each tenant's share of the asset-state memory budget. A key's tenant (its asset
 * namespace) is named in the key file; keys without one share the {@code default} tenant. Its own file because its
 * fields bound one another (two rates that may be 0 for unlimited, a share of {@link StateConfig#maxBytes}).
 *
 * @param requestsPerSecond   requests per second per key (0: unlimited, the default)
 * @param readingsPerSecond   readings per second per key, over every ingest and score call (0: unlimited)
 * @param burstSeconds        how many seconds of either rate a bucket holds for bursts (2)
 * @param maxConcurrentPerKey most requests one key has in flight at once (32)
 * @param tenantShare         the largest share of {@code state.maxBytes} one tenant's assets may take (1.0);
 *                            past it that tenant's own least recently used assets are evicted
 */
public record QuotasConfig(double requestsPerSecond, double readingsPerSecond, double burstSeconds, int maxConcurrentPerKey,
                           double tenantShare) {
    public QuotasConfig {
        if (!(requestsPerSecond >= 0) || !(readingsPerSecond >= 0)) {
            throw new InvalidConfigException("'quotas.requestsPerSecond' and 'quotas.readingsPerSecond' must not be negative");
        }
        positive("quotas.burstSeconds", burstSeconds);
        positive("quotas.maxConcurrentPerKey", maxConcurrentPerKey);
        if (!(tenantShare > 0 && tenantShare <= 1)) {
            throw new InvalidConfigException("'quotas.tenantShare' must be in (0, 1], found " + tenantShare);
        }
    }

    @JsonCreator
    static QuotasConfig of(@JsonProperty("requestsPerSecond") Double requests, @JsonProperty("readingsPerSecond") Double readings,
                           @JsonProperty("burstSeconds") Double burst, @JsonProperty("maxConcurrentPerKey") Integer concurrent,
                           @JsonProperty("tenantShare") Double share) {
        QuotasConfig d = defaults();
        return new QuotasConfig(or(requests, d.requestsPerSecond), or(readings, d.readingsPerSecond), or(burst, d.burstSeconds),
                or(concurrent, d.maxConcurrentPerKey), or(share, d.tenantShare));
    }

    public static QuotasConfig defaults() {
        return new QuotasConfig(0, 0, 2, 32, 1.0);
    }
}
