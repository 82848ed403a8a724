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
import org.junit.jupiter.api.Test;
import org.prognos.PrognosException;
import org.prognos.models.anomaly.context.ContextSettings;
import org.prognos.models.anomaly.context.ForgettingContextScorer;

/**
 * The contextual member of adaptive scoring, on NAB's machine-temperature file (real data, as rows of its last three
 * values): its score is the NAB runner's blend computed by hand from a member-less scorer and a stand-alone
 * forgetting scorer (the naive reference), and a scorer restored at any point (learning, ring filling, after the
 * range moved) goes on with the same bits.
 */
class AdaptiveContextMemberTest {
    private static final double MARGIN = 0.5;
    private static final ContextMember MEMBER = new ContextMember("now", MEMORY, MARGIN, LEARNING);
    /** Online neighbours small enough that the ring wraps in the stream, with the NAB detector's rest rules. */
    private static final AdaptiveScoring WITH_MEMBER = PLAIN.withContext(MEMBER);

    @Test
    void the_member_scores_as_the_nab_runner_blends_a_stand_alone_forgetting_scorer() throws IOException {
        double[] v = values();
        double[][] rows = rows(v);
        AnomalyModel model = model(rows);
        AdaptiveScorer.Step[] plain = AdaptiveScorer.scoreAll(model, PLAIN, rows);
        AdaptiveScorer.Step[] blended = AdaptiveScorer.scoreAll(model, WITH_MEMBER, rows);
        ForgettingContextScorer reference = ForgettingContextScorer.learnedFrom(v, LEARNING, MARGIN, MEMORY,
                ForgettingContextScorer.Range.SEEN);
        double contextLevel = ContextSettings.forLearningPeriod(LEARNING).threshold();
        int raised = 0;
        for (int i = 0; i < rows.length; i++) {
            double c = reference.next(v[i]);
            double context = i < LEARNING ? 0 : c;
            double aligned = context < contextLevel ? context * 0.999 / contextLevel
                    : 0.999 + (context - contextLevel) * (1 - 0.999) / (1 - contextLevel);
            double expected = plain[i].likelihood() < 0.5 ? plain[i].score() : Math.max(plain[i].score(), aligned);
            assertEquals(plain[i].raw(), blended[i].raw(), "the member leaves the raw score alone, row " + i);
            assertEquals(plain[i].likelihood(), blended[i].likelihood(), "… and the likelihood, row " + i);
            assertEquals(expected, blended[i].score(), "row " + i);
            if (blended[i].score() > plain[i].score()) {
                raised++;
            }
        }
        assertTrue(raised > 0, "the member raises some rows' scores");
        assertTrue(reference.rebuilds() > 0, "the stream moves the member's range");
    }

    @Test
    void a_scorer_restored_anywhere_goes_on_with_the_same_bits() throws IOException {
        double[] v = values();
        double[][] rows = rows(v);
        AnomalyModel model = model(rows);
        AdaptiveScorer.Step[] expected = AdaptiveScorer.scoreAll(model, WITH_MEMBER, rows);
        int firstRebuild = firstRebuild(v);
        int[] cuts = {0, 1, LEARNING - 1, LEARNING, LEARNING + 1, LEARNING + MEMORY - 1, LEARNING + MEMORY + 7,
                LEARNING + 3 * MEMORY + 11, firstRebuild, firstRebuild + 1, ROWS - 1};
        for (int cut : cuts) {
            AdaptiveScorer first = new AdaptiveScorer(model, WITH_MEMBER);
            for (int i = 0; i < cut; i++) {
                first.next(rows[i]);
            }
            AdaptiveScorer restored = AdaptiveScorer.restore(model, WITH_MEMBER, first.snapshot());
            assertEquals(first.last(), restored.last(), "the last step survives, cut " + cut);
            assertEquals(first.estimatedBytes(), restored.estimatedBytes(), "the same state, cut " + cut);
            for (int i = cut; i < rows.length; i++) {
                assertEquals(expected[i], restored.next(rows[i]), "cut at " + cut + ", row " + i);
            }
        }
    }

    /** The row at which a stand-alone member's range first moves (the rebuild a restore must reproduce). */
    private static int firstRebuild(double[] v) {
        ForgettingContextScorer s = ForgettingContextScorer.learnedFrom(v, LEARNING, MARGIN, MEMORY,
                ForgettingContextScorer.Range.SEEN);
        for (int i = 0; i < v.length; i++) {
            s.next(v[i]);
            if (s.rebuilds() > 0) {
                assertTrue(i > LEARNING, "the range moves after the learning rows, at " + i);
                return i + 1;
            }
        }
        throw new AssertionError("the range never moves in " + v.length + " rows");
    }

    @Test
    void a_member_is_part_of_the_settings_a_snapshot_belongs_to() throws IOException {
        double[][] rows = rows(values());
        AnomalyModel model = model(rows);
        AdaptiveScorer with = new AdaptiveScorer(model, WITH_MEMBER);
        AdaptiveScorer without = new AdaptiveScorer(model, PLAIN);
        for (int i = 0; i < 500; i++) {
            with.next(rows[i]);
            without.next(rows[i]);
        }
        assertThrows(PrognosException.class, () -> AdaptiveScorer.restore(model, PLAIN, with.snapshot()));
        assertThrows(PrognosException.class, () -> AdaptiveScorer.restore(model, WITH_MEMBER, without.snapshot()));
        assertThrows(PrognosException.class, () -> AdaptiveScorer.restore(model,
                PLAIN.withContext(new ContextMember("now", MEMORY, 1.0, LEARNING)), with.snapshot()));
        assertTrue(with.estimatedBytes() >= without.estimatedBytes() + 16L * MEMORY, "the ring is counted");
    }

    @Test
    void a_snapshot_written_before_the_member_existed_still_restores() throws IOException {
        double[][] rows = rows(values());
        AnomalyModel model = model(rows);
        AdaptiveScorer first = new AdaptiveScorer(model, PLAIN);
        for (int i = 0; i < 700; i++) {
            first.next(rows[i]);
        }
        byte[] format2 = first.snapshot();
        format2[0] = 2;   // format 2 is format 3 without the member's part, which member-less settings never write
        AdaptiveScorer restored = AdaptiveScorer.restore(model, PLAIN, format2);
        for (int i = 700; i < 1000; i++) {
            assertEquals(first.next(rows[i]), restored.next(rows[i]), "row " + i);
        }
    }

    @Test
    void an_unknown_column_or_bad_member_setting_is_refused_with_a_clear_message() throws IOException {
        AnomalyModel model = model(rows(values()));
        PrognosException e = assertThrows(PrognosException.class, () -> new AdaptiveScorer(model,
                PLAIN.withContext(new ContextMember("value_9", MEMORY, MARGIN, LEARNING))));
        assertTrue(e.getMessage().contains("'value_9'") && e.getMessage().contains("[lag2, lag1, now]"), e.getMessage());
        e = assertThrows(PrognosException.class, () -> new ContextMember("now", 0, MARGIN, LEARNING));
        assertTrue(e.getMessage().contains("'memory'"), e.getMessage());
        e = assertThrows(PrognosException.class, () -> new ContextMember("now", MEMORY, Double.NaN, LEARNING));
        assertTrue(e.getMessage().contains("'margin'"), e.getMessage());
        e = assertThrows(PrognosException.class, () -> new ContextMember(" ", MEMORY, MARGIN, LEARNING));
        assertTrue(e.getMessage().contains("'column'"), e.getMessage());
    }
}
