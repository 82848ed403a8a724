package org.prognos.inference.alerts;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Retries with exponential backoff and full jitter: after the n-th failed attempt the next one waits a uniformly
 * random time in [0, min(max, initial × 2^(n−1))], so many senders retrying against one receiver that came back spread
 * out instead of arriving together. After {@code maxAttempts} attempts the event is dead-lettered.
 *
 * @param maxAttempts    attempts in all (at least 1)
 * @param initialBackoff the ceiling after the first failure
 * @param maxBackoff     the largest ceiling
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, found " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoffs must be positive with max ≥ initial, found " + initialBackoff
                    + " and " + maxBackoff);
        }
    }

    /**
     * 12 attempts, backoff ceilings from 1 s doubling up to 5 min: the 11 waits' ceilings add up to 1,111 s (about
     * 18 min), so a destination down for about 9 min (the waits' expected sum) or more has its events dead-lettered.
     */
    public static RetryPolicy defaults() {
        return new RetryPolicy(12, Duration.ofSeconds(1), Duration.ofMinutes(5));
    }

    /** The backoff ceiling after {@code failed} failed attempts (1 or more). */
    public Duration ceiling(int failed) {
        int doublings = Math.min(Math.max(failed, 1) - 1, 40);
        long millis = initialBackoff.toMillis() << doublings;
        return millis <= 0 || millis > maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis(millis);
    }

    /** The wait before the next attempt after {@code failed} failed attempts: uniform in [0, ceiling]. */
    public Duration delay(int failed, RandomGenerator random) {
        long ceiling = ceiling(failed).toMillis();
        return Duration.ofMillis(ceiling == 0 ? 0 : random.nextLong(ceiling + 1));
    }
}
