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
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.prognos.PrognosException;
import org.prognos.models.anomaly.context.ContextRange;
import org.prognos.models.anomaly.context.ContextSettings;
import org.prognos.models.anomaly.context.ForgettingContextScorer;

/**
 * The contextual member with a declared range, on NAB's machine-temperature file (real data, as rows of its last three
 * values; its first 3,000 values lie in [48.4, 102.7]). Two declared ranges, limits picked for the test rather than
 * read off a datasheet: {@link #WIDE} holds every value, {@link #NARROW} leaves values beyond it on both sides, which
 * the member clips. The member's score is the blend of a member-less scorer and a stand-alone {@link
 * ForgettingContextScorer#givenRange} scorer (the naive reference), silent for the learning values; a scorer restored
 * at any point goes on with the same bits; the declared range is part of the settings a snapshot, a payload and a basis
 * belong to.
 */
class ContextMemberDeclaredRangeTest {
    /** The blend is computed the same way on both sides, so it agrees to the bit. */
    private static final double EXACT = 0.0;
    private static final ContextRange WIDE = new ContextRange(40, 110);
    private static final ContextRange NARROW = new ContextRange(70, 95);

    private static AdaptiveScoring declared(ContextRange range) {
        return PLAIN.withContext(ContextMember.declared("now", MEMORY, LEARNING, range));
    }

    @Test
    void a_declared_member_scores_as_a_stand_alone_given_range_scorer_blended_by_context_blend() throws IOException {
        double[] v = values();
        double[][] rows = rows(v);
        AnomalyModel model = model(rows);
        AdaptiveScorer.Step[] plain = AdaptiveScorer.scoreAll(model, PLAIN, rows);
        ContextSettings memberSettings = ContextSettings.forLearningPeriod(LEARNING);
        for (ContextRange range : List.of(WIDE, NARROW)) {
            AdaptiveScorer.Step[] blended = AdaptiveScorer.scoreAll(model, declared(range), rows);
            ForgettingContextScorer reference = ForgettingContextScorer.givenRange(range, MEMORY, memberSettings);
            int raised = 0;
            int beyond = 0;
            for (int i = 0; i < rows.length; i++) {
                double c = reference.next(v[i]);
                double context = i < LEARNING ? 0 : c;
                double expected = ContextBlend.corroborated(plain[i].score(), plain[i].likelihood(), context,
                        memberSettings.threshold(), PLAIN.alarmLevel());
                assertEquals(plain[i].raw(), blended[i].raw(), "the member leaves the raw score alone, row " + i);
                assertEquals(plain[i].likelihood(), blended[i].likelihood(), "… and the likelihood, row " + i);
                assertEquals(expected, blended[i].score(), EXACT, range + ", row " + i);
                if (i < LEARNING) {
                    assertEquals(plain[i].score(), blended[i].score(), "silent while learning, row " + i);
                }
                raised += blended[i].score() > plain[i].score() ? 1 : 0;
                beyond += range.contains(v[i]) ? 0 : 1;
            }
            assertTrue(raised > 0, "the member raises some rows' scores with " + range);
            assertEquals(0, reference.rebuilds(), "a declared range never moves");
            assertEquals(range, reference.range());
            assertEquals(range == NARROW, beyond > 0, "only the narrow range clips values: " + beyond);
        }
    }

    @Test
    void a_scorer_with_a_declared_range_restored_anywhere_goes_on_with_the_same_bits() throws IOException {
        double[] v = values();
        double[][] rows = rows(v);
        AnomalyModel model = model(rows);
        AdaptiveScoring settings = declared(NARROW);
        AdaptiveScorer.Step[] expected = AdaptiveScorer.scoreAll(model, settings, rows);
        int firstClipped = 0;
        while (NARROW.contains(v[firstClipped])) {
            firstClipped++;
        }
        int[] cuts = {0, 1, MEMORY - 1, MEMORY, MEMORY + 1, LEARNING - 1, LEARNING, LEARNING + 1, 2 * MEMORY + 3,
                LEARNING + 3 * MEMORY + 11, firstClipped, firstClipped + 1, ROWS - 1};
        for (int cut : cuts) {
            AdaptiveScorer first = new AdaptiveScorer(model, settings);
            for (int i = 0; i < cut; i++) {
                first.next(rows[i]);
            }
            AdaptiveScorer restored = AdaptiveScorer.restore(model, settings, first.snapshot());
            assertEquals(first.last(), restored.last(), "the last step survives, cut " + cut);
            assertEquals(first.estimatedBytes(), restored.estimatedBytes(), "the same state, cut " + cut);
            for (int i = cut; i < rows.length; i++) {
                assertEquals(expected[i], restored.next(rows[i]), "cut at " + cut + ", row " + i);
            }
        }
    }

