package org.prognos.inference.quota;

import java.util.function.LongSupplier;

/**
 * A token bucket: it fills at {@code rate} tokens a second up to {@code capacity}, and each use takes tokens. Time
 * comes from an injected nanosecond clock, so tests step it by hand. Thread-safe.
 *
 * <p>Edge cases, written down: a use of more tokens than the bucket holds ({@code n > capacity}, a large batch of
 * readings) is admitted once the bucket is full and leaves it in debt, so it is neither refused forever nor free; the
 * wait answered for a refused use is the time until the bucket holds {@code min(n, capacity)} tokens, never less than
 * one nanosecond. A clock that steps back is taken as not moving.
 */
public final class TokenBucket {
    private static final double NANOS_PER_SECOND = 1e9;

    private final double ratePerNano;
    private final double capacity;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    /**
     * A full bucket.
     *
     * @param perSecond tokens added a second (positive)
     * @param capacity  the most tokens it holds (positive)
     * @param nanoTime  the clock, in nanoseconds ({@code System::nanoTime})
     */
    public TokenBucket(double perSecond, double capacity, LongSupplier nanoTime) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond) || !(capacity > 0) || Double.isInfinite(capacity)) {
            throw new IllegalArgumentException("a token bucket needs a positive, finite rate and capacity, found " + perSecond
                    + "/s and " + capacity);
        }
        this.ratePerNano = perSecond / NANOS_PER_SECOND;
        this.capacity = capacity;
        this.nanoTime = nanoTime;
        this.tokens = capacity;
        this.last = nanoTime.getAsLong();
    }

    /**
     * Takes {@code n} tokens when the bucket holds them (or is full, for {@code n} over its capacity).
     *
     * @return 0 when taken; else the nanoseconds until it would be, and nothing is taken
     */
    public synchronized long take(double n) {
        long now = nanoTime.getAsLong();
        if (now > last) {
            tokens = Math.min(capacity, tokens + (now - last) * ratePerNano);
            last = now;
        }
        double needed = Math.min(n, capacity);
        if (tokens >= needed) {
            tokens -= n;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((needed - tokens) / ratePerNano));
    }

    /** The tokens held now (for tests and diagnostics). */
    public synchronized double tokens() {
        take(0);
        return tokens;
    }

    /** The most tokens it holds. */
    public double capacity() {
        return capacity;
    }
}
