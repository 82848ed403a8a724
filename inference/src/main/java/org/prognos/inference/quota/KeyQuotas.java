package org.prognos.inference.quota;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.prognos.inference.QuotasConfig;
import org.prognos.inference.TooManyRequestsException;
import org.prognos.inference.metrics.ServiceMetrics;
import org.prognos.inference.security.Caller;

/**
 * The quotas of each API key ({@code quotas} in the service config), counted per key {@link Caller#label() label}:
 * a token bucket of requests a second, one of readings a second (over every ingest and score call, counted once the
 * body is read), and a cap on the key's requests in flight. Past any of them the request is refused with a
 * {@link TooManyRequestsException} (429, {@code Retry-After}) and counted in
 * {@code prognos_quota_rejections_total{key,reason}}. A rate of 0 is no limit. Knows nothing of HTTP.
 *
 * <pre>
 * try (KeyQuotas.Permit p = quotas.admit(caller)) {   // the request's turn: rate and concurrency
 *     ReadingWindow w = ...;                           // the body, read
 *     p.readings(w.readings());                        // its readings
 *     ...
 * }
 * </pre>
 */
public final class KeyQuotas {
    /** What {@code Retry-After} says when a key has too many requests in flight: they are usually short. */
    static final long CONCURRENCY_RETRY_SECONDS = 1;

    private final QuotasConfig config;
    private final ServiceMetrics metrics;
    private final LongSupplier nanoTime;
    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();

    /** One key's buckets and requests in flight. */
    private final class Budget {
        final TokenBucket requests;
        final TokenBucket readings;
        final AtomicInteger inFlight = new AtomicInteger();

        Budget() {
            requests = bucket(config.requestsPerSecond());
            readings = bucket(config.readingsPerSecond());
        }

        private TokenBucket bucket(double perSecond) {
            return perSecond > 0 ? new TokenBucket(perSecond, Math.max(1, perSecond * config.burstSeconds()), nanoTime) : null;
        }
    }

    /**
     * Quotas as {@code config} sets them.
     *
     * @param nanoTime the clock the buckets fill by ({@code System::nanoTime})
     */
    public KeyQuotas(QuotasConfig config, ServiceMetrics metrics, LongSupplier nanoTime) {
        this.config = config;
        this.metrics = metrics;
        this.nanoTime = nanoTime;
    }

    /**
     * Admits one request of {@code caller}: one more in flight (up to {@code quotas.maxConcurrentPerKey}) and one token
     * of its requests bucket. Close the permit when the request is answered.
     *
     * @throws TooManyRequestsException when the key is over either
     */
    public Permit admit(Caller caller) {
        Budget b = budgets.computeIfAbsent(caller.label(), k -> new Budget());
        if (b.inFlight.incrementAndGet() > config.maxConcurrentPerKey()) {
            b.inFlight.decrementAndGet();
            throw refused(caller, "concurrency", "this API key ('" + caller.label() + "') has "
                    + config.maxConcurrentPerKey() + " requests in flight already (quotas.maxConcurrentPerKey)",
                    CONCURRENCY_RETRY_SECONDS);
        }
        if (b.requests != null) {
            long wait = b.requests.take(1);
            if (wait > 0) {
                b.inFlight.decrementAndGet();
                throw refused(caller, "requests", "this API key ('" + caller.label() + "') is over its "
                        + number(config.requestsPerSecond()) + " requests a second (quotas.requestsPerSecond)", seconds(wait));
            }
        }
        return new Permit(caller, b);
    }

    /** The requests {@code label} has in flight (for tests and diagnostics). */
    public int inFlight(String label) {
        Budget b = budgets.get(label);
        return b == null ? 0 : b.inFlight.get();
    }

    private TooManyRequestsException refused(Caller caller, String reason, String message, long retryAfter) {
        metrics.quotaRejected(caller.label(), reason);
        return new TooManyRequestsException(message + "; retry after " + retryAfter + " s", retryAfter);
    }

    /** Nanoseconds as whole seconds, rounded up: what {@code Retry-After} says. */
    static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** One admitted request: it charges the readings it carries, and gives its place back when closed. */
    public final class Permit implements AutoCloseable {
        private final Caller caller;
        private final Budget budget;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Permit(Caller caller, Budget budget) {
            this.caller = caller;
            this.budget = budget;
        }

        /** The key the request came with. */
        public Caller caller() {
            return caller;
        }

        /**
         * Counts {@code n} readings against the key's readings bucket.
         *
         * @throws TooManyRequestsException when the key is over {@code quotas.readingsPerSecond}; nothing is counted
         */
        public void readings(long n) {
            if (budget.readings == null || n <= 0) {
                return;
            }
            long wait = budget.readings.take(n);
            if (wait > 0) {
                throw refused(caller, "readings", "this API key ('" + caller.label() + "') is over its "
                        + number(config.readingsPerSecond()) + " readings a second (quotas.readingsPerSecond); these "
                        + n + " readings were not applied", seconds(wait));
            }
        }

        /** Gives the request's place back (once; later calls do nothing). */
        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                budget.inFlight.decrementAndGet();
            }
        }
    }
}
