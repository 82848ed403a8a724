package org.prognos.models.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prognos.models.BundleFormatException;

/**
 * The payload's {@code scoring}: both modes round-trip exactly, a payload written before the field existed reads as
 * static, and an unknown mode is refused naming the file. A SYNTHETIC one-column model (the JSON is what is tested).
 */
class AnomalyScoringJsonTest {
    private static AnomalyModel model() {
        return AnomalyModel.of(List.of("a"), new ColumnScaling(new double[] {2.5}, new double[] {1.5}), new ZScoreDetector(1),
                ScoreCalibration.fit(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0}, 0.1));
    }

    private static AnomalyModel parse(String json) {
        return AnomalyJson.parse(json.getBytes(StandardCharsets.UTF_8), "anomaly.json");
    }

    @Test
    void both_modes_round_trip() {
        AdaptiveScoring settings = AdaptiveScoring.onlineNeighbours(2000, 10).withRangeCheck(0.05)
                .withExtremes(AdaptiveScoring.Extremes.ALWAYS).withRest(AdaptiveScoring.RestRule.UNTIL_QUIET, 100);
        AnomalyModel adaptive = model().withScoring(new AnomalyScoring.Adaptive(settings));
        String json = AnomalyJson.write(adaptive);
        assertTrue(json.contains("\"mode\" : \"adaptive\""), json);
        assertEquals(adaptive, parse(json));
        assertEquals(settings, parse(json).adaptive().orElseThrow());
        AnomalyModel fixed = model();
        assertEquals(AnomalyScoring.STATIC, parse(AnomalyJson.write(fixed)).scoring());
        assertTrue(parse(AnomalyJson.write(fixed)).adaptive().isEmpty());
    }

    @Test
    void a_contextual_member_round_trips_and_settings_written_before_it_existed_read_without_one() {
        AdaptiveScoring plain = AdaptiveScoring.onlineNeighbours(2000, 10).withWarmUp(750);
        AdaptiveScoring with = plain.withContext(new ContextMember("a", 2000, 0.5, 750));
        String json = AnomalyJson.write(model().withScoring(new AnomalyScoring.Adaptive(with)));
        assertTrue(json.contains("\"column\" : \"a\""), json);
        assertEquals(with, parse(json).adaptive().orElseThrow());
        String without = AnomalyJson.write(model().withScoring(new AnomalyScoring.Adaptive(plain)));
        assertTrue(!without.contains("context") && without.contains("\"warmUp\" : 750"),
                "no member, no key (as a payload of the build before the member): " + without);
        assertEquals(plain, parse(without).adaptive().orElseThrow());
        assertTrue(!json.contains("\"range\""), "a learned range writes no range: " + json);
    }

    @Test
    void payloads_that_wrote_absent_members_as_null_still_read() {
        AdaptiveScoring plain = AdaptiveScoring.onlineNeighbours(2000, 10).withWarmUp(750);
        String written = AnomalyJson.write(model().withScoring(new AnomalyScoring.Adaptive(plain)));
        String nullContext = written.replace("\"warmUpTicks\" : 0", "\"warmUpTicks\" : 0, \"context\" : null");
        assertTrue(nullContext.contains("\"context\" : null"), nullContext);
        assertEquals(plain, parse(nullContext).adaptive().orElseThrow());
        AdaptiveScoring with = plain.withContext(new ContextMember("a", 2000, 0.5, 750));
        String member = AnomalyJson.write(model().withScoring(new AnomalyScoring.Adaptive(with)));
        String nullRange = member.replace("\"learning\" : 750", "\"learning\" : 750, \"range\" : null");
        assertTrue(nullRange.contains("\"range\" : null"), nullRange);
        assertEquals(with, parse(nullRange).adaptive().orElseThrow());
    }

    @Test
    void a_payload_without_scoring_reads_as_static() {
        String json = AnomalyJson.write(model());
        String old = json.replaceAll(",\\s*\"scoring\"\\s*:\\s*\\{\\s*\"mode\"\\s*:\\s*\"static\"\\s*}", "");
        assertTrue(!old.contains("scoring"), old);
        assertEquals(model(), parse(old));
    }

    @Test
    void adaptive_settings_written_before_the_warm_up_existed_read_without_one() {
        AdaptiveScoring settings = AdaptiveScoring.onlineNeighbours(2000, 10).withWarmUp(750);
        String json = AnomalyJson.write(model().withScoring(new AnomalyScoring.Adaptive(settings)));
        assertTrue(json.contains("\"warmUp\" : 750"), json);
        String old = json.replaceAll(",\\s*\"warmUp\"\\s*:\\s*750", "").replaceAll(",\\s*\"warmUpTicks\"\\s*:\\s*0", "");
        assertTrue(!old.contains("warmUp"), old);
        assertEquals(settings.withWarmUp(0), parse(old).adaptive().orElseThrow());
    }

    @Test
    void a_warm_up_in_time_round_trips_and_settings_written_before_it_existed_read_without_one() {
        long twoDays = 2L * 24 * 3_600_000_000L;
        AdaptiveScoring both = AdaptiveScoring.onlineNeighbours(2000, 10).withWarmUp(750).withWarmUpTime(twoDays);
        String json = AnomalyJson.write(model().withScoring(new AnomalyScoring.Adaptive(both)));
        assertTrue(json.contains("\"warmUp\" : 750") && json.contains("\"warmUpTicks\" : " + twoDays), json);
        assertEquals(both, parse(json).adaptive().orElseThrow());
        AdaptiveScoring rows = both.withWarmUpTime(0);
        String old = AnomalyJson.write(model().withScoring(new AnomalyScoring.Adaptive(rows)))
                .replaceAll(",\\s*\"warmUpTicks\"\\s*:\\s*0", "");
        assertTrue(!old.contains("warmUpTicks") && old.contains("\"warmUp\" : 750"), old);
        assertEquals(rows, parse(old).adaptive().orElseThrow(), "a payload of the rows-only build: 750 rows, no time");
    }

    @Test
    void an_unknown_mode_is_refused() {
        String json = AnomalyJson.write(model()).replace("\"static\"", "\"clairvoyant\"");
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> parse(json));
        assertTrue(e.getMessage().startsWith("anomaly.json: not an anomaly model"), e.getMessage());
        assertTrue(e.getMessage().contains("clairvoyant"), e.getMessage());
    }
}
