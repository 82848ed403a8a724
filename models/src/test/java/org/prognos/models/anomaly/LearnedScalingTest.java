package org.prognos.models.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.prognos.PrognosException;

/**
 * An asset that joins after training learns its own scaling in its adaptive warm-up
 * ({@link AdaptiveScoring#withLearnedScaling}). Real data: the fleet is NAB's machine-temperature file (a z-score model
 * fitted on its first rows, {@link MachineTemperatureRows}); the newcomer is NAB's ambient-temperature file, whose
 * normal level and spread are not the machine's, as rows of its last three values.
 */
class LearnedScalingTest {
    private static final Path NEWCOMER = Path.of("../notebooks-data/nab/data/realKnownCause/ambient_temperature_system_failure.csv");
    private static final int WARM_UP = 400;
    /** The learned scaling is training's on the same rows: one accumulator, so in fact bit for bit. */
    private static final double SAME_SCALING = 1e-12;
    private static final AdaptiveScoring LEARNS = MachineTemperatureRows.PLAIN.withWarmUp(WARM_UP).withLearnedScaling(true);

    private static AnomalyModel fleet() throws IOException {
        return MachineTemperatureRows.model(MachineTemperatureRows.rows(MachineTemperatureRows.values()))
                .withScoring(new AnomalyScoring.Adaptive(LEARNS));
    }

    private static double[][] newcomer() throws IOException {
        double[] v = Files.readAllLines(NEWCOMER).subList(1, 2001).stream()
                .mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
        return MachineTemperatureRows.rows(v);
    }

    @Test
    void the_warm_up_learns_fit_owns_scaling_and_the_scorer_then_runs_as_a_fresh_one_on_it() throws IOException {
        AnomalyModel fleet = fleet();
        double[][] rows = newcomer();
        ColumnScaling expected = ColumnScaling.fitOwn(Arrays.copyOf(rows, WARM_UP), fleet.scaling());
        assertNotEquals(fleet.scaling(), expected, "the newcomer's normal is not the fleet's");
        AdaptiveScorer scorer = new AdaptiveScorer(fleet.forAsset(Optional.of("ambient")), LEARNS);
        AdaptiveScorer.Step[] without = AdaptiveScorer.scoreAll(fleet, LEARNS.withLearnedScaling(false), rows);
        AdaptiveScorer.Step[] steps = new AdaptiveScorer.Step[rows.length];
        for (int r = 0; r < WARM_UP; r++) {
            steps[r] = scorer.next(rows[r]);
            AdaptiveScorer.Step w = without[r];
            assertEquals(AdaptiveScorer.Scaling.MODEL, w.scaling(), "without the setting it learns none");
            assertEquals(new AdaptiveScorer.Step(w.raw(), w.likelihood(), w.score(), w.rows(), AdaptiveScorer.Scaling.LEARNING),
                    steps[r], "in the warm-up it scores as it always did, on the fleet's scaling, learning, row " + r);
        }
        assertTrue(scorer.learningScaling());
        assertEquals(fleet.scaling(), scorer.scaling());
        steps[WARM_UP] = scorer.next(rows[WARM_UP]);
        assertFalse(scorer.learningScaling());
        assertArrayEquals(expected.center(), scorer.scaling().center(), SAME_SCALING);
        assertArrayEquals(expected.scale(), scorer.scaling().scale(), SAME_SCALING);
        for (int r = WARM_UP + 1; r < rows.length; r++) {
            steps[r] = scorer.next(rows[r]);
        }
        AdaptiveScorer.Step[] fresh = AdaptiveScorer.scoreAll(fleet.withScaling(scorer.scaling()), LEARNS.withLearnedScaling(false),
                Arrays.copyOfRange(rows, WARM_UP, rows.length));
        for (int r = WARM_UP; r < rows.length; r++) {
            AdaptiveScorer.Step f = fresh[r - WARM_UP];
            assertEquals(new AdaptiveScorer.Step(f.raw(), f.likelihood(), f.score(), r + 1, AdaptiveScorer.Scaling.LEARNED),
                    steps[r], "row " + r);
        }
        assertEquals(rows.length, scorer.rowsSeen());
        assertTrue(Arrays.stream(steps, 2 * WARM_UP, rows.length).anyMatch(s -> s.raw() != without[(int) s.rows() - 1].raw()),
                "the learned scaling changes the raw scores");
    }