    @Test
    void the_declared_range_is_part_of_the_settings_a_snapshot_belongs_to() throws IOException {
        double[][] rows = rows(values());
        AnomalyModel model = model(rows);
        AdaptiveScoring learned = PLAIN.withContext(new ContextMember("now", MEMORY, 0.0, LEARNING));
        for (int fed : new int[] {100, 500}) {   // while a learned member learns, and after
            AdaptiveScorer wide = new AdaptiveScorer(model, declared(WIDE));
            AdaptiveScorer learning = new AdaptiveScorer(model, learned);
            for (int i = 0; i < fed; i++) {
                wide.next(rows[i]);
                learning.next(rows[i]);
            }
            assertThrows(PrognosException.class, () -> AdaptiveScorer.restore(model, declared(NARROW), wide.snapshot()));
            assertThrows(PrognosException.class, () -> AdaptiveScorer.restore(model, learned, wide.snapshot()));
            assertThrows(PrognosException.class, () -> AdaptiveScorer.restore(model, declared(WIDE), learning.snapshot()));
        }
    }

    @Test
    void a_declared_range_round_trips_through_the_payload_and_the_basis_and_older_members_read_as_learned()
            throws IOException {
        AnomalyModel base = model(rows(values()));
        AdaptiveScoring wide = declared(WIDE);
        AnomalyModel served = base.withScoring(new AnomalyScoring.Adaptive(wide));
        String json = AnomalyJson.write(served);
        assertTrue(json.contains("\"range\" : {"), json);
        assertEquals(wide, AnomalyJson.parse(json.getBytes(StandardCharsets.UTF_8), "payload").adaptive().orElseThrow());
        AdaptiveBasis basis = AdaptiveBasis.of("spec", served);
        assertEquals(basis, AdaptiveBasis.decode(basis.encode()));

        AdaptiveScoring learned = PLAIN.withContext(new ContextMember("now", MEMORY, 0.5, LEARNING));
        AnomalyModel older = base.withScoring(new AnomalyScoring.Adaptive(learned));
        String old = AnomalyJson.write(older).replaceAll(",\\s*\"range\"\\s*:\\s*null", "");
        assertTrue(!old.contains("\"range\""), old);
        assertEquals(learned, AnomalyJson.parse(old.getBytes(StandardCharsets.UTF_8), "old").adaptive().orElseThrow(),
                "a payload of the build before declared ranges");
        AdaptiveBasis olderBasis = AdaptiveBasis.of("spec", older);
        String oldBasis = new String(olderBasis.encode(), StandardCharsets.UTF_8).replaceAll(",\\s*\"range\"\\s*:\\s*null", "");
        assertTrue(!oldBasis.contains("\"range\""), oldBasis);
        assertEquals(olderBasis, AdaptiveBasis.decode(oldBasis.getBytes(StandardCharsets.UTF_8)),
                "a basis kept beside a snapshot of the build before declared ranges");
        assertTrue(basis.whyRestart(olderBasis).orElseThrow().contains("adaptive settings changed"));
    }

    @Test
    void a_bad_declared_range_is_refused_with_a_clear_message() {
        PrognosException e = assertThrows(PrognosException.class,
                () -> ContextMember.declared("now", MEMORY, LEARNING, new ContextRange(5, 5)));
        assertTrue(e.getMessage().contains("'range' must be [low, high] with low < high, found [5.0, 5.0]"), e.getMessage());
        e = assertThrows(PrognosException.class,
                () -> new ContextMember("now", MEMORY, 0.5, LEARNING, Optional.of(WIDE)));
        assertTrue(e.getMessage().contains("'margin' must be 0 with a declared range"), e.getMessage());
        e = assertThrows(PrognosException.class, () -> new ContextMember("now", MEMORY, 0.5, LEARNING, null));
        assertTrue(e.getMessage().contains("'range'"), e.getMessage());
    }
}
