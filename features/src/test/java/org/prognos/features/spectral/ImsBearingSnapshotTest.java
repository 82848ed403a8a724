package org.prognos.features.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Real vibration from the NASA IMS bearing test 2, bearing 1 (outer-race failure; see
 * {@code src/test/resources/ims/README.md}): the first snapshot of the run against the last one recorded with
 * the rig running, 2,048 samples at 20 kHz each.
 */
class ImsBearingSnapshotTest {

    private static final double RATE_HZ = 20000.0;
    private static final SpectrumSettings SETTINGS = SpectrumSettings.hann(2048);
    private static final BandAround OUTER_RACE = new BandAround(236, 10);
    /** The late snapshot has about 68 times the early one's power around 236 Hz; ask for a clear rise only. */
    private static final double CLEAR_RISE = 10.0;
    /** Parseval on real data, relative to the variance. */
    private static final double PARSEVAL_RELATIVE = 1e-9;

    @Test
    void late_snapshot_has_more_energy_around_the_outer_race_defect_frequency() throws IOException {
        Spectrum early = Spectrum.of(read("bearing1_2004.02.12.10.32.39_first2048.txt.gz"), RATE_HZ, SETTINGS);
        Spectrum late = Spectrum.of(read("bearing1_2004.02.19.06.02.39_first2048.txt.gz"), RATE_HZ, SETTINGS);

        double earlyDefect = OUTER_RACE.apply(early);
        double lateDefect = OUTER_RACE.apply(late);

        assertTrue(lateDefect > CLEAR_RISE * earlyDefect, "early " + earlyDefect + ", late " + lateDefect);
        assertTrue(late.totalPower() > early.totalPower());
    }

    @Test
    void snapshot_spectrum_sums_to_the_variance_of_its_samples() throws IOException {
        double[] x = read("bearing1_2004.02.12.10.32.39_first2048.txt.gz");
        double mean = Arrays.stream(x).average().orElseThrow();
        double variance = Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / x.length;

        Spectrum s = Spectrum.of(x, RATE_HZ, SpectrumSettings.rectangular(2048));

        assertEquals(2048, x.length);
        assertEquals(variance, s.totalPower(), PARSEVAL_RELATIVE * variance);
    }

    private static double[] read(String name) throws IOException {
        InputStream resource = ImsBearingSnapshotTest.class.getResourceAsStream("/ims/" + name);
        assertNotNull(resource, name);
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(resource), StandardCharsets.US_ASCII))) {
            return reader.lines().filter(line -> !line.isBlank()).mapToDouble(line -> Double.parseDouble(line.trim()))
                    .toArray();
        }
    }
}
