package org.prognos.features.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The features on signals whose spectra are known in closed form. */
class SpectralFeaturesTest {

    private static final double RATE_HZ = 20000.0;
    private static final int FFT_SIZE = 4096;
    private static final double BIN_HZ = RATE_HZ / FFT_SIZE;
    /** Sums of a few thousand bins, each exact to round-off. */
    private static final double EXACT = 1e-9;
    /** Hann leakage outside a band of a few bins around a tone, as a fraction of its power. */
    private static final double HANN_LEAKAGE = 1e-3;
    /** Spread of the normalized entropy of one white-noise periodogram with 2048 bins around its mean. */
    private static final double NOISE_ENTROPY_SPREAD = 0.015;

    @Test
    void dominant_frequency_of_a_sine_between_bins_is_within_one_bin() {
        Spectrum s = Spectrum.of(Signals.sine(FFT_SIZE, RATE_HZ, 236.0, 1.0, 0.3), RATE_HZ,
                SpectrumSettings.hann(FFT_SIZE));

        assertEquals(236.0, new DominantFrequency().apply(s), BIN_HZ);
    }

    @Test
    void band_around_a_sine_holds_all_its_energy() {
        double onBin = 48 * BIN_HZ;
        Spectrum rectangular = Spectrum.of(Signals.sine(FFT_SIZE, RATE_HZ, onBin, 2.0, 0.0), RATE_HZ,
                SpectrumSettings.rectangular(FFT_SIZE));
        Spectrum hann = Spectrum.of(Signals.sine(FFT_SIZE, RATE_HZ, 236.0, 2.0, 0.0), RATE_HZ,
                SpectrumSettings.hann(FFT_SIZE));

        assertEquals(2.0, new BandAround(onBin, BIN_HZ / 2).apply(rectangular), EXACT);
        assertEquals(rectangular.totalPower(), new BandAround(onBin, BIN_HZ / 2).apply(rectangular), EXACT);
        double around = new BandAround(236.0, 5 * BIN_HZ).apply(hann);
        assertEquals(1.0, around / hann.totalPower(), HANN_LEAKAGE);
    }

    @Test
    void band_energies_of_two_sines_are_in_the_ratio_of_their_squared_amplitudes() {
        double[] x = Signals.add(Signals.sine(FFT_SIZE, RATE_HZ, 1000.0, 3.0, 0.1),
                Signals.sine(FFT_SIZE, RATE_HZ, 3000.0, 1.0, 0.7));
        Spectrum s = Spectrum.of(x, RATE_HZ, SpectrumSettings.hann(FFT_SIZE));

        double low = new BandEnergy(500, 1500).apply(s);
        double high = new BandEnergy(2500, 3500).apply(s);

        assertEquals(9.0, low / high, 9.0 * HANN_LEAKAGE);
        assertEquals(4.5, low, 4.5 * HANN_LEAKAGE);
        assertEquals(0.5, high, 0.5 * HANN_LEAKAGE);
    }

    @Test
    void adjacent_half_open_bands_partition_the_spectrum() {
        Spectrum s = Spectrum.of(Signals.whiteNoise(FFT_SIZE, 1.0, 17), RATE_HZ, SpectrumSettings.hann(FFT_SIZE));
        double nyquist = s.nyquistHz();

        double sum = new BandEnergy(0, 2500).apply(s) + new BandEnergy(2500, 5000).apply(s)
                + new BandEnergy(5000, nyquist).apply(s);

        assertEquals(s.totalPower() - s.power(s.binCount() - 1), sum, EXACT * s.totalPower());
        assertEquals(s.totalPower(), new BandEnergy(0, nyquist + 1).apply(s), EXACT * s.totalPower());
    }

