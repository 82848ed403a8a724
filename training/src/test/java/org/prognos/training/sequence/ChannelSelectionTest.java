package org.prognos.training.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.extract.FeatureTable;

class ChannelSelectionTest {
    static final int WINDOW = 3;
    static final List<String> CHANNELS = List.of("wear", "constant", "noise", "inverse", "mode");

    /**
     * Units of 50 rows where 'wear' rises as life runs out, 'inverse' falls, 'constant' never moves, 'noise' is
     * random, and 'mode' rises in odd units and falls in even ones (two failure modes).
     */
    static FeatureTable table(double[] rul, long seed) {
        List<String> columns = new ArrayList<>();
        for (String c : CHANNELS) {
            for (int t = 0; t < WINDOW; t++) {
                columns.add(c + "_seq_" + t);
            }
        }
        FeatureTable table = new FeatureTable(columns);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < rul.length; i++) {
            double[] row = new double[columns.size()];
            int unit = i / 50 + 1;
            double[] now = {125 - rul[i] + rng.nextGaussian(), 0, rng.nextGaussian(), rul[i] / 10,
                (unit % 2 == 1 ? 1 : -1) * (125 - rul[i]) / 10 + rng.nextGaussian()};
            for (int c = 0; c < CHANNELS.size(); c++) {
                for (int t = 0; t < WINDOW; t++) {
                    row[c * WINDOW + t] = now[c];
                }
            }
            table.row(Integer.toString(i / 50 + 1), i % 50, row);
        }
        return table;
    }

    static double[] labels(int n) {
        double[] rul = new double[n];
        for (int i = 0; i < n; i++) {
            rul[i] = 125 - (i % 50) * 2.5;
        }
        return rul;
    }

    static boolean[] all(int n) {
        boolean[] b = new boolean[n];
        java.util.Arrays.fill(b, true);
        return b;
    }

    @Test
    void constant_and_uncorrelated_channels_are_dropped() {
        double[] rul = labels(400);
        ChannelSelection s = ChannelSelection.fit(ChannelSelectionRule.defaults(), table(rul, 1), rul, all(400), CHANNELS,
                WINDOW);
        assertEquals(List.of("wear", "inverse", "mode"), s.kept());
        assertEquals(List.of("constant", "noise"), s.dropped());
        ChannelSelection.ChannelStatistics wear = s.channels().get(0);
        assertTrue(wear.meanAbsCorrelation() > 0.99, "wear moves with remaining life: " + wear);
        assertEquals(0, s.channels().get(1).meanAbsCorrelation(), "a constant channel does not move");
        assertTrue(s.channels().get(2).meanAbsCorrelation() < 0.3, "noise: " + s.channels().get(2));
    }

    @Test
    void a_channel_two_failure_modes_push_in_opposite_directions_is_kept() {
        double[] rul = labels(400);
        FeatureTable t = table(rul, 4);
        ChannelSelection s = ChannelSelection.fit(ChannelSelectionRule.defaults(), t, rul, all(400), CHANNELS, WINDOW);
        assertTrue(Math.abs(fleetCorrelation(t, rul, "mode")) < 0.1, "over the fleet it looks unrelated");
        assertTrue(s.channels().get(4).meanAbsCorrelation() > 0.9, s.channels().get(4).toString());
        assertTrue(s.kept().contains("mode"));
    }

    static double fleetCorrelation(FeatureTable t, double[] rul, String channel) {
        org.apache.commons.math3.stat.correlation.PearsonsCorrelation p =
                new org.apache.commons.math3.stat.correlation.PearsonsCorrelation();
        double[] x = new double[t.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = t.value(i, t.column(channel + "_seq_" + (WINDOW - 1)));
        }
        return p.correlation(x, rul);
    }

    @Test
    void only_the_rows_marked_for_fitting_count() {
        double[] rul = labels(400);
        FeatureTable t = table(rul, 2);
        boolean[] firstUnit = new boolean[400];
        for (int i = 0; i < 50; i++) {
            firstUnit[i] = true;
        }
        ChannelSelection s = ChannelSelection.fit(ChannelSelectionRule.defaults(), t, rul, firstUnit, CHANNELS, WINDOW);
        double mean = 0;
        for (int i = 0; i < 50; i++) {
            mean += t.value(i, t.column("inverse_seq_2")) / 50;
        }
        assertEquals(mean, s.channels().get(3).mean(), 1e-12);
    }

    @Test
    void censored_rows_count_for_spread_but_not_for_correlation() {
        double[] rul = labels(400);
        double[] censored = rul.clone();
        java.util.Arrays.fill(censored, 0, 200, Double.NaN);
        FeatureTable t = table(rul, 3);
        ChannelSelection all = ChannelSelection.fit(ChannelSelectionRule.defaults(), t, rul, all(400), CHANNELS, WINDOW);
        ChannelSelection half = ChannelSelection.fit(ChannelSelectionRule.defaults(), t, censored, all(400), CHANNELS,
                WINDOW);
        assertEquals(all.channels().get(0).std(), half.channels().get(0).std());
        assertTrue(half.channels().get(0).meanAbsCorrelation() != all.channels().get(0).meanAbsCorrelation());
        assertTrue(half.channels().get(0).meanAbsCorrelation() > 0.99);
    }

    @Test
    void scalar_columns_are_kept_or_dropped_by_the_same_rule_read_from_the_column_itself() {
        double[] rul = labels(400);
        FeatureTable seq = table(rul, 5);
        List<String> columns = new ArrayList<>(seq.columns());
        columns.addAll(List.of("age", "flat", "jitter"));
        FeatureTable t = new FeatureTable(columns);
        SplittableRandom rng = new SplittableRandom(6);
        for (int i = 0; i < seq.size(); i++) {
            double[] row = java.util.Arrays.copyOf(seq.row(i), columns.size());
            row[columns.size() - 3] = i % 50;
            row[columns.size() - 2] = 7;
            row[columns.size() - 1] = rng.nextGaussian();
            t.row(seq.asset(i), seq.time(i), row);
        }
        ChannelSelection s = ChannelSelection.fitScalars(ChannelSelectionRule.defaults(), t, rul, all(400),
                List.of("age", "flat", "jitter"));
        assertEquals(List.of("age"), s.kept());
        assertEquals(List.of("flat", "jitter"), s.dropped());
        assertEquals(1.0, s.channels().get(0).meanAbsCorrelation(), 1e-12, "age falls in step with remaining life");
    }

    @Test
    void scalar_candidates_are_names_or_globs_over_the_columns_that_are_not_sequence_positions() {
        List<String> columns = List.of("a_seq_0", "a_seq_1", "elapsed", "a_ewma_0.1", "b_ewma_0.1", "b_ewma_0.5");
        assertEquals(List.of("elapsed", "a_ewma_0.1", "b_ewma_0.1"),
                SequenceTrainer.scalarCandidates(List.of("*_ewma_0.1", "elapsed"), columns), "in column order");
        assertEquals(List.of("elapsed", "a_ewma_0.1", "b_ewma_0.1", "b_ewma_0.5"),
                SequenceTrainer.scalarCandidates(List.of("*"), columns), "never a sequence position");
        assertEquals(List.of(), SequenceTrainer.scalarCandidates(List.of(), columns));
        SequenceTrainingException e = assertThrows(SequenceTrainingException.class,
                () -> SequenceTrainer.scalarCandidates(List.of("elapsed", "age"), columns));
        assertEquals("scalars [age] are not columns of the feature rows; the spec emits [elapsed, a_ewma_0.1, b_ewma_0.1,"
                + " b_ewma_0.5] besides the sequences", e.getMessage());
    }

    @Test
    void a_rule_outside_its_range_is_refused() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> new ChannelSelectionRule(0, 1.5));
        assertEquals("minAbsCorrelation must be in [0, 1), found 1.5", e.getMessage());
        assertThrows(InvalidSpecException.class, () -> new ChannelSelectionRule(-1, 0.2));
    }
}