    @Test
    void an_asset_with_its_own_scaling_learns_none_and_one_outside_the_table_does() throws IOException {
        AnomalyModel fleet = fleet();
        double[][] rows = newcomer();
        ColumnScaling own = ColumnScaling.fitOwn(Arrays.copyOfRange(rows, 1000, 1400), fleet.scaling());
        AnomalyModel perAsset = fleet.withAssetScaling(Map.of("ambient", own));
        assertFalse(perAsset.forAsset(Optional.of("ambient")).learnsScaling());
        assertTrue(perAsset.forAsset(Optional.of("newcomer")).learnsScaling());
        assertTrue(fleet.forAsset(Optional.of("ambient")).learnsScaling(), "a fleet-scaled model: every asset learns");
        AdaptiveScorer owned = new AdaptiveScorer(perAsset.forAsset(Optional.of("ambient")), LEARNS);
        AdaptiveScorer.Step[] plain = AdaptiveScorer.scoreAll(perAsset.forAsset(Optional.of("ambient")),
                LEARNS.withLearnedScaling(false), rows);
        for (int r = 0; r < rows.length; r++) {
            assertEquals(plain[r], owned.next(rows[r]), "row " + r);
        }
        assertEquals(own, owned.scaling());
        AdaptiveScorer carried = owned.carriedTo(perAsset.forAsset(Optional.of("ambient")));
        assertEquals(owned.next(rows[0]), carried.next(rows[0]), "a reload carries the scorer of an asset with its own");
        AdaptiveScorer learner = new AdaptiveScorer(perAsset.forAsset(Optional.of("newcomer")), LEARNS);
        for (int r = 0; r <= WARM_UP; r++) {
            learner.next(rows[r]);
        }
        assertEquals(ColumnScaling.fitOwn(Arrays.copyOf(rows, WARM_UP), fleet.scaling()), learner.scaling());
    }

    @Test
    void a_scorer_snapshotted_in_or_after_the_warm_up_goes_on_with_the_same_bits() throws IOException {
        AnomalyModel view = fleet().forAsset(Optional.of("ambient"));
        double[][] rows = newcomer();
        AdaptiveScorer.Step[] expected = AdaptiveScorer.scoreAll(view, LEARNS, rows);
        for (int cut : new int[] {0, 1, 37, WARM_UP - 1, WARM_UP, WARM_UP + 1, 1234}) {
            AdaptiveScorer first = new AdaptiveScorer(view, LEARNS);
            for (int i = 0; i < cut; i++) {
                first.next(rows[i]);
            }
            AdaptiveScorer restored = AdaptiveScorer.restore(view, LEARNS, first.snapshot());
            assertEquals(first.rowsSeen(), restored.rowsSeen(), "cut " + cut);
            assertEquals(first.last(), restored.last(), "cut " + cut);
            assertEquals(first.scaling(), restored.scaling(), "cut " + cut);
            assertArrayEquals(first.snapshot(), restored.snapshot(), "a restored scorer snapshots the same bytes, cut " + cut);
            AdaptiveScorer carried = first.carriedTo(view);
            for (int i = cut; i < rows.length; i++) {
                assertEquals(expected[i], restored.next(rows[i]), "cut at " + cut + ", row " + i);
                assertEquals(expected[i], carried.next(rows[i]), "carried, cut at " + cut + ", row " + i);
            }
        }
    }

