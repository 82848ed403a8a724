package org.prognos.features.spectral;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prognos.features.InvalidSpecException;

/** Degenerate windows, validation and names: the cases written down in the Javadoc. */
class SpectralFeatureEdgeCasesTest {

    static final List<SpectralFeature> ALL = List.of(new BandEnergy(0, 500), new BandAround(236, 10),
            new DominantFrequency(), new SpectralCentroid(), new SpectralEntropy());
    private static final List<SpectralFeature> BANDS = List.of(new BandEnergy(0, 500), new BandAround(236, 10));
    private static final List<SpectralFeature> SHAPES = List.of(new DominantFrequency(), new SpectralCentroid(),
            new SpectralEntropy());
    private static final double RATE_HZ = 20000.0;
    private static final SpectrumSettings SETTINGS = SpectrumSettings.hann(2048);
    private static final double BIN_HZ = RATE_HZ / 2048;

    @Test
    void constant_signal_gives_zero_band_energy_and_undefined_shape() {
        Spectrum s = Spectrum.of(Signals.offset(new double[300], 9.81), RATE_HZ, SETTINGS);

        BANDS.forEach(f -> assertEquals(0.0, f.apply(s), f.name()));
        SHAPES.forEach(f -> assertTrue(Double.isNaN(f.apply(s)), f.name()));
    }

    @Test
    void single_sample_and_empty_window_make_every_feature_nan() {
        Spectrum single = Spectrum.of(new double[] {0.3}, RATE_HZ, SETTINGS);
        Spectrum empty = Spectrum.of(new double[0], RATE_HZ, SETTINGS);

        ALL.forEach(f -> assertTrue(Double.isNaN(f.apply(single)), f.name()));
        ALL.forEach(f -> assertTrue(Double.isNaN(f.apply(empty)), f.name()));
    }

    @Test
    void window_of_gaps_makes_every_feature_nan() {
        Spectrum s = Spectrum.of(new double[] {Double.NaN, Double.NaN, 1.0, Double.NaN}, RATE_HZ, SETTINGS);

        ALL.forEach(f -> assertTrue(Double.isNaN(f.apply(s)), f.name()));
    }

    @Test
    void two_samples_are_enough_for_a_spectrum() {
        Spectrum s = Spectrum.of(new double[] {0.0, 5.0}, RATE_HZ, SpectrumSettings.rectangular(2048));

        assertEquals(6.25, s.totalPower(), 1e-12);
        ALL.forEach(f -> assertTrue(Double.isFinite(f.apply(s)), f.name()));
    }

    @Test
    void gaps_in_a_tone_leave_its_dominant_frequency_and_most_of_its_band_energy() {
        double[] x = Signals.sine(2048, RATE_HZ, 236.0, 1.0, 0.0);
        for (int i = 0; i < x.length; i += 10) {
            x[i] = Double.NaN;
        }
        Spectrum s = Spectrum.of(x, RATE_HZ, SETTINGS);

        assertEquals(205, s.missingCount());
        assertEquals(236.0, new DominantFrequency().apply(s), BIN_HZ);
        assertTrue(new BandAround(236, 2 * BIN_HZ).apply(s) > 0.7 * s.totalPower());
        ALL.forEach(f -> assertTrue(Double.isFinite(f.apply(s)), f.name()));
    }

    @Test
    void window_shorter_than_the_fft_size_is_zero_padded_onto_the_same_grid() {
        Spectrum s = Spectrum.of(Signals.sine(500, RATE_HZ, 1000.0, 1.0, 0.0), RATE_HZ, SETTINGS);

        assertEquals(500, s.sampleCount());
        assertEquals(1025, s.binCount());
        assertEquals(1000.0, new DominantFrequency().apply(s), BIN_HZ);
        assertEquals(0.5, new BandEnergy(800, 1200).apply(s), 0.01);
    }

    @Test
    void band_above_nyquist_is_rejected_when_bound_to_a_sample_rate_and_reads_zero() {
        BandEnergy band = new BandEnergy(12000, 15000);
        BandAround around = new BandAround(11000, 50);
        Spectrum s = Spectrum.of(Signals.whiteNoise(2048, 1.0, 3), RATE_HZ, SETTINGS);

        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> band.validateFor(RATE_HZ));
        assertEquals("bandEnergy [12000.0, 15000.0) Hz lies above the Nyquist frequency 10000.0 Hz of a channel "
                + "sampled at 20000.0 Hz", e.getMessage());
        InvalidSpecException a = assertThrows(InvalidSpecException.class, () -> around.validateFor(RATE_HZ));
        assertEquals("bandAround centerHz 11000.0 Hz lies above the Nyquist frequency 10000.0 Hz of a channel "
                + "sampled at 20000.0 Hz", a.getMessage());
        assertEquals(0.0, band.apply(s));
        assertEquals(0.0, around.apply(s));
    }

    @Test
    void band_reaching_past_nyquist_is_accepted_and_counts_up_to_nyquist() {
        BandEnergy band = new BandEnergy(5000, 15000);
        Spectrum s = Spectrum.of(Signals.whiteNoise(2048, 1.0, 3), RATE_HZ, SETTINGS);

        assertDoesNotThrow(() -> band.validateFor(RATE_HZ));
        assertEquals(s.powerOfBins(s.binsBelow(5000), s.binCount()), band.apply(s), 0.0);
        assertDoesNotThrow(() -> new DominantFrequency().validateFor(RATE_HZ));
        assertThrows(IllegalArgumentException.class, () -> new SpectralEntropy().validateFor(-1));
    }

    @Test
    void constructors_reject_bands_that_are_not_frequencies() {
        InvalidSpecException reversed = assertThrows(InvalidSpecException.class, () -> new BandEnergy(500, 100));
        assertEquals("bandEnergy highHz must be greater than lowHz, got [500.0, 100.0) Hz", reversed.getMessage());
        InvalidSpecException negative = assertThrows(InvalidSpecException.class, () -> new BandEnergy(-5, 100));
        assertEquals("bandEnergy lowHz must be a finite frequency >= 0 Hz, got -5.0", negative.getMessage());
        assertThrows(InvalidSpecException.class, () -> new BandEnergy(0, Double.POSITIVE_INFINITY));
        assertThrows(InvalidSpecException.class, () -> new BandEnergy(Double.NaN, 10));
        assertThrows(InvalidSpecException.class, () -> new BandEnergy(10, 10));
        InvalidSpecException width = assertThrows(InvalidSpecException.class, () -> new BandAround(236, -1));
        assertEquals("bandAround halfWidthHz must be a finite frequency >= 0 Hz, got -1.0", width.getMessage());
        assertThrows(InvalidSpecException.class, () -> new BandAround(Double.NaN, 10));
    }

    @Test
    void names_are_stable_identifier_safe_column_suffixes() {
        assertEquals("band_0_500hz", new BandEnergy(0, 500).name());
        assertEquals("band_12p5_1000hz", new BandEnergy(12.5, 1000).name());
        assertEquals("around_236hz_pm10hz", new BandAround(236, 10).name());
        assertEquals("around_236p4hz_pm0p5hz", new BandAround(236.4, 0.5).name());
        assertEquals("dominant_hz", new DominantFrequency().name());
        assertEquals("centroid_hz", new SpectralCentroid().name());
        assertEquals("entropy", new SpectralEntropy().name());
        assertEquals(new BandAround(236, 10), new BandAround(236.0, 10.0));
        assertNotEquals(new BandAround(236, 10).name(), new BandAround(236, 20).name());
    }
}
