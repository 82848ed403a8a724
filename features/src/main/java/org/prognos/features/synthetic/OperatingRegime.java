package org.prognos.features.synthetic;

/**
 * The operating modes of a network element: a traffic level and a cooling condition, seen through the
 * operating-setting channels {@code load_pct} and {@code ambient_c}. Every other channel's baseline moves
 * with the regime (a busy, hot hour runs warmer, faster fans, more CPU), so raw values mix regimes and
 * per-regime normalization is meaningful. The clusters are far apart next to their noise (±4 % load,
 * ±1.2 °C ambient), so {@link #nearest} recovers the regime of an hour from its settings.
 *
 * <p>Regimes follow the clock: mostly off-peak at night, busy in the day, peak and heat in the evening,
 * and they persist for a few hours at a time. A hot, busy hour also wears components faster.
 */
public enum OperatingRegime {
    /** Night-time traffic in a cool room. */
    OFF_PEAK(25, 18, 0.7),
    /** Daytime traffic at normal temperature. */
    BUSY(60, 24, 1.0),
    /** Evening peak with stressed cooling. */
    PEAK_HEAT(90, 33, 1.5);

    // Probabilities of each regime by part of day: night (0-6 h), day (7-17 h), evening (18-23 h).
    private static final double[][] NIGHT_DAY_EVENING = {
        {0.80, 0.20, 0.00},
        {0.15, 0.65, 0.20},
        {0.10, 0.40, 0.50},
    };

    private final double loadPct;
    private final double ambientC;
    private final double wear;

    OperatingRegime(double loadPct, double ambientC, double wear) {
        this.loadPct = loadPct;
        this.ambientC = ambientC;
        this.wear = wear;
    }

    /** The nominal traffic load of the regime, percent. */
    public double loadPct() {
        return loadPct;
    }

    /** The nominal ambient temperature of the regime, °C. */
    public double ambientC() {
        return ambientC;
    }

    /** How fast a degrading component wears in this regime, relative to {@link #BUSY}. */
    public double wear() {
        return wear;
    }

    /** The regime whose nominal settings are closest to the given ones (load and ambient weighed by their spread). */
    public static OperatingRegime nearest(double loadPct, double ambientC) {
        OperatingRegime best = BUSY;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (OperatingRegime r : values()) {
            double dl = (loadPct - r.loadPct) / 4.0;
            double da = (ambientC - r.ambientC) / 1.2;
            double distance = dl * dl + da * da;
            if (distance < bestDistance) {
                bestDistance = distance;
                best = r;
            }
        }
        return best;
    }

    /** The regime drawn by the uniform {@code u} in [0, 1) for an hour of day (0-23, UTC). */
    static OperatingRegime draw(int hourOfDay, double u) {
        double[] p = NIGHT_DAY_EVENING[hourOfDay < 7 ? 0 : hourOfDay < 18 ? 1 : 2];
        double cumulative = 0;
        for (OperatingRegime r : values()) {
            cumulative += p[r.ordinal()];
            if (u < cumulative) {
                return r;
            }
        }
        return PEAK_HEAT;
    }
}
