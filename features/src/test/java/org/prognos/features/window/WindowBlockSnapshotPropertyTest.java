package org.prognos.features.window;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.prognos.features.InvalidTelemetryException;

/**
 * A window block written and read back into a new block, again and again along a long stream, tracks the block
 * that was never interrupted bit for bit: every statistic after every reading, and in the end the same bytes.
 * The streams are long next to the windows and have gaps, missing values, level shifts and spikes, so the
 * restored blocks go through the periodic, drift and residue recomputes, ring growth, and every phase of the
 * count window's min/max blocks.
 */
class WindowBlockSnapshotPropertyTest {
    private static final int ALL = WindowBlock.MOMENT4 | WindowBlock.TIME | WindowBlock.MIN | WindowBlock.MAX;
    private static final int[] CHANNELS = {0, 1};

    @Property(tries = 60)
    void a_block_restored_along_the_stream_tracks_the_original(@ForAll @IntRange(min = 0, max = 1_000_000) int seed)
            throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        WindowBlock original = newBlock(seed);
        WindowBlock restored = newBlock(seed);
        int restoreOneIn = 1 + rng.nextInt(20);
        long t = 0;
        double level = rng.nextDouble() * 1e4;
        for (int i = 0; i < 1500; i++) {
            t += rng.nextInt(8) == 0 ? 1 + rng.nextInt(60) : 1 + rng.nextInt(3);
            if (rng.nextInt(300) == 0) {
                level = rng.nextDouble() * 1e4;
            }
            double[] v = {value(rng, level), value(rng, level)};
            if (rng.nextInt(restoreOneIn) == 0) {
                restored = roundTrip(restored, seed);
            }
            step(original, t, v);
            step(restored, t, v);
            assertSameStatistics(original, restored, "reading " + i);
        }
        assertArrayEquals(bytes(original), bytes(restored));
        assertTrue(restored.estimatedBytes() <= original.estimatedBytes());
    }

    @Test
    void a_block_is_refused_when_its_counts_or_times_cannot_be_this_window() throws IOException {
        WindowBlock w = WindowBlock.bySamples(4, 2, ALL, 1.0);
        for (int i = 0; i < 6; i++) {
            w.push(i, new double[] {i, -i}, CHANNELS);
        }
        byte[] saved = bytes(w);

        byte[] tooMany = saved.clone();
        ByteBuffer.wrap(tooMany).putInt(8, 5);
        assertRefused(tooMany, WindowBlock.bySamples(4, 2, ALL, 1.0), "a window of the last 4 readings holds 5 after 6 readings");
        byte[] unordered = saved.clone();
        ByteBuffer.wrap(unordered).putLong(29 + 8, 1);
        assertRefused(unordered, WindowBlock.bySamples(4, 2, ALL, 1.0), "reading times out of order: 1 after 2");
        assertRefused(saved, WindowBlock.bySpan(10, 3, 2, ALL, 1.0), "4 readings in a window that holds at most 3");
    }

    @Test
    void only_a_new_block_is_restored_into() throws IOException {
        WindowBlock w = WindowBlock.bySamples(4, 2, ALL, 1.0);
        w.push(1, new double[] {1, 2}, CHANNELS);
        byte[] saved = bytes(w);
        assertThrows(IllegalStateException.class, () -> w.readFrom(new DataInputStream(new ByteArrayInputStream(saved))));
    }

    /** A count or span window on two channels, the same for the same seed. */
    private static WindowBlock newBlock(int seed) {
        SplittableRandom shape = new SplittableRandom(seed);
        double slopeUnit = 1 + shape.nextInt(5);
        return shape.nextBoolean() ? WindowBlock.bySamples(1 + shape.nextInt(60), 2, ALL, slopeUnit)
                : WindowBlock.bySpan(1 + shape.nextInt(200), 4096, 2, ALL, slopeUnit);
    }

    private static double value(SplittableRandom rng, double level) {
        int r = rng.nextInt(100);
        if (r < 5) {
            return Double.NaN;
        }
        if (r < 7) {
            return level * 1e6;
        }
        return r < 10 ? level : level + rng.nextGaussian() * 1e-3;
    }

    private static void step(WindowBlock w, long t, double[] v) {
        if (w.span() > 0) {
            w.evictBefore(t - w.span() + 1);
        }
        w.push(t, v, CHANNELS);
    }

    private static WindowBlock roundTrip(WindowBlock w, int seed) throws IOException {
        byte[] saved = bytes(w);
        WindowBlock fresh = newBlock(seed);
        fresh.readFrom(new DataInputStream(new ByteArrayInputStream(saved)));
        assertArrayEquals(saved, bytes(fresh), "write → read → write");
        return fresh;
    }

    private static byte[] bytes(WindowBlock w) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        w.writeTo(new DataOutputStream(out));
        return out.toByteArray();
    }

    private static void assertSameStatistics(WindowBlock expected, WindowBlock actual, String where) {
        assertEquals(expected.size(), actual.size(), where + ": size");
        for (int c = 0; c < CHANNELS.length; c++) {
            for (Stat s : Stat.values()) {
                assertEquals(Double.doubleToRawLongBits(s.apply(expected, c)), Double.doubleToRawLongBits(s.apply(actual, c)),
                        where + ", channel " + c + ", " + s.label() + ": " + s.apply(expected, c) + " vs " + s.apply(actual, c));
            }
        }
    }

    private static void assertRefused(byte[] saved, WindowBlock into, String expected) {
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class,
                () -> into.readFrom(new DataInputStream(new ByteArrayInputStream(saved))));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
