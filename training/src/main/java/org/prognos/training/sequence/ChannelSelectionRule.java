package org.prognos.training.sequence;

import org.prognos.features.InvalidSpecException;

/**
 * Which channels a sequence model reads, decided on training rows only, with no list of sensor names: a fleet
 * with other sensors gets its own selection. A channel is kept when, over the training rows,
 * <ol>
 *   <li>its current reading (the newest position of its sequence, already normalized per operating regime by the
 *       feature spec) has a standard deviation of at least {@code minStd}: a channel that is constant within every
 *       regime carries no information (the spec's normalizer maps it to a constant), and</li>
 *   <li>the absolute Pearson correlation between that reading and the (capped) remaining life is at least
 *       {@code minAbsCorrelation}: a channel that does not move with wear (noise, or a setting the controller holds)
 *       only gives the network something to overfit.</li>
 * </ol>
 * Rows with a {@code NaN} reading or label are left out of both statistics.
 *
 * @param minStd            least standard deviation of the normalized reading, {@code >= 0}
 * @param minAbsCorrelation least |correlation| with remaining life, in [0, 1)
 */
public record ChannelSelectionRule(double minStd, double minAbsCorrelation) {
    public ChannelSelectionRule {
        if (!(minStd >= 0) || !Double.isFinite(minStd)) {
            throw new InvalidSpecException("minStd must be finite and at least 0, found " + minStd);
        }
        if (!(minAbsCorrelation >= 0 && minAbsCorrelation < 1)) {
            throw new InvalidSpecException("minAbsCorrelation must be in [0, 1), found " + minAbsCorrelation);
        }
    }

    /**
     * Standard deviation at least 1e-6 and |r| at least 0.2, a conventional bound for a negligible correlation. On
     * C-MAPSS FD001 this keeps 14 of 21 sensors: it drops the 6 constant ones and sensor 6 (two distinct values,
     * |r| = 0.10).
     */
    public static ChannelSelectionRule defaults() {
        return new ChannelSelectionRule(1e-6, 0.2);
    }

    /** Keeps every channel that is not constant. */
    public static ChannelSelectionRule nonConstant() {
        return new ChannelSelectionRule(1e-6, 0);
    }
}
