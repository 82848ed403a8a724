package org.prognos.models.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.prognos.models.anomaly.MachineTemperatureRows.LEARNING;
import static org.prognos.models.anomaly.MachineTemperatureRows.MEMORY;
import static org.prognos.models.anomaly.MachineTemperatureRows.PLAIN;
import static org.prognos.models.anomaly.MachineTemperatureRows.ROWS;
import static org.prognos.models.anomaly.MachineTemperatureRows.model;
import static org.prognos.models.anomaly.MachineTemperatureRows.rows;
import static org.prognos.models.anomaly.MachineTemperatureRows.values;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.prognos.PrognosException;
import org.prognos.models.anomaly.context.ContextRange;
import org.prognos.models.anomaly.context.ContextSettings;
import org.prognos.models.anomaly.context.ForgettingContextScorer;

/**
 * The contextual member with open bins ({@link ContextMember.Bins#OPEN}), on NAB's machine-temperature file (real
 * data, as rows of its last three values; values after the learning rows leave the learned range widened by the
 * margin): its score is the blend of a member-less scorer and a stand-alone {@link ForgettingContextScorer} with
 * {@link ForgettingContextScorer.Range#OPEN} (the naive reference), silent while learning; a scorer restored at any
 * point goes on with the same bits; open bins are part of the settings a snapshot, a payload and a basis belong to,
 * and a member written before them reads as widening.
 */
class ContextMemberOpenBinsTest {
    /** The blend is computed the same way on both sides, so it agrees to the bit. */
    private static final double EXACT = 0.0;
    private static final double MARGIN = 0.5;
    private static final AdaptiveScoring OPEN = PLAIN.withContext(ContextMember.openBins("now", MEMORY, MARGIN, LEARNING));
    private static final AdaptiveScoring WIDENING = PLAIN.withContext(new ContextMember("now", MEMORY, MARGIN, LEARNING));

    @Test
    void an_open_member_scores_as_a_stand_alone_open_scorer_blended_by_context_blend() throws IOException {
        double[] v = values();
        double[][] rows = rows(v);
        AnomalyModel model = model(rows);
        AdaptiveScorer.Step[] plain = AdaptiveScorer.scoreAll(model, PLAIN, rows);
        AdaptiveScorer.Step[] open = AdaptiveScorer.scoreAll(model, OPEN, rows);
        AdaptiveScorer.Step[] widening = AdaptiveScorer.scoreAll(model, WIDENING, rows);
        ContextSettings settings = ContextSettings.forLearningPeriod(LEARNING);
        ForgettingContextScorer reference = ForgettingContextScorer.learnedFrom(v, LEARNING, MARGIN, MEMORY,
                ForgettingContextScorer.Range.OPEN);
        ContextRange bins = ContextRange.fit(Arrays.copyOf(v, LEARNING)).widened(MARGIN);
        int raised = 0;
        int beyond = 0;
        int differ = 0;
        for (int i = 0; i < rows.length; i++) {
            double c = reference.next(v[i]);
            double context = i < LEARNING ? 0 : c;
            double expected = ContextBlend.corroborated(plain[i].score(), plain[i].likelihood(), context,
                    settings.threshold(), PLAIN.alarmLevel());
            assertEquals(plain[i].likelihood(), open[i].likelihood(), "the member leaves the likelihood alone, row " + i);
            assertEquals(expected, open[i].score(), EXACT, "row " + i);
            raised += open[i].score() > plain[i].score() ? 1 : 0;
            beyond += i >= LEARNING && !bins.contains(v[i]) ? 1 : 0;
            differ += open[i].score() != widening[i].score() ? 1 : 0;
        }
        assertTrue(raised > 0, "the member raises some rows' scores");
        assertTrue(beyond > 0, "the check needs values beyond the learned bins");
        assertTrue(differ > 0, "open bins change some scores against a widening range");
        assertEquals(bins, reference.range(), "the bins never move");
        assertEquals(0, reference.rebuilds());
    }

