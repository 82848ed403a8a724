package org.prognos.features.scan;

import java.util.Objects;

/**
 * What a scorer of an asset's whole stream (fed every feature row of the asset in the scan's one pass) computed, carried
 * with the asset's scan to a report that reads the scan elsewhere ({@code prognos report --scans}): a scan otherwise
 * holds only the asset's latest window and its recent days' vectors, which is all a model that scores a window alone
 * needs, and not enough for one that scores each row against the asset's past (an anomaly model scored adaptively).
 * The numbers mean what the scorer says they mean; this library only carries them.
 *
 * @param scorer  what computed them (the model, {@code name:version}), so that a report with another model refuses them
 * @param last    the scorer's state after the asset's last feature row, as numbers (an adaptive anomaly model: its last
 *                step)
 * @param history one score at each of the scan's history times, {@code NaN} where no row was scored then
 */
public record StreamScores(String scorer, double[] last, double[] history) {
    public StreamScores {
        Objects.requireNonNull(scorer, "scorer");
        last = last.clone();
        history = history.clone();
    }

    @Override
    public double[] last() {
        return last.clone();
    }

    @Override
    public double[] history() {
        return history.clone();
    }
}