    @Test
    void band_energy_includes_its_low_edge_and_excludes_its_high_edge() {
        double onBin = 100 * BIN_HZ;
        Spectrum s = Spectrum.of(Signals.sine(FFT_SIZE, RATE_HZ, onBin, 1.0, 0.0), RATE_HZ,
                SpectrumSettings.rectangular(FFT_SIZE));

        assertEquals(0.5, new BandEnergy(onBin, onBin + 1).apply(s), EXACT);
        assertEquals(0.0, new BandEnergy(onBin - 1, onBin).apply(s), EXACT);
    }

    @Test
    void band_around_is_closed_and_falls_back_to_the_nearest_bin_when_narrower_than_a_bin() {
        // 1024 Hz, 128 points: bins every 8 Hz; the tone sits on bin 8 (64 Hz).
        Spectrum s = Spectrum.of(Signals.sine(128, 1024.0, 64.0, 1.0, 0.0), 1024.0, SpectrumSettings.rectangular(128));

        assertEquals(0.5, new BandAround(72.0, 8.0).apply(s), EXACT);
        assertEquals(0.5, new BandAround(66.0, 1.0).apply(s), EXACT);
        assertEquals(0.5, new BandAround(63.0, 0.0).apply(s), EXACT);
        assertEquals(0.0, new BandAround(70.0, 1.0).apply(s), EXACT);
    }

    @Test
    void centroid_of_two_tones_is_their_power_weighted_mean_frequency() {
        double f1 = 100 * BIN_HZ;
        double f2 = 300 * BIN_HZ;
        double[] x = Signals.add(Signals.sine(FFT_SIZE, RATE_HZ, f1, 2.0, 0.0), Signals.sine(FFT_SIZE, RATE_HZ, f2, 1.0, 0.0));
        Spectrum s = Spectrum.of(x, RATE_HZ, SpectrumSettings.rectangular(FFT_SIZE));

        assertEquals((4.0 * f1 + 1.0 * f2) / 5.0, new SpectralCentroid().apply(s), EXACT * f2);
        assertEquals(f1, new DominantFrequency().apply(s), 0.0);
    }

    @Test
    void white_noise_has_entropy_near_one() {
        // For a noise periodogram, bins are independent exponentials: E[entropy] = ln M - (1 - gamma) nats.
        int bins = FFT_SIZE / 2;
        double expected = 1.0 - (1.0 - 0.5772156649) / Math.log(bins);
        Spectrum s = Spectrum.of(Signals.whiteNoise(FFT_SIZE, 1.0, 99), RATE_HZ, SpectrumSettings.rectangular(FFT_SIZE));

        double entropy = new SpectralEntropy().apply(s);

        assertEquals(expected, entropy, NOISE_ENTROPY_SPREAD);
        assertTrue(entropy > 0.9, "entropy " + entropy);
    }

    @Test
    void single_tone_has_entropy_near_zero() {
        Spectrum s = Spectrum.of(Signals.sine(FFT_SIZE, RATE_HZ, 48 * BIN_HZ, 1.0, 0.0), RATE_HZ,
                SpectrumSettings.rectangular(FFT_SIZE));

        assertEquals(0.0, new SpectralEntropy().apply(s), EXACT);
    }

    @Test
    void every_feature_reads_the_same_shared_spectrum_as_a_fresh_one() {
        double[] x = Signals.add(Signals.whiteNoise(2048, 0.2, 6), Signals.sine(2048, RATE_HZ, 236.0, 1.0, 0.0));
        SpectrumAnalyzer analyzer = new SpectrumAnalyzer(SpectrumSettings.hann(2048));
        analyzer.analyze(Signals.whiteNoise(2048, 7.0, 1), RATE_HZ);
        Spectrum shared = analyzer.analyze(x, RATE_HZ);
        Spectrum fresh = Spectrum.of(x, RATE_HZ, SpectrumSettings.hann(2048));

        for (SpectralFeature feature : SpectralFeatureEdgeCasesTest.ALL) {
            assertEquals(feature.apply(fresh), feature.apply(shared), 0.0, feature.name());
        }
    }
}
