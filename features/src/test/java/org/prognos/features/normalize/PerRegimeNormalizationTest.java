package org.prognos.features.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.extract.BatchExtractor;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.spec.EmitConfig;
import org.prognos.features.spec.FeatureGroup;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.spec.SpecJson;
import org.prognos.features.spec.TimeConfig;
import org.prognos.features.spec.WindowConfig;
import org.prognos.features.telemetry.AssetAttributes;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.EventLog;
import org.prognos.features.telemetry.InMemoryTelemetry;
import org.prognos.features.telemetry.TimeAxis;

/**
 * Per-regime normalization on SYNTHETIC multi-regime data shaped like C-MAPSS FD002/FD004: six discrete
 * operating conditions (three settings with small noise) that move every sensor far more than wear does.
 */
class PerRegimeNormalizationTest {
    static final double[][] CONDITIONS = {{0, 0, 100}, {10, 0.25, 100}, {20, 0.7, 100}, {25, 0.62, 60}, {35, 0.84, 100}, {42, 0.84, 100}};
    static final List<String> CHANNELS = List.of("os1", "os2", "os3", "s1", "s2");

    /** Units that wear linearly to failure; sensors = regime level + wear + noise. Returns per-row true RUL too. */
    static InMemoryTelemetry fleet(int units, long seed, java.util.List<Double> rul) {
        SplittableRandom rng = new SplittableRandom(seed);
        InMemoryTelemetry t = new InMemoryTelemetry("synthetic six-regime fleet", new TimeAxis.Cycles(), CHANNELS);
        for (int u = 0; u < units; u++) {
            int life = 150 + rng.nextInt(150);
            for (int c = 1; c <= life; c++) {
                double[] op = CONDITIONS[rng.nextInt(6)];
                double wear = (double) c / life;
                double s1 = 500 + 30 * op[0] + 200 * op[1] + 2 * wear * wear + 0.2 * gauss(rng);
                double s2 = 1400 - 5 * op[0] + 3 * op[2] - 3 * wear * wear + 0.3 * gauss(rng);
                t.add(Integer.toString(u), c, op[0] + 0.002 * gauss(rng), op[1] + 0.0002 * gauss(rng), op[2], s1, s2);
                rul.add((double) (life - c));
            }
        }
        return t;
    }

    static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    static FeatureSpec spec(NormalizationConfig n) {
        return new FeatureSpec(null, "six-regimes", null, TimeConfig.cycles(), CHANNELS, Map.of("w", WindowConfig.ofSamples(1)),
                EmitConfig.everySample(), false, null, null, List.of(new FeatureGroup.WindowStats(List.of("last"), List.of("s1", "s2"), "w")),
                n, null);
    }

    @Test
    void six_operating_conditions_are_found_automatically() {
        FeatureSpec fitted = spec(NormalizationConfig.perRegime(List.of("os1", "os2", "os3"), 1)).fit(fleet(20, 1, new java.util.ArrayList<>()));
        assertEquals(6, fitted.normalizer().orElseThrow().regimeCount());
    }

    @Test
    void one_noisy_operating_point_is_one_regime() {
        SplittableRandom rng = new SplittableRandom(5);
        InMemoryTelemetry t = new InMemoryTelemetry("one condition", new TimeAxis.Cycles(), CHANNELS);
        for (int i = 0; i < 5000; i++) {
            t.add("u", i, 0.001 * gauss(rng), 0.0003 * gauss(rng), 100, 500 + gauss(rng), 1400 + gauss(rng));
        }
        FeatureSpec fitted = spec(NormalizationConfig.perRegime(List.of("os1", "os2", "os3"), 1)).fit(t);
        assertEquals(1, fitted.normalizer().orElseThrow().regimeCount());
    }

    @Test
    void per_regime_normalization_reveals_wear_that_raw_sensors_hide() throws Exception {
        java.util.List<Double> rul = new java.util.ArrayList<>();
        InMemoryTelemetry train = fleet(30, 2, new java.util.ArrayList<>());
        InMemoryTelemetry test = fleet(10, 3, rul);
        FeatureSpec raw = spec(null);
        FeatureSpec norm = spec(NormalizationConfig.perRegime(List.of("os1", "os2", "os3"), 1)).fit(train);
        double rawCorr = Math.abs(correlation(raw, test, rul));
        double normCorr = Math.abs(correlation(norm, test, rul));
        assertTrue(rawCorr < 0.2, "raw sensor vs RUL correlation " + rawCorr);
        assertTrue(normCorr > 0.6, "normalized sensor vs RUL correlation " + normCorr);
    }

    private static double correlation(FeatureSpec spec, InMemoryTelemetry data, java.util.List<Double> rul) throws Exception {
        FeatureExtractor ex = new FeatureExtractor(spec);
        FeatureTable t = new FeatureTable(ex.columns());
        new BatchExtractor(ex).run(new Dataset(data, EventLog.empty(), AssetAttributes.none()), t);
        double[] x = new double[t.size()];
        for (int i = 0; i < t.size(); i++) {
            x[i] = t.value(i, 0);
        }
        return new PearsonsCorrelation().correlation(x, rul.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Test
    void fitting_uses_the_training_data_only_and_survives_a_json_round_trip() {
        InMemoryTelemetry train = fleet(10, 4, new java.util.ArrayList<>());
        FeatureSpec fitted = spec(NormalizationConfig.perRegime(List.of("os1", "os2", "os3"), 1)).fit(train);
        FittedNormalizer n = fitted.normalizer().orElseThrow();
        // every regime's statistics equal those computed directly on the training readings of that regime
        double[][] sum = new double[6][2];
        long[] cnt = new long[6];
        train.forEach((a, t, v) -> {
            int r = n.regimeOf(new double[] {v[0], v[1], v[2]});
            sum[r][0] += v[3];
            sum[r][1] += v[4];
            cnt[r]++;
        });
        for (int r = 0; r < 6; r++) {
            assertEquals(sum[r][0] / cnt[r], n.mean()[r][0], 1e-9);
            assertEquals(cnt[r], n.counts()[r]);
        }
        FeatureSpec back = SpecJson.parse(SpecJson.write(fitted), "round trip");
        assertEquals(fitted, back);
        assertEquals(fitted.hash(), back.hash());
    }

    @Test
    void an_unfitted_normalization_cannot_extract() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> new FeatureExtractor(spec(NormalizationConfig.perRegime(List.of("os1", "os2", "os3"), 1))));
        assertTrue(e.getMessage().contains("has not been fitted"), e.getMessage());
    }
}
