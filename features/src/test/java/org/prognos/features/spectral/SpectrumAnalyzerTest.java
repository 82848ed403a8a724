package org.prognos.features.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.prognos.features.InvalidSpecException;

class SpectrumAnalyzerTest {

    /** Round-off of a few FFT butterflies on values of order one. */
    private static final double EXACT = 1e-12;
    /** Parseval's identity, relative to the total power. */
    private static final double PARSEVAL_RELATIVE = 1e-9;
    /** FFT against the O(N^2) DFT, relative to the total power. */
    private static final double FFT_VS_DFT_RELATIVE = 1e-9;
    /** Windows analyzed while counting allocations. */
    private static final int WINDOWS = 100;
    /**
     * Bytes the allocation counter itself may account for. Commons Math's {@code transform(double[], ...)}
     * would allocate about 200 KB per 4096-point window (a copy, an imaginary array and 4096 {@code Complex}).
     */
    private static final long ALLOCATION_SLACK_BYTES = 64 * 1024;
    /** A 1e6 offset costs about ten digits of each sample's 16. */
    private static final double OFFSET_RELATIVE = 1e-6;

    @Test
    void four_point_dft_matches_hand_computation() {
        // x = [1, 2, 3, 4], mean 2.5, y = [-1.5, -0.5, 0.5, 1.5].
        // X0 = 0; X1 = -1.5 - 0.5(-i) + 0.5(-1) + 1.5(i) = -2 + 2i, |X1|^2 = 8; X2 = -1.5 + 0.5 + 0.5 - 1.5 = -2.
        // N = 4, W = 4: P0 = 0, P1 = 2 * 8 / 16 = 1, P2 = 4 / 16 = 0.25; total 1.25 = population variance of x.
        Spectrum s = Spectrum.of(new double[] {1, 2, 3, 4}, 4.0, SpectrumSettings.rectangular(4));

        assertArrayEquals(new double[] {0.0, 1.0, 0.25}, s.powers(), EXACT);
        assertArrayEquals(new double[] {0.0, 1.0, 2.0}, s.frequenciesHz(), EXACT);
        assertEquals(1.25, s.totalPower(), EXACT);
    }

    @Test
    void eight_point_cosine_puts_half_its_squared_amplitude_in_its_bin() {
        // 5 + 3 cos(2 pi n / 8): the offset is removed, X1 = X7 = 3 * 8 / 2 = 12, P1 = 2 * 144 / (8 * 8) = 4.5.
        double[] x = new double[8];
        for (int n = 0; n < 8; n++) {
            x[n] = 5.0 + 3.0 * Math.cos(2.0 * Math.PI * n / 8.0);
        }
        Spectrum s = Spectrum.of(x, 8.0, SpectrumSettings.rectangular(8));

        assertArrayEquals(new double[] {0.0, 4.5, 0.0, 0.0, 0.0}, s.powers(), EXACT);
    }

