package org.prognos.training.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.extract.FeatureTable;

/** Asset splits, sequence columns and training examples. */
class SequenceDataTest {
    static final List<String> UNITS = IntStream.rangeClosed(1, 100).mapToObj(Integer::toString).toList();

    @Test
    void a_split_holds_out_whole_assets_reproducibly_by_seed() {
        AssetFold a = AssetFold.of(UNITS, 0.2, 7);
        assertEquals(20, a.validation().size());
        assertEquals(80, a.fit().size());
        assertTrue(a.fit().stream().noneMatch(new HashSet<>(a.validation())::contains));
        assertEquals(a, AssetFold.of(UNITS, 0.2, 7));
        assertNotEquals(a.validation(), AssetFold.of(UNITS, 0.2, 8).validation());
    }

    @Test
    void folds_partition_the_assets_and_each_validates_on_one() {
        List<AssetFold> folds = AssetFold.folds(UNITS, 5, 3);
        assertEquals(5, folds.size());
        Set<String> seen = new HashSet<>();
        for (AssetFold f : folds) {
            assertEquals(20, f.validation().size());
            assertEquals(80, f.fit().size());
            assertTrue(f.fit().stream().noneMatch(new HashSet<>(f.validation())::contains));
            seen.addAll(f.validation());
        }
        assertEquals(new HashSet<>(UNITS), seen);
        assertEquals(folds, AssetFold.folds(UNITS, 5, 3));
        List<AssetFold> uneven = AssetFold.folds(UNITS.subList(0, 7), 3, 1);
        assertEquals(List.of(2, 2, 3), uneven.stream().map(s -> s.validation().size()).toList());
    }

    @Test
    void a_split_keeps_at_least_one_asset_on_each_side() {
        AssetFold a = AssetFold.of(List.of("a", "b"), 0.01, 1);
        assertEquals(1, a.validation().size());
        assertEquals(1, a.fit().size());
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> AssetFold.of(List.of("a"), 0.2, 1));
        assertEquals("need at least 2 assets to hold some out for validation, found 1", e.getMessage());
    }

    @Test
    void sequence_columns_are_found_by_name() {
        List<String> columns = new ArrayList<>(List.of("age"));
        for (String ch : List.of("s2", "s3")) {
            for (int t = 0; t < 4; t++) {
                columns.add(ch + "_seq_" + t);
            }
        }
        SequenceColumns s = SequenceColumns.of(columns);
        assertEquals(List.of("s2", "s3"), s.channels());
        assertEquals(4, s.window());
    }

    @Test
    void a_table_without_sequence_columns_or_with_ragged_ones_is_refused() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> SequenceColumns.of(List.of("s2_mean_w30")));
        assertTrue(e.getMessage().startsWith("the feature rows have no sequence columns"), e.getMessage());
        e = assertThrows(InvalidSpecException.class,
                () -> SequenceColumns.of(List.of("a_seq_0", "a_seq_1", "b_seq_0")));
        assertEquals("sequence channels have different lengths: 'b' has 1 positions, others 2", e.getMessage());
        e = assertThrows(InvalidSpecException.class, () -> SequenceColumns.of(List.of("a_seq_0", "a_seq_2")));
        assertEquals("channel 'a' has 2 sequence columns but no 'a_seq_1'", e.getMessage());
    }

    @Test
    void labels_above_the_cap_are_refused_naming_the_row() {
        FeatureTable t = new FeatureTable(List.of("a_seq_0"));
        t.row("7", 3, new double[] {1});
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> new RulExamples(t, new double[] {130}, 125));
        assertEquals("row 0 (asset 7, time 3) has label 130.0, outside [0, 125.0]; label with a capped"
                + " RemainingUsefulLife", e.getMessage());
        assertEquals(Double.NaN, new RulExamples(t, new double[] {Double.NaN}, 125).rul(0));
    }

    @Test
    void settings_outside_their_ranges_are_refused() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> TrainingSettings.standard(1).withOptimizer(0.001, 1.5, 0));
        assertEquals("learningRateDecay must be in (0, 1], found 1.5", e.getMessage());
        assertThrows(InvalidSpecException.class, () -> TrainingSettings.standard(1).withMembers(0));
        assertThrows(InvalidSpecException.class, () -> new CnnArchitecture(0, 16, 5, 32, 0.3));
        e = assertThrows(InvalidSpecException.class, () -> new LstmArchitecture(1, 32, 32, 1.0));
        assertEquals("dropout must be in [0, 1), found 1.0", e.getMessage());
    }

    @Test
    void settings_go_into_provenance_with_the_architecture_named() {
        var hp = org.prognos.models.bundle.Provenance.hyperparametersOf(SequenceSettings.lstm(9));
        assertEquals("lstm", hp.get("architecture").get("type").asText());
        assertEquals(32, hp.get("architecture").get("units").asInt());
        assertEquals(9, hp.get("training").get("seed").asLong());
        assertEquals(ChannelSelectionRule.defaults().minAbsCorrelation(), hp.get("channels").get("minAbsCorrelation").asDouble());
    }
}
