package org.prognos.features.extract;

import org.prognos.features.InvalidSpecException;
import org.prognos.features.spec.FeatureGroup;

/** A compiled spectral feature group: one FFT per emitted row over one channel of one window block. */
final class SpectralGroup {
    private SpectralGroup() {
    }

    static SpectralGroup compile(FeatureGroup.Spectral s, int block, int channel, String where) {
        throw new InvalidSpecException("at '" + where + "': spectral features are not available in this build");
    }

    int size() {
        return 0;
    }

    String name(int f) {
        throw new IndexOutOfBoundsException(f);
    }

    double[] evaluate(AssetState state) {
        return new double[0];
    }
}
