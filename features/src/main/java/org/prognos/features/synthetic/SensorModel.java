package org.prognos.features.synthetic;

/**
 * Turns an element's hidden state into one reading. Baselines follow the operating settings (load and
 * ambient), per-element offsets make elements differ, and each component's severity {@code s} (0 healthy,
 * 1 failed; {@link AssetLife#severity}) moves its own channels:
 * <ul>
 *   <li>laser: bias current +22·s mA, optical power −3.5·s dB (−30 dBm, loss of signal, once failed);</li>
 *   <li>fan: rpm −1500·s with noise growing 5-fold, temperature +10·s °C (stalled and +22 °C once failed);</li>
 *   <li>psu: temperature and CPU noise grow (1 + 3s)-fold, plus heat and CPU spikes with chance 0.5 % + 15 %·s per hour;</li>
 *   <li>amplifier: SNR −9·s dB; FEC counts follow the SNR margin, corrected ones first, uncorrected once the margin is gone.</li>
 * </ul>
 * Values are rounded to each channel's resolution, then single cells go missing at the configured rate.
 * Draws come from the element's sensor stream only, so they never change the element's life.
 */
final class SensorModel {
    static final int SENSOR_STREAM = 2;
    private static final int[] DECIMALS = Channel.all().stream().mapToInt(Channel::decimals).toArray();
    private static final double[] SCALE = {1, 10, 100, 1000, 10000};
    /** FEC counters saturate: at most this many codewords per hour of traffic are counted. */
    private static final double MAX_COUNT_PER_HOUR = 50_000;

    private final AssetProfile p;
    private final Draws draws;
    private final double logKeep;
    private final double countScale;
    private final double maxCount;
    private long cellsUntilMissing;

    SensorModel(FleetConfig config, AssetProfile profile) {
        this.p = profile;
        this.draws = new Draws(Draws.streamSeed(config.seed(), profile.index(), SENSOR_STREAM));
        this.logKeep = config.missingRate() > 0 ? StrictMath.log1p(-config.missingRate()) : 0;
        this.countScale = config.stepHours();
        this.maxCount = MAX_COUNT_PER_HOUR * countScale;
        this.cellsUntilMissing = draws.geometric(logKeep);
    }

    /** Writes the reading of the element's current state into {@code out}, indexed like {@link Channel}. */
    void read(AssetLife life, double[] out) {
        OperatingRegime r = life.regime();
        double load = clamp(r.loadPct() + 4 * draws.gaussian(), 0, 100);
        double ambient = r.ambientC() + 1.2 * draws.gaussian();
        double laser = life.severity(Component.LASER);
        double fan = life.severity(Component.FAN);
        double psu = life.severity(Component.PSU);
        double amp = life.severity(Component.AMPLIFIER);
        boolean laserDead = life.failed(Component.LASER);
        boolean fanDead = life.failed(Component.FAN);
        boolean ampDead = life.failed(Component.AMPLIFIER);

        double psuNoise = 1 + 3 * psu;
        boolean spike = draws.chance((0.005 + 0.15 * psu) * countScale);
        double spikeHeat = spike ? draws.uniform(3, 9) : 0;
        double spikeCpu = spike ? draws.uniform(15, 35) : 0;

        double temperature = 26 + 0.12 * load + 0.9 * (ambient - 20) + p.temperatureOffset()
                + 10 * fan + (fanDead ? 12 : 0) + spikeHeat + 0.4 * psuNoise * draws.gaussian();
        double bias = laserDead ? 90 + 2 * draws.gaussian()
                : 38 + 0.04 * load + 0.3 * (temperature - 40) + p.biasOffset() + 22 * laser + 0.25 * draws.gaussian();
        double power = laserDead ? -30 + draws.gaussian()
                : 2.5 - 0.03 * (ambient - 20) + p.powerOffset() - 3.5 * laser + 0.06 * draws.gaussian();
        double snr = 39.5 - 0.03 * load - 0.06 * (ambient - 20) + p.snrOffset() - 9 * amp - laser
                + 0.25 * draws.gaussian() - (ampDead ? 10 : 0) - (laserDead ? 15 : 0);
        double margin = snr - 30;
        double traffic = (0.5 + load / 100) * countScale;
        double corrected = draws.poisson(Math.min(maxCount, 400 * traffic * StrictMath.exp(-margin / 2)));
        double uncorrected = draws.poisson(Math.min(maxCount, 20 * traffic * StrictMath.exp(-margin / 0.9)));
        double rpm = fanDead ? 150 + 80 * draws.gaussian()
                : 2600 + 35 * (ambient - 20) + 6 * load + p.fanOffset() - 1500 * fan + 25 * (1 + 4 * fan) * draws.gaussian();
        double cpu = clamp(5 + 0.7 * load + spikeCpu + 2 * psuNoise * draws.gaussian(), 0, 100);

        out[0] = load;
        out[1] = ambient;
        out[2] = temperature;
        out[3] = bias;
        out[4] = power;
        out[5] = snr;
        out[6] = corrected;
        out[7] = uncorrected;
        out[8] = Math.max(0, rpm);
        out[9] = cpu;
        for (int i = 0; i < DECIMALS.length; i++) {
            if (cellsUntilMissing == 0) {
                out[i] = Double.NaN;
                cellsUntilMissing = draws.geometric(logKeep);
            } else {
                cellsUntilMissing--;
                out[i] = quantize(out[i], DECIMALS[i]);
            }
        }
    }

    /** {@code v} rounded to {@code decimals} places, the channel's reporting resolution. */
    static double quantize(double v, int decimals) {
        double scale = SCALE[decimals];
        return Math.round(v * scale) / scale;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
