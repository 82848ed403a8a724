package org.prognos.models.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prognos.models.BundleFormatException;

class SequenceInputTest {
    static final float EXACT = 0f;

    @Test
    void encoding_picks_the_selected_channels_channel_major_and_standardizes_them() {
        List<String> columns = TinyNetworks.columns();
        SequenceInput in = TinyNetworks.vibOnly();
        double[] row = new double[columns.size()];
        for (int c = 0; c < row.length; c++) {
            row[c] = c; // temp_seq_0..4 = 0..4, vib_seq_0..4 = 5..9
        }
        float[] x = in.encode(new double[][] {row}, in.indicesIn(columns));
        assertArrayEquals(new float[] {1f, 1.5f, 2f, 2.5f, 3f}, x, EXACT, "(vib - 3) / 2, oldest first");
    }

    @Test
    void a_missing_value_becomes_the_training_mean() {
        SequenceInput in = TinyNetworks.both();
        double[] row = new double[10];
        java.util.Arrays.fill(row, Double.NaN);
        float[] x = in.encode(new double[][] {row}, in.indicesIn(TinyNetworks.columns()));
        assertArrayEquals(new float[10], x, EXACT);
    }

    @Test
    void rows_without_the_sequence_columns_are_refused_naming_them() {
        BundleFormatException e = assertThrows(BundleFormatException.class,
                () -> TinyNetworks.both().indicesIn(List.of("temp_seq_0", "temp_mean_n5")));
        assertTrue(e.getMessage().contains("[temp_seq_1, temp_seq_2, temp_seq_3, temp_seq_4, vib_seq_0] and 4 more"),
                e.getMessage());
    }

    @Test
    void a_zero_or_missing_standard_deviation_is_refused() {
        BundleFormatException e = assertThrows(BundleFormatException.class,
                () -> new SequenceInput(5, List.of("vib"), new double[] {1}, new double[] {0}));
        assertEquals("channel 'vib': mean must be finite and standard deviation positive and finite, found 1.0 and 0.0",
                e.getMessage());
        assertThrows(BundleFormatException.class, () -> new SequenceInput(5, List.of("vib", "temp"), new double[] {1},
                new double[] {1}));
        assertThrows(BundleFormatException.class, () -> new SequenceInput(5, List.of("vib", "vib"),
                new double[] {1, 1}, new double[] {1, 1}));
    }

    @Test
    void statistics_are_copied_in_and_out() {
        double[] mean = {3};
        SequenceInput in = new SequenceInput(5, List.of("vib"), mean, new double[] {2});
        mean[0] = 99;
        in.mean()[0] = 98;
        assertEquals(3, in.mean()[0]);
        assertEquals(TinyNetworks.vibOnly(), in);
    }
}