    @Test
    void an_open_member_restored_anywhere_goes_on_with_the_same_bits() throws IOException {
        double[] v = values();
        double[][] rows = rows(v);
        AnomalyModel model = model(rows);
        AdaptiveScorer.Step[] expected = AdaptiveScorer.scoreAll(model, OPEN, rows);
        ContextRange bins = ContextRange.fit(Arrays.copyOf(v, LEARNING)).widened(MARGIN);
        int firstBeyond = LEARNING;
        while (bins.contains(v[firstBeyond])) {
            firstBeyond++;
        }
        int[] cuts = {0, 1, LEARNING - 1, LEARNING, LEARNING + 1, LEARNING + MEMORY + 7, LEARNING + 3 * MEMORY + 11,
                firstBeyond, firstBeyond + 1, ROWS - 1};
        for (int cut : cuts) {
            AdaptiveScorer first = new AdaptiveScorer(model, OPEN);
            for (int i = 0; i < cut; i++) {
                first.next(rows[i]);
            }
            AdaptiveScorer restored = AdaptiveScorer.restore(model, OPEN, first.snapshot());
            assertEquals(first.last(), restored.last(), "the last step survives, cut " + cut);
            assertEquals(first.estimatedBytes(), restored.estimatedBytes(), "the same state, cut " + cut);
            for (int i = cut; i < rows.length; i++) {
                assertEquals(expected[i], restored.next(rows[i]), "cut at " + cut + ", row " + i);
            }
        }
    }

    @Test
    void open_bins_are_part_of_the_settings_a_snapshot_a_payload_and_a_basis_belong_to() throws IOException {
        double[][] rows = rows(values());
        AnomalyModel model = model(rows);
        AdaptiveScorer openScorer = new AdaptiveScorer(model, OPEN);
        AdaptiveScorer widening = new AdaptiveScorer(model, WIDENING);
        for (int i = 0; i < 500; i++) {
            openScorer.next(rows[i]);
            widening.next(rows[i]);
        }
        assertThrows(PrognosException.class, () -> AdaptiveScorer.restore(model, WIDENING, openScorer.snapshot()));
        assertThrows(PrognosException.class, () -> AdaptiveScorer.restore(model, OPEN, widening.snapshot()));

        String json = AnomalyJson.write(model.withScoring(new AnomalyScoring.Adaptive(OPEN)));
        assertTrue(json.contains("\"bins\" : \"OPEN\""), json);
        assertEquals(OPEN, AnomalyJson.parse(json.getBytes(StandardCharsets.UTF_8), "payload").adaptive().orElseThrow());
        String old = AnomalyJson.write(model.withScoring(new AnomalyScoring.Adaptive(WIDENING)))
                .replaceAll(",\\s*\"bins\"\\s*:\\s*\"WIDENING\"", "");
        assertTrue(!old.contains("\"bins\""), old);
        assertEquals(WIDENING, AnomalyJson.parse(old.getBytes(StandardCharsets.UTF_8), "old").adaptive().orElseThrow(),
                "a payload of the build before open bins reads as widening");
        assertTrue(!WIDENING.asMap().toString().contains("bins"), "a widening member's text (and fingerprint) is unchanged");
        AdaptiveBasis widened = AdaptiveBasis.of("spec", model.withScoring(new AnomalyScoring.Adaptive(WIDENING)));
        String oldBasis = new String(widened.encode(), StandardCharsets.UTF_8)
                .replaceAll(",\\s*\"bins\"\\s*:\\s*\"WIDENING\"", "");
        assertTrue(!oldBasis.contains("\"bins\""), oldBasis);
        assertEquals(widened, AdaptiveBasis.decode(oldBasis.getBytes(StandardCharsets.UTF_8)),
                "a basis kept beside a snapshot of the build before open bins: no restart");
        AdaptiveBasis open = AdaptiveBasis.of("spec", model.withScoring(new AnomalyScoring.Adaptive(OPEN)));
        assertEquals(open, AdaptiveBasis.decode(open.encode()));
        assertTrue(open.whyRestart(widened).orElseThrow().contains("adaptive settings changed"));
    }

    @Test
    void open_bins_with_a_declared_range_or_without_a_kind_are_refused_with_a_clear_message() {
        PrognosException e = assertThrows(PrognosException.class, () -> new ContextMember("now", MEMORY, 0.0, LEARNING,
                Optional.of(new ContextRange(0, 100)), ContextMember.Bins.OPEN));
        assertTrue(e.getMessage().contains("'bins' must be left out with a declared range"), e.getMessage());
        e = assertThrows(PrognosException.class, () -> new ContextMember("now", MEMORY, MARGIN, LEARNING,
                Optional.empty(), null));
        assertTrue(e.getMessage().contains("'bins' must be one of [WIDENING, OPEN]"), e.getMessage());
    }
}
