package org.prognos.features.spectral;

import java.math.BigDecimal;
import org.prognos.features.InvalidSpecException;

/** Shared validation and column-name formatting for features configured with frequencies. */
final class FrequencyLabels {

    private FrequencyLabels() {
    }

    /**
     * A frequency as it appears in a column name: the shortest decimal, with {@code p} for the point so the
     * name stays an identifier ({@code 500} for 500.0, {@code 12p5} for 12.5).
     */
    static String label(double hz) {
        return BigDecimal.valueOf(hz).stripTrailingZeros().toPlainString().replace('.', 'p');
    }

    /** Rejects a frequency that is negative, infinite or NaN, naming the feature kind and the field. */
    static void requireFrequency(String kind, String field, double hz) {
        if (!(hz >= 0.0) || Double.isInfinite(hz)) {
            throw new InvalidSpecException(kind + " " + field + " must be a finite frequency >= 0 Hz, got " + hz);
        }
    }

    /** Rejects a sample rate that no channel can have. */
    static void requireSampleRate(double sampleRateHz) {
        if (!(sampleRateHz > 0.0) || Double.isInfinite(sampleRateHz)) {
            throw new IllegalArgumentException("sample rate must be finite and positive, got " + sampleRateHz + " Hz");
        }
    }
}