    @ParameterizedTest(name = "{0} samples, fft {1}, hann {2}")
    @CsvSource({"512,512,false", "512,512,true", "300,512,true", "300,512,false", "2000,512,true", "5,8,true"})
    void fft_matches_the_defining_dft_bin_by_bin(int samples, int fftSize, boolean hann) {
        double[] x = Signals.add(Signals.whiteNoise(samples, 0.3, 11), Signals.sine(samples, 1000.0, 97.0, 1.0, 0.4));
        x[samples / 3] = Double.NaN;
        SpectrumSettings settings = new SpectrumSettings(fftSize, hann ? Taper.HANN : Taper.NONE);

        Spectrum s = Spectrum.of(x, 1000.0, settings);
        double[] expected = NaiveDft.power(x, fftSize, hann);

        double tolerance = FFT_VS_DFT_RELATIVE * s.totalPower();
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], s.power(k), tolerance, "bin " + k);
        }
    }

    @ParameterizedTest(name = "{0} samples, fft {1}, hann {2}")
    @CsvSource({"1024,1024,false", "1024,1024,true", "700,1024,true", "5000,1024,false", "3,4,false", "4096,4096,true"})
    void one_sided_power_sums_to_the_weighted_mean_square_of_the_window(int samples, int fftSize, boolean hann) {
        double[] x = Signals.add(Signals.whiteNoise(samples, 1.0, 5), Signals.sine(samples, 20000.0, 236.0, 2.0, 1.0));
        x = Signals.offset(x, 3.5);
        SpectrumSettings settings = new SpectrumSettings(fftSize, hann ? Taper.HANN : Taper.NONE);

        Spectrum s = Spectrum.of(x, 20000.0, settings);
        double timeDomain = NaiveDft.weightedMeanSquare(x, fftSize, hann);
        double binSum = Arrays.stream(s.powers()).sum();

        assertEquals(timeDomain, binSum, PARSEVAL_RELATIVE * timeDomain);
        assertEquals(binSum, s.totalPower(), PARSEVAL_RELATIVE * timeDomain);
    }

    @Test
    void untapered_total_power_is_the_population_variance() {
        double[] x = Signals.whiteNoise(1000, 2.0, 3);
        double mean = Arrays.stream(x).average().orElseThrow();
        double variance = Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / x.length;

        Spectrum s = Spectrum.of(x, 100.0, SpectrumSettings.rectangular(1024));

        assertEquals(variance, s.totalPower(), PARSEVAL_RELATIVE * variance);
    }

    @Test
    void zero_padding_a_short_window_keeps_a_tone_power_at_half_its_squared_amplitude() {
        // 1000 samples at 1 kHz hold exactly 50 cycles of a 50 Hz tone, so the window's variance is A^2 / 2.
        double[] x = Signals.sine(1000, 1000.0, 50.0, 2.0, 0.0);

        Spectrum padded = Spectrum.of(x, 1000.0, SpectrumSettings.rectangular(4096));

        assertEquals(1000, padded.sampleCount());
        assertEquals(2.0, padded.totalPower(), PARSEVAL_RELATIVE);
        assertEquals(50.0, new DominantFrequency().apply(padded), padded.binWidthHz());
    }

    @Test
    void window_longer_than_the_fft_size_contributes_its_last_samples() {
        double[] tail = Signals.sine(1024, 1000.0, 125.0, 1.0, 0.2);
        double[] window = new double[3000 + tail.length];
        System.arraycopy(Signals.whiteNoise(3000, 5.0, 1), 0, window, 0, 3000);
        System.arraycopy(tail, 0, window, 3000, tail.length);
        SpectrumSettings settings = SpectrumSettings.hann(1024);

        Spectrum fromWindow = Spectrum.of(window, 1000.0, settings);
        Spectrum fromTail = Spectrum.of(tail, 1000.0, settings);

        assertEquals(1024, fromWindow.sampleCount());
        assertArrayEquals(fromTail.powers(), fromWindow.powers(), EXACT);
    }

    @Test
    void slice_analysis_equals_analysis_of_the_copied_slice() {
        double[] buffer = Signals.whiteNoise(900, 1.0, 8);
        SpectrumAnalyzer analyzer = new SpectrumAnalyzer(SpectrumSettings.hann(256));

        double[] fromSlice = analyzer.analyze(buffer, 100, 600, 50.0).powers();
        double[] fromCopy = analyzer.analyze(Arrays.copyOfRange(buffer, 100, 600), 50.0).powers();

        assertArrayEquals(fromCopy, fromSlice, 0.0);
    }

    @Test
    void a_large_offset_does_not_change_the_spectrum() {
        double[] x = Signals.add(Signals.sine(2048, 2000.0, 60.0, 0.5, 0.0), Signals.whiteNoise(2048, 0.1, 4));
        SpectrumSettings settings = SpectrumSettings.hann(2048);

        Spectrum centred = Spectrum.of(x, 2000.0, settings);
        Spectrum shifted = Spectrum.of(Signals.offset(x, 1e6), 2000.0, settings);

        double tolerance = OFFSET_RELATIVE * centred.totalPower();
        for (int k = 0; k < centred.binCount(); k++) {
            assertEquals(centred.power(k), shifted.power(k), tolerance, "bin " + k);
        }
    }

    @Test
    void constant_signal_has_exactly_zero_power_in_every_bin() {
        double[] x = new double[7];
        Arrays.fill(x, 0.1); // 0.1 * 7 / 7 != 0.1 in floating point: the mean alone would leave residue
        x[3] = Double.NaN;

        Spectrum s = Spectrum.of(x, 10.0, SpectrumSettings.hann(8));

        assertTrue(s.isDefined());
        assertEquals(0.0, s.totalPower());
        assertTrue(Arrays.stream(s.powers()).allMatch(p -> p == 0.0));
    }

    @Test
    void single_sample_leaves_the_spectrum_undefined() {
        Spectrum s = Spectrum.of(new double[] {4.2}, 10.0, SpectrumSettings.hann(8));

        assertFalse(s.isDefined());
        assertEquals(1, s.sampleCount());
        assertTrue(Double.isNaN(s.totalPower()));
        assertTrue(Arrays.stream(s.powers()).allMatch(Double::isNaN));
    }

    @Test
    void empty_window_and_one_finite_sample_among_gaps_leave_the_spectrum_undefined() {
        SpectrumAnalyzer analyzer = new SpectrumAnalyzer(SpectrumSettings.hann(8));

        assertFalse(analyzer.analyze(new double[0], 10.0).isDefined());
        Spectrum gaps = analyzer.analyze(new double[] {Double.NaN, 1.0, Double.NaN}, 10.0);
        assertFalse(gaps.isDefined());
        assertEquals(2, gaps.missingCount());
    }

    @Test
    void gaps_are_replaced_by_the_window_mean_and_counted() {
        double[] x = Signals.whiteNoise(64, 1.0, 21);
        double[] withGaps = x.clone();
        withGaps[5] = Double.NaN;
        withGaps[40] = Double.NaN;
        double[] withInfinity = withGaps.clone();
        withInfinity[40] = Double.POSITIVE_INFINITY;

        Spectrum s = Spectrum.of(withGaps, 64.0, SpectrumSettings.rectangular(64));
        Spectrum inf = Spectrum.of(withInfinity, 64.0, SpectrumSettings.rectangular(64));

        assertEquals(2, s.missingCount());
        assertArrayEquals(NaiveDft.power(withGaps, 64, false), s.powers(), FFT_VS_DFT_RELATIVE * s.totalPower());
        assertArrayEquals(s.powers(), inf.powers(), 0.0);
    }

    @Test
    void analyzer_reuses_one_spectrum_and_copy_detaches_it() {
        SpectrumAnalyzer analyzer = new SpectrumAnalyzer(SpectrumSettings.hann(64));
        double[] first = Signals.sine(64, 64.0, 4.0, 1.0, 0.0);
        double[] second = Signals.sine(64, 64.0, 20.0, 3.0, 0.0);

        Spectrum view = analyzer.analyze(first, 64.0);
        Spectrum kept = view.copy();
        Spectrum next = analyzer.analyze(second, 64.0);

        assertSame(view, next);
        assertArrayEquals(Spectrum.of(first, 64.0, SpectrumSettings.hann(64)).powers(), kept.powers(), 0.0);
        assertEquals(4.0, new DominantFrequency().apply(kept), EXACT);
        assertEquals(20.0, new DominantFrequency().apply(next), EXACT);
    }

    @Test
    void analyze_allocates_nothing_per_window() {
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean() instanceof ThreadMXBean,
                "this JVM cannot count allocated bytes");
        ThreadMXBean counter = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        SpectrumAnalyzer analyzer = new SpectrumAnalyzer(SpectrumSettings.hann(4096));
        double[] x = Signals.whiteNoise(4096, 1.0, 12);
        double[] shorter = Arrays.copyOf(x, 3000);
        for (int i = 0; i < 50; i++) {
            analyzer.analyze(i % 2 == 0 ? x : shorter, 20000.0);
        }

        long before = counter.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < WINDOWS; i++) {
            analyzer.analyze(i % 2 == 0 ? x : shorter, 20000.0);
        }
        long allocated = counter.getCurrentThreadAllocatedBytes() - before;

        assertTrue(allocated < ALLOCATION_SLACK_BYTES, allocated + " bytes for " + WINDOWS + " windows");
    }

    @Test
    void frequency_grid_follows_the_sample_rate_of_each_window() {
        SpectrumAnalyzer analyzer = new SpectrumAnalyzer(SpectrumSettings.hann(2048));
        double[] x = Signals.whiteNoise(2048, 1.0, 2);

        analyzer.analyze(x, 1000.0);
        Spectrum s = analyzer.analyze(x, 20000.0);

        assertEquals(1025, s.binCount());
        assertEquals(20000.0 / 2048, s.binWidthHz(), 0.0);
        assertEquals(10000.0, s.frequencyHz(1024), 0.0);
        assertEquals(10000.0, s.nyquistHz(), 0.0);
        assertEquals(236 * 20000.0 / 2048, s.frequencyHz(236), 0.0);
    }

    @Test
    void analyze_rejects_a_sample_rate_that_is_not_finite_and_positive() {
        SpectrumAnalyzer analyzer = new SpectrumAnalyzer(SpectrumSettings.hann(8));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> analyzer.analyze(new double[] {1, 2}, 0.0));
        assertEquals("sample rate must be finite and positive, got 0.0 Hz", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> analyzer.analyze(new double[] {1, 2}, Double.NaN));
    }

    @Test
    void settings_reject_an_fft_size_that_is_not_a_power_of_two_of_at_least_four() {
        InvalidSpecException notPowerOfTwo = assertThrows(InvalidSpecException.class,
                () -> SpectrumSettings.hann(1000));
        assertEquals("spectrum fftSize must be a power of two between 4 and 16777216, got 1000",
                notPowerOfTwo.getMessage());
        assertThrows(InvalidSpecException.class, () -> SpectrumSettings.rectangular(2));
        assertThrows(InvalidSpecException.class, () -> SpectrumSettings.rectangular(0));
        assertThrows(NullPointerException.class, () -> new SpectrumSettings(8, null));
    }
}
