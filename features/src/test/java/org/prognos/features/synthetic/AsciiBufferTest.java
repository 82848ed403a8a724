package org.prognos.features.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.prognos.features.telemetry.TimeAxis;

class AsciiBufferTest {

    private static String render(AsciiBuffer b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        b.drainTo(out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static String fixed(double v, int decimals) throws IOException {
        return render(new AsciiBuffer(8).fixed(v, decimals));
    }

    @Test
    void fixed_writes_exactly_the_requested_decimals() throws IOException {
        assertEquals("3.14", fixed(3.14159, 2));
        assertEquals("2.50", fixed(2.5, 2));
        assertEquals("0.05", fixed(0.05, 2));
        assertEquals("7", fixed(7.4, 0));
        assertEquals("1000.000", fixed(999.9999, 3));
    }

    @Test
    void fixed_writes_negative_values_with_one_sign() throws IOException {
        assertEquals("-0.50", fixed(-0.5, 2));
        assertEquals("-30.25", fixed(-30.25, 2));
        assertEquals("0.00", fixed(-0.001, 2));
    }

    @Test
    void fixed_writes_nothing_for_nan_so_the_cell_is_empty() throws IOException {
        assertEquals("", fixed(Double.NaN, 2));
    }

    @Test
    void fixed_falls_back_to_plain_notation_for_huge_values() throws IOException {
        assertEquals("1.0E20", fixed(1e20, 2));
    }

    @Test
    void fixed_round_trips_quantized_values_exactly() throws IOException {
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 10_000; i++) {
            int decimals = r.nextInt(4);
            double v = SensorModel.quantize(r.nextDouble(-5000, 5000), decimals);
            assertEquals(v, Double.parseDouble(fixed(v, decimals)), 0.0, "value " + v);
        }
    }

    @Test
    void integer_writes_extremes() throws IOException {
        assertEquals("0", render(new AsciiBuffer(1).integer(0)));
        assertEquals("-9223372036854775808", render(new AsciiBuffer(1).integer(Long.MIN_VALUE)));
        assertEquals("9223372036854775807", render(new AsciiBuffer(1).integer(Long.MAX_VALUE)));
    }

    @Test
    void timestamp_agrees_with_the_time_axis_format() throws IOException {
        TimeAxis axis = TimeAxis.Timestamps.utc();
        SplittableRandom r = new SplittableRandom(9);
        AsciiBuffer b = new AsciiBuffer(16);
        for (int i = 0; i < 5_000; i++) {
            long micros = r.nextLong(-30_000_000_000_000_000L, 250_000_000_000_000_000L);
            b.timestamp(micros);
            assertEquals(axis.format(micros), render(b));
        }
    }

    @Test
    void buffer_grows_past_its_initial_capacity() throws IOException {
        AsciiBuffer b = new AsciiBuffer(1);
        String s = "x".repeat(1000);
        b.text(s).ch('!');
        assertEquals(s + "!", render(b));
    }
}
