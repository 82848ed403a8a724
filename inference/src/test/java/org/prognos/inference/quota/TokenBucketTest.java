package org.prognos.inference.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.prognos.inference.QuotasConfig;
import org.prognos.inference.TooManyRequestsException;
import org.prognos.inference.metrics.ServiceMetrics;
import org.prognos.inference.security.Caller;
import org.prognos.inference.security.Role;
import org.prognos.inference.tenant.Tenant;

/** Token buckets and per-key quotas on a clock the test steps by hand. */
class TokenBucketTest {
    static final long SECOND = 1_000_000_000L;
    /** Tokens are doubles: a refill by a fraction of a second may be off by a rounding. */
    static final double TOKENS = 1e-9;

    final AtomicLong clock = new AtomicLong(42 * SECOND);

    @Test
    void a_full_bucket_admits_its_capacity_then_answers_the_wait_until_the_next_token() {
        TokenBucket b = new TokenBucket(2, 4, clock::get);
        for (int i = 0; i < 4; i++) {
            assertEquals(0, b.take(1), "use " + i);
        }
        assertEquals(SECOND / 2, b.take(1), "2 tokens a second: the next in half a second");
        clock.addAndGet(SECOND / 4);
        assertEquals(SECOND / 4, b.take(1), "a refused use takes nothing");
        clock.addAndGet(SECOND / 4);
        assertEquals(0, b.take(1));
        assertEquals(0, b.tokens(), TOKENS);
    }

    @Test
    void it_never_holds_more_than_its_capacity_and_a_clock_stepping_back_adds_nothing() {
        TokenBucket b = new TokenBucket(10, 5, clock::get);
        clock.addAndGet(3600 * SECOND);
        assertEquals(5, b.tokens(), TOKENS);
        assertEquals(0, b.take(5));
        clock.addAndGet(-10 * SECOND);
        assertEquals(0, b.tokens(), TOKENS);
        clock.addAndGet(10 * SECOND + SECOND / 10);
        assertEquals(1, b.tokens(), TOKENS);
    }

    @Test
    void a_use_larger_than_the_bucket_passes_when_it_is_full_and_leaves_it_in_debt() {
        TokenBucket b = new TokenBucket(10, 5, clock::get);
        assertEquals(0, b.take(20), "refused forever otherwise");
        assertEquals(-15, b.tokens(), TOKENS);
        assertEquals(16 * SECOND / 10, b.take(1), "16 tokens short at 10 a second");
        clock.addAndGet(2 * SECOND);
        assertEquals(0, b.take(5));
        assertTrue(b.take(20) > 0, "a large use waits for a full bucket");
    }

    @Test
    void a_bucket_needs_a_positive_finite_rate_and_capacity() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, clock::get));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, Double.POSITIVE_INFINITY, clock::get));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(Double.NaN, 1, clock::get));
    }

    @Test
    void retry_after_is_the_wait_rounded_up_to_whole_seconds() {
        assertEquals(1, KeyQuotas.seconds(1));
        assertEquals(1, KeyQuotas.seconds(SECOND));
        assertEquals(2, KeyQuotas.seconds(SECOND + 1));
        assertEquals(30, KeyQuotas.seconds(29 * SECOND + SECOND / 2));
    }

    @Test
    void each_key_has_its_own_requests_readings_and_concurrency_and_a_refusal_is_counted_under_its_label() {
        ServiceMetrics metrics = new ServiceMetrics();
        KeyQuotas quotas = new KeyQuotas(new QuotasConfig(1, 10, 2, 3, 1.0), metrics, clock::get);
        Caller dash = new Caller("dashboard", Role.SCORE, Tenant.of("acme"));
        Caller other = new Caller("key-0a1b2c3d", Role.SCORE, Tenant.DEFAULT);

        KeyQuotas.Permit first = quotas.admit(dash);
        KeyQuotas.Permit second = quotas.admit(dash);
        TooManyRequestsException rate = assertThrows(TooManyRequestsException.class, () -> quotas.admit(dash));
        assertEquals(1, rate.retryAfterSeconds(), "1 request a second, a burst of 2 spent");
        assertTrue(rate.getMessage().contains("'dashboard'") && rate.getMessage().contains("quotas.requestsPerSecond"), rate.getMessage());
        assertEquals(2, quotas.inFlight("dashboard"), "a refused request holds no place");
        quotas.admit(other).close();

        clock.addAndGet(5 * SECOND);
        KeyQuotas.Permit third = quotas.admit(dash);
        TooManyRequestsException busy = assertThrows(TooManyRequestsException.class, () -> quotas.admit(dash));
        assertTrue(busy.getMessage().contains("3 requests in flight"), busy.getMessage());
        assertEquals(1, busy.retryAfterSeconds());
        assertEquals(3, quotas.inFlight("dashboard"));
        first.close();
        first.close();
        assertEquals(2, quotas.inFlight("dashboard"), "closing twice gives one place back");

        second.readings(20);   // a full bucket of 20 admits 20
        TooManyRequestsException readings = assertThrows(TooManyRequestsException.class, () -> second.readings(5));
        assertEquals(1, readings.retryAfterSeconds(), "5 readings at 10 a second");
        clock.addAndGet(SECOND / 2);
        second.readings(5);
        second.close();
        third.close();
        assertEquals(0, quotas.inFlight("dashboard"));

        String scrape = new String(metrics.scrape(), java.nio.charset.StandardCharsets.UTF_8);
        for (String reason : new String[] {"requests", "concurrency", "readings"}) {
            assertTrue(scrape.contains("prognos_quota_rejections_total{key=\"dashboard\",reason=\"" + reason + "\"} 1.0"), scrape);
        }
        assertTrue(!scrape.contains("key=\"key-0a1b2c3d\""), scrape);
    }

    @Test
    void rates_of_zero_are_no_limit() {
        KeyQuotas quotas = new KeyQuotas(QuotasConfig.defaults(), new ServiceMetrics(), clock::get);
        for (int i = 0; i < 10_000; i++) {
            try (KeyQuotas.Permit p = quotas.admit(Caller.ANONYMOUS)) {
                p.readings(1_000_000);
            }
        }
        assertEquals(0, quotas.inFlight("anonymous"));
    }
}
