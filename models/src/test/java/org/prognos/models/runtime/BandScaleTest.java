package org.prognos.models.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.models.TestModels;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.registry.ModelRegistry;

/**
 * Anomaly models band on false-alarm rates, supervised models relative to their threshold; both put "high" at the
 * alarm threshold.
 */
class BandScaleTest {
    private static final double EXACT = 1e-12;

    @TempDir
    Path tmp;

    @Test
    void relative_scale_is_the_supervised_bands_unchanged() {
        BandScale s = new BandScale.Relative(0.3);
        for (double r = 0; r <= 1; r += 0.01) {
            assertEquals(RiskBand.of(r, 0.3), s.band(r), "risk " + r);
        }
    }

    @Test
    void false_alarm_scale_starts_watch_at_five_alpha_high_at_alpha_and_critical_at_a_tenth() {
        BandScale s = new BandScale.FalseAlarm(0.01);
        assertEquals(0.99, s.threshold(), EXACT);
        assertEquals(0.95, s.lowerBound(RiskBand.WATCH), EXACT);
        assertEquals(0.999, s.lowerBound(RiskBand.CRITICAL), EXACT);
        assertEquals(RiskBand.LOW, s.band(0.5));
        assertEquals(RiskBand.LOW, s.band(0.9499));
        assertEquals(RiskBand.WATCH, s.band(0.95));
        assertEquals(RiskBand.HIGH, s.band(0.99));
        assertEquals(RiskBand.CRITICAL, s.band(0.9995));
        // a large α keeps every band non-empty and in order
        BandScale wide = new BandScale.FalseAlarm(0.5);
        assertEquals(0.25, wide.lowerBound(RiskBand.WATCH), EXACT);
        assertTrue(wide.lowerBound(RiskBand.WATCH) < wide.lowerBound(RiskBand.HIGH)
                && wide.lowerBound(RiskBand.HIGH) < wide.lowerBound(RiskBand.CRITICAL));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BandScale.FalseAlarm(0.6));
        assertTrue(e.getMessage().contains("falseAlarmRate"), e.getMessage());
    }

    /**
     * On the Azure anomaly fixture's own calibration rows (machines 15-20), the bands hold the shares they promise:
     * about 5 % watch or worse, 1 % alarm, not the half of normal rows the supervised scale would put on watch.
     */
    @Test
    void an_anomaly_bundle_bands_its_normal_rows_at_the_promised_rates() throws Exception {
        ModelRegistry registry = new ModelRegistry(tmp.resolve("registry"));
        TestModels.publishAzureAnomaly(registry);
        try (LoadedModel m = LoadedModel.load(registry, TestModels.AZURE_ANOMALY + "@production")) {
            assertTrue(m.policy().bands() instanceof BandScale.FalseAlarm, m.policy().toString());
            AnomalyModel model = TestModels.azureAnomaly();
            var table = TestModels.azureAnomalyTable();
            double[][] rows = java.util.stream.IntStream.range(0, table.size())
                    .filter(i -> { int k = Integer.parseInt(table.asset(i).replaceAll("\\D", "")); return k >= 15 && k <= 20; })
                    .mapToObj(table::row).toArray(double[][]::new);
            double[] scores = model.score(rows).scores();
            double watchOrWorse = Arrays.stream(scores).filter(s -> m.policy().band(s).compareTo(RiskBand.WATCH) >= 0).count()
                    / (double) scores.length;
            double alarms = Arrays.stream(scores).filter(s -> m.policy().band(s).alarm()).count() / (double) scores.length;
            assertEquals(0.05, watchOrWorse, 0.01, "watch or worse on calibration rows");
            assertEquals(0.01, alarms, 0.005, "alarm on calibration rows");
            double supervisedWatch = Arrays.stream(scores).filter(s -> RiskBand.of(s, m.policy().threshold()).compareTo(RiskBand.WATCH) >= 0)
                    .count() / (double) scores.length;
            assertTrue(supervisedWatch > 0.4, "the old scale would put about half on watch: " + supervisedWatch);
        }
    }
}
