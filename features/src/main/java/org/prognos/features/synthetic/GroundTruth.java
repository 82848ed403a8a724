package org.prognos.features.synthetic;

import java.util.Objects;

/**
 * The hidden state of one synthetic element over its history: the operating regime and every component's
 * degradation at each interval. Real fleets never offer this; a synthetic one does, so health-index and
 * remaining-life models can be scored against the truth and tests can check the generator itself.
 *
 * <p>Degradation is 0 for a healthy component and grows to 1, where the component fails; a failed
 * component keeps its value until replaced (a sudden failure may leave it anywhere below 1).
 */
public final class GroundTruth {
    private final String asset;
    private final boolean neverFails;
    private final long start;
    private final long interval;
    private final byte[] regimes;
    private final double[][] degradation;
    private final boolean[][] failed;

    GroundTruth(String asset, boolean neverFails, long start, long interval, int steps) {
        this.asset = Objects.requireNonNull(asset, "asset");
        this.neverFails = neverFails;
        this.start = start;
        this.interval = interval;
        this.regimes = new byte[steps];
        int n = Component.values().length;
        this.degradation = new double[n][steps];
        this.failed = new boolean[n][steps];
    }

    void record(int step, AssetLife life) {
        regimes[step] = (byte) life.regime().ordinal();
        for (Component c : Component.values()) {
            degradation[c.ordinal()][step] = life.degradation(c);
            failed[c.ordinal()][step] = life.failed(c);
        }
    }

    /** The element's id. */
    public String asset() {
        return asset;
    }

    /** Whether the element was drawn as one that never degrades (its history is censored by design). */
    public boolean neverFails() {
        return neverFails;
    }

    /** Number of intervals. */
    public int steps() {
        return regimes.length;
    }

    /** Time of interval {@code step}, in ticks (epoch microseconds). */
    public long time(int step) {
        return start + step * interval;
    }

    /** The interval holding {@code time}, clamped to the history. */
    public int stepAt(long time) {
        long s = Math.floorDiv(time - start, interval);
        return (int) Math.max(0, Math.min(regimes.length - 1, s));
    }

    /** Operating regime during interval {@code step}. */
    public OperatingRegime regime(int step) {
        return OperatingRegime.values()[regimes[step]];
    }

    /** Degradation of {@code component} during interval {@code step}: 0 healthy, 1 worn out. */
    public double degradation(Component component, int step) {
        return degradation[component.ordinal()][step];
    }

    /** Whether {@code component} is failed (and not yet replaced) during interval {@code step}. */
    public boolean failed(Component component, int step) {
        return failed[component.ordinal()][step];
    }
}
