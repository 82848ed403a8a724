package org.prognos.training.evaluation;

import java.util.Arrays;

/**
 * Which asset and which time each evaluated row belongs to, in row order: the key that ties a row's prediction to
 * the failure log. Several rows may share an asset and a time (the peer protocol duplicates a row that lies in the
 * windows of two simultaneous failures); event metrics count such rows once.
 *
 * @param assets the asset id of each row
 * @param times  the time of each row, in ticks of the dataset's time axis
 */
public record RowTimes(String[] assets, long[] times) {
    public RowTimes {
        if (assets.length != times.length) {
            throw new EvaluationException("row times need one asset per time: " + assets.length + " assets, "
                    + times.length + " times");
        }
        assets = assets.clone();
        times = times.clone();
        for (int r = 0; r < assets.length; r++) {
            if (assets[r] == null) {
                throw new EvaluationException("row " + r + " has no asset id");
            }
        }
    }

    /** The number of rows. */
    public int size() {
        return times.length;
    }

    /** The asset of row {@code r}. */
    public String asset(int r) {
        return assets[r];
    }

    /** The time of row {@code r}. */
    public long time(int r) {
        return times[r];
    }

    @Override
    public String[] assets() {
        return assets.clone();
    }

    @Override
    public long[] times() {
        return times.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowTimes t && Arrays.equals(assets, t.assets) && Arrays.equals(times, t.times);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(assets) + Arrays.hashCode(times);
    }

    @Override
    public String toString() {
        return "RowTimes[" + times.length + " rows]";
    }
}
