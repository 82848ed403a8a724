package org.prognos.inference.alerts;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.prognos.inference.InvalidRequestException;
import org.prognos.inference.tenant.AssetKey;
import org.prognos.inference.tenant.Tenant;

/**
 * Which alerts to list, newest opening first.
 *
 * @param state    open, closed or all
 * @param asset    only this asset's (its {@link AssetKey#id() id})
 * @param model    only this model's
 * @param since    only those opened, closed or acknowledged at or after this time (service clock)
 * @param delivery only those with a delivery in this outcome (say {@code dead}: the dead letters)
 * @param limit    at most this many (1 to {@value #MAX_LIMIT})
 * @param tenant   only the alerts of this tenant's assets (empty: every tenant's)
 */
public record AlertQuery(State state, Optional<String> asset, Optional<String> model, Optional<Instant> since,
                         Optional<DeliveryStatus.Outcome> delivery, int limit, Optional<Tenant> tenant) {
    /** The most alerts one query answers. */
    public static final int MAX_LIMIT = 1000;
    /** Alerts answered when no limit is given. */
    public static final int DEFAULT_LIMIT = 100;

    /** Which alerts by state. */
    public enum State {
        /** Open alerts only. */
        OPEN,
        /** Closed alerts only. */
        CLOSED,
        /** Both. */
        ALL;

        boolean admits(AlertRecord r) {
            return this == ALL || (this == OPEN) == r.isOpen();
        }

        /** The state named {@code text} ({@code open}, {@code closed} or {@code all}). */
        public static Optional<State> parse(String text) {
            for (State s : values()) {
                if (s.name().toLowerCase(Locale.ROOT).equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    public AlertQuery {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(tenant, "tenant");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("'limit' must be between 1 and " + MAX_LIMIT + ", found " + limit);
        }
    }

    /** A query over every tenant's alerts. */
    public AlertQuery(State state, Optional<String> asset, Optional<String> model, Optional<Instant> since,
                      Optional<DeliveryStatus.Outcome> delivery, int limit) {
        this(state, asset, model, since, delivery, limit, Optional.empty());
    }

    /** Up to {@value #DEFAULT_LIMIT} alerts in {@code state}. */
    public static AlertQuery of(State state) {
        return new AlertQuery(state, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_LIMIT);
    }

    /** Whether {@code r} is one of the alerts asked for. */
    public boolean admits(AlertRecord r) {
        return state.admits(r) && asset.map(r.alert().asset()::equals).orElse(true)
                && tenant.map(t -> AssetKey.belongsTo(r.alert().asset(), t)).orElse(true)
                && model.map(r.alert().model()::equals).orElse(true)
                && since.map(s -> !r.updatedAt().isBefore(s)).orElse(true)
                && delivery.map(o -> r.deliveries().stream().anyMatch(d -> d.outcome() == o)).orElse(true);
    }
}
