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
    void a_scalar_fills_every_position_of_its_channel_after_the_sequences() {
        List<String> columns = new java.util.ArrayList<>(TinyNetworks.columns());
        columns.add("age");
        SequenceInput in = new SequenceInput(TinyNetworks.WINDOW, List.of("vib"), List.of("age"),
                new double[] {3, 10}, new double[] {2, 5});
        double[] row = new double[columns.size()];
        for (int c = 0; c < row.length; c++) {
            row[c] = c; // temp_seq_0..4 = 0..4, vib_seq_0..4 = 5..9, age = 10
        }
        row[10] = 20;
        assertEquals(2, in.depth());
        assertEquals(List.of("vib_seq_0", "vib_seq_1", "vib_seq_2", "vib_seq_3", "vib_seq_4", "age"), in.columns());
        float[] x = in.encode(new double[][] {row, row}, in.indicesIn(columns));
        float[] one = {1f, 1.5f, 2f, 2.5f, 3f, 2f, 2f, 2f, 2f, 2f};
        float[] two = new float[20];
        System.arraycopy(one, 0, two, 0, 10);
        System.arraycopy(one, 0, two, 10, 10);
        assertArrayEquals(two, x, EXACT, "vib's window, then (age - 10) / 5 at every position; row after row");
        row[10] = Double.NaN;
        float[] missing = in.encode(new double[][] {row}, in.indicesIn(columns));
        assertArrayEquals(new float[5], java.util.Arrays.copyOfRange(missing, 5, 10), EXACT, "a missing scalar is 0");
    }

    @Test
    void a_scalar_needs_its_own_statistics_and_a_name_of_its_own() {
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> new SequenceInput(5,
                List.of("vib"), List.of("age"), new double[] {3}, new double[] {2}));
        assertTrue(e.getMessage().contains("per channel and scalar (2), found 1 and 1"), e.getMessage());
        assertThrows(BundleFormatException.class, () -> new SequenceInput(5, List.of("vib"), List.of("vib"),
                new double[] {3, 3}, new double[] {2, 2}));
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
