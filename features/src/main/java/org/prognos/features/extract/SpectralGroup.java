package org.prognos.features.extract;

import java.util.List;
import org.prognos.features.spec.FeatureGroup;
import org.prognos.features.spectral.Spectrum;
import org.prognos.features.spectral.SpectrumAnalyzer;
import org.prognos.features.spectral.SpectralFeature;

/**
 * A compiled spectral feature group: at each emitted row, one FFT over the last {@code fftSize} samples of
 * one channel of one window block, shared by every feature of the group. Not incremental: O(n log n) per
 * row. The analyzer's workspace belongs to one asset state (see {@link #newAnalyzer()}), since asset states
 * are single-threaded.
 */
final class SpectralGroup {
    private final FeatureGroup.Spectral def;
    private final int block;
    private final int channel;

    private SpectralGroup(FeatureGroup.Spectral def, int block, int channel) {
        this.def = def;
        this.block = block;
        this.channel = channel;
    }

    static SpectralGroup compile(FeatureGroup.Spectral s, int block, int channel) {
        return new SpectralGroup(s, block, channel);
    }

    int size() {
        return def.features().size();
    }

    String name(int f) {
        return def.features().get(f).name();
    }

    SpectrumAnalyzer newAnalyzer() {
        return new SpectrumAnalyzer(def.fft());
    }

    /** Every feature of the group for the state's current window. */
    double[] evaluate(AssetState state, SpectrumAnalyzer analyzer, double[] buffer) {
        int n = state.block(block).copyValues(channel, buffer, buffer.length);
        Spectrum sp = analyzer.analyze(buffer, 0, n, def.sampleRateHz());
        List<SpectralFeature> fs = def.features();
        double[] out = new double[fs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = fs.get(i).apply(sp);
        }
        return out;
    }

    int fftSize() {
        return def.fft().fftSize();
    }
}