    @Test
    void a_snapshot_of_a_learner_does_not_restore_for_an_asset_with_its_own_scaling() throws IOException {
        AnomalyModel fleet = fleet();
        AnomalyModel perAsset = fleet.withAssetScaling(Map.of("ambient", fleet.scaling()));
        AdaptiveScorer learner = new AdaptiveScorer(perAsset.forAsset(Optional.of("newcomer")), LEARNS);
        learner.next(newcomer()[0]);
        PrognosException e = assertThrows(PrognosException.class,
                () -> AdaptiveScorer.restore(perAsset.forAsset(Optional.of("ambient")), LEARNS, learner.snapshot()));
        assertTrue(e.getMessage().contains("learns a scaling for an asset that has its own"), e.getMessage());
    }

    @Test
    void a_reload_that_turns_learning_on_or_off_restarts_the_scorers_and_one_that_keeps_it_carries_them() throws IOException {
        AnomalyModel learns = fleet();
        AnomalyModel plain = learns.withScoring(new AnomalyScoring.Adaptive(LEARNS.withLearnedScaling(false)));
        AdaptiveBasis on = AdaptiveBasis.of("spec", learns);
        assertEquals(Optional.empty(), on.whyRestart(AdaptiveBasis.of("spec", fleet())));
        assertTrue(on.whyRestart(AdaptiveBasis.of("spec", plain)).orElseThrow().startsWith("its adaptive settings changed"));
        assertEquals(on, AdaptiveBasis.decode(on.encode()));
        AdaptiveBasis off = AdaptiveBasis.of("spec", plain);
        String encoded = new String(off.encode(), StandardCharsets.UTF_8);
        assertFalse(encoded.contains("learnScaling"), "a basis without it keeps the bytes it had: " + encoded);
        assertEquals(off, AdaptiveBasis.decode(off.encode()));
    }

    @Test
    void learning_a_scaling_needs_a_warm_up() {
        PrognosException e = assertThrows(PrognosException.class,
                () -> MachineTemperatureRows.PLAIN.withLearnedScaling(true));
        assertTrue(e.getMessage().contains("adaptive scoring 'learnScaling' must be false without a warm-up to learn in "
                + "('warmUp' rows and/or a warm-up in time, 'warmUpTicks'; both are 0)"), e.getMessage());
        assertTrue(MachineTemperatureRows.PLAIN.withWarmUpTime(1).withLearnedScaling(true).learnScaling());
    }

    @Test
    void settings_without_it_write_the_fields_they_always_did_and_with_it_round_trip() throws IOException {
        AnomalyModel off = fleet().withScoring(new AnomalyScoring.Adaptive(LEARNS.withLearnedScaling(false)));
        String json = AnomalyJson.write(off);
        var fields = new java.util.ArrayList<String>();
        com.fasterxml.jackson.databind.JsonNode settings = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(json).path("scoring").path("settings");
        settings.fieldNames().forEachRemaining(fields::add);
        assertEquals(java.util.List.of("memory", "neighbours", "exclude", "recent", "history", "minHistory", "alarmLevel",
                "rest", "rangeTolerance", "restRule", "reference", "neighbourhood", "extremes", "slowRecent", "warmUp",
                "warmUpTicks"), fields, "the settings a payload wrote before learnScaling existed, in their order");
        assertEquals(off, AnomalyJson.parse(json.getBytes(StandardCharsets.UTF_8), "anomaly.json"));
        String on = AnomalyJson.write(fleet());
        assertTrue(on.contains("\"learnScaling\" : true"), on);
        assertEquals(fleet(), AnomalyJson.parse(on.getBytes(StandardCharsets.UTF_8), "anomaly.json"));
        assertEquals(LEARNS.withLearnedScaling(false).asMap(), MachineTemperatureRows.PLAIN.withWarmUp(WARM_UP).asMap(),
                "off, the settings' text (and snapshots' fingerprints) are unchanged");
    }
}
