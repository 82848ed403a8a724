package org.prognos.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;

/**
 * Times at the extremes of every accepted format, on every route that reads them (window score, batch, streaming
 * readings and events, {@code asOf}): each is a clear 400 naming its field, never a 200 with a wrong time and never a
 * 500. A reading dated past the service's clock by more than {@code limits.maxFutureSkewSeconds} cannot poison an
 * asset.
 */
class TimeExtremesTest {
    static final TimeAxis AXIS = TimeAxis.Timestamps.utc();
    /** Cycle times no cycle axis accepts: past a long, past 2^53, negative, not numbers at all. */
    static final List<Object> BAD_CYCLES = List.of(9223372036854775807L, "9223372036854775808", 1.7976931348623157E308, "1e400",
            "NaN", "Infinity", "-Infinity", -1, "-9223372036854775808", 9007199254740993L, "1.5");
    /** Clock times no clock axis accepts: beyond a long of microseconds, before year 1, far ahead, not times. */
    static final List<Object> BAD_TIMESTAMPS = List.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
            "+294248-01-01T00:00:00Z", "0000-12-31T23:59:59Z", "9999-12-31T23:59:59Z", "2200-01-01 00:00:00",
            99999999999999999L, "99999999999999999999", 1.7976931348623157E308, "NaN", "Infinity");

    @TempDir
    static Path dir;
    static Server server;
    static Http http;

    @BeforeAll
    static void start() {
        TestModels.fullRegistry(dir.resolve("registry"));
        server = TestServers.start(dir.resolve("registry"));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<Map<String, Object>> cycles(Object... times) {
        List<Map<String, Object>> r = new ArrayList<>();
        for (Object t : times) {
            r.add(Map.of("time", t, "values", Map.of("temp", 55, "vib", 60)));
        }
        return r;
    }

    /** Asserts a 400 problem whose detail names {@code field} and returns the detail. */
    static String refused(Http.Response r, String field, Object value) {
        assertEquals(400, r.status(), value + ": " + r.body());
        String detail = r.json().at("/detail").asText();
        assertTrue(detail.startsWith(field + ": "), value + " should name " + field + ": " + detail);
        return detail;
    }

    @Test
    void cycles_past_a_long_or_two_to_the_53_negative_or_not_numbers_are_refused_on_every_route() {
        for (Object bad : BAD_CYCLES) {
            refused(http.post("/v1/models/pump/score", Map.of("readings", cycles(1, 2, bad))), "readings[2].time", bad);
            refused(http.post("/v1/models/pump/score", Map.of("readings", cycles(1, 2), "asOf", bad)), "asOf", bad);
            refused(http.post("/v1/models/pump/score-batch", Map.of("assets", List.of(Map.of("readings", cycles(1)),
                    Map.of("readings", cycles(1, 2, bad))))), "assets[1].readings[2].time", bad);
            refused(http.post("/v1/assets/engine-x/readings?model=pump", Map.of("readings", cycles(bad))), "readings[0].time", bad);
            refused(http.post("/v1/assets/engine-x/readings?model=pump", Map.of("readings", cycles(1),
                    "events", List.of(Map.of("kind", "maintenance", "code", "comp1", "time", bad)))), "events[0].time", bad);
        }
        assertEquals(404, http.get("/v1/assets/engine-x/features").status(), "nothing was applied");
        String negative = refused(http.post("/v1/models/pump/score", Map.of("readings", cycles(-3))), "readings[0].time", -3);
        assertTrue(negative.contains("negative"), negative);
        JsonNode ok = http.post("/v1/models/pump/score", Map.of("readings", cycles(0, 9007199254740991L), "asOf", 9007199254740992L)).json();
        assertEquals("9007199254740992", ok.at("/scoredAt").asText(), "the largest accepted cycle scores at itself: " + ok);
    }

    @Test
    void clock_times_beyond_a_long_before_year_one_or_past_the_skew_are_refused_on_every_route() {
        String last = "2015-11-10 06:00:00";
        long t = AXIS.parse(last);
        List<Map<String, Object>> window = TestModels.azureReadings("55", t - 5 * 3_600_000_000L, t + 1);
        for (Object bad : BAD_TIMESTAMPS) {
            List<Map<String, Object>> poisoned = new ArrayList<>(window);
            Map<String, Object> r = new LinkedHashMap<>(poisoned.get(poisoned.size() - 1));
            r.put("time", bad);
            poisoned.set(poisoned.size() - 1, r);
            String field = "readings[" + (poisoned.size() - 1) + "].time";
            refused(http.post("/v1/models/azure-24h/score", Map.of("readings", poisoned)), field, bad);
            refused(http.post("/v1/models/azure-24h/score", Map.of("readings", window, "asOf", bad)), "asOf", bad);
            refused(http.post("/v1/models/azure-24h/score-batch", Map.of("assets", List.of(Map.of("readings", poisoned)))),
                    "assets[0]." + field, bad);
            refused(http.post("/v1/assets/machine-x/readings?model=azure-24h", Map.of("readings", List.of(r))), "readings[0].time", bad);
        }
        String future = refused(http.post("/v1/models/azure-24h/score", Map.of("readings", window, "asOf", "2200-01-01T00:00:00Z")),
                "asOf", "2200");
        assertTrue(future.contains("in the future") && future.contains("limits.maxFutureSkewSeconds"), future);
        assertTrue(refused(http.post("/v1/models/azure-24h/score", Map.of("readings", window, "asOf", "+999999999-12-31T23:59:59Z")),
                "asOf", "max").contains("out of range"));
        Http.Response fine = http.post("/v1/models/azure-24h/score", Map.of("readings", window, "asOf", "2015-11-10 07:00:00"));
        assertEquals(200, fine.status(), fine.body());
        assertEquals("2015-11-10 07:00:00", fine.json().at("/scoredAt").asText());
    }

    @Test
    void a_reading_dated_past_the_skew_cannot_poison_an_asset() {
        Map<String, Object> reading = TestModels.azureReadings("55", AXIS.parse("2015-11-10 06:00:00"),
                AXIS.parse("2015-11-10 06:00:01")).get(0);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> ahead = new LinkedHashMap<>(reading);
        ahead.put("time", now.plus(3, ChronoUnit.DAYS).toString());
        String detail = refused(http.post("/v1/assets/machine-7/readings?model=azure-24h", Map.of("readings", List.of(ahead))),
                "readings[0].time", "3 days ahead");
        assertTrue(detail.contains("in the future"), detail);
        Map<String, Object> real = new LinkedHashMap<>(reading);
        real.put("time", now.minus(1, ChronoUnit.HOURS).toString());
        Http.Response accepted = http.post("/v1/assets/machine-7/readings?model=azure-24h", Map.of("readings", List.of(real)));
        assertEquals(200, accepted.status(), "the real reading is not held back: " + accepted.body());
        Map<String, Object> soon = new LinkedHashMap<>(reading);
        soon.put("time", now.plus(1, ChronoUnit.HOURS).toString());
        assertEquals(200, http.post("/v1/assets/machine-7/readings?model=azure-24h", Map.of("readings", List.of(soon))).status(),
                "a clock an hour ahead is within the day's skew");
    }
}
