package org.prognos.models.anomaly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The contextual member's tests' stream: the first {@link #ROWS} values of NAB's machine-temperature file (real data),
 * as rows of its last three values, a z-score model fitted on the first {@link #LEARNING} rows, and online neighbours
 * small enough that their ring wraps in the stream, with the NAB detector's rest rules.
 */
final class MachineTemperatureRows {
    static final Path FILE = Path.of("../notebooks-data/nab/data/realKnownCause/machine_temperature_system_failure.csv");
    static final List<String> COLUMNS = List.of("lag2", "lag1", "now");
    static final int ROWS = 3000;
    static final int LEARNING = 300;
    static final int MEMORY = 250;
    static final AdaptiveScoring PLAIN = new AdaptiveScoring(200, 3, 2, 5, 300, 50, 0.999, 100, 0.05)
            .withRest(AdaptiveScoring.RestRule.UNTIL_QUIET, 100).withExtremes(AdaptiveScoring.Extremes.ALWAYS);

    private MachineTemperatureRows() {
    }

    static double[] values() throws IOException {
        return Files.readAllLines(FILE).subList(1, ROWS + 1).stream()
                .mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
    }

    /** Row i: the values at i − 2, i − 1 and i (the first value standing in before the start). */
    static double[][] rows(double[] v) {
        double[][] rows = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            rows[i] = new double[] {v[Math.max(0, i - 2)], v[Math.max(0, i - 1)], v[i]};
        }
        return rows;
    }

    /** A z-score model fitted on the first {@link #LEARNING} rows, calibrated at 1 %. */
    static AnomalyModel model(double[][] rows) {
        double[][] fit = Arrays.copyOf(rows, LEARNING);
        ColumnScaling scaling = ColumnScaling.fit(fit, COLUMNS.size());
        ZScoreDetector detector = new ZScoreDetector(COLUMNS.size());
        double[] raw = Arrays.stream(fit).mapToDouble(x -> detector.score(scaling.apply(x), new double[3])).toArray();
        return AnomalyModel.of(COLUMNS, scaling, detector, ScoreCalibration.fit(raw, 0.01));
    }
}
