package org.prognos.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.prognos.PrognosException;
import org.prognos.features.extract.AssetState;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.spec.SpecJson;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.anomaly.ColumnScaling;
import org.prognos.models.anomaly.ContextMember;
import org.prognos.models.anomaly.NeighbourDetector;
import org.prognos.models.anomaly.ScoreCalibration;

/**
 * NAB's machine-temperature file as the NAB runner scores it, for the adaptive scorer's benchmarks: one feature row
 * per record through the streaming extraction of {@code nab-value-lags.json} (a lag window of 10 values), the knn
 * family fitted on the probation (750 records: the first 75 % fit, the rest calibrate) and the runner's adaptive
 * settings, with or without the contextual member. The runner lives in the training module, which the benchmark jar
 * leaves out, so the fit is written again here from the models module's parts; it is the runner's because on this file
 * the knn memory (2000) exceeds the 562 fit rows, so the detector keeps all of them in order, whatever the seed
 * ({@code DetectorSettings.Knn}); {@code AdaptiveStepBenchmarkTest} holds the rows, the model and the settings equal
 * to the runner's ({@code NabRunner.rows}, {@code NabRunner.fit}).
 *
 * @param model    the fitted knn model, scored adaptively with {@code settings}
 * @param settings configuration 43's ({@code prognosKnnOnline}) or 58's ({@code prognosKnnContextForget2000})
 * @param rows     one feature row per record, in file order
 */
public record AdaptiveFixture(AnomalyModel model, AdaptiveScoring settings, double[][] rows) {
    /** The NAB file, under the NAB folder's {@code data}. */
    static final String FILE = "realKnownCause/machine_temperature_system_failure.csv";
    /** NAB's probation on this file: min(15 % of 22,695, 750). */
    static final int PROBATION = 750;
    /** The runner's share of the probation that fits (the rest calibrates) and its false-alarm rate. */
    private static final int FIT_SHARE_PERCENT = 75;
    private static final double FALSE_ALARM_RATE = 0.01;
    private static final int K = 5;

    /** Which of the runner's settings. */
    public enum Settings {
        /** Configuration 43, {@code prognosKnnOnline}: online neighbours alone. */
        NEIGHBOURS,
        /** Configuration 58, {@code prognosKnnContextForget2000}: the same with the contextual member (memory 2000). */
        CONTEXTUAL
    }

    /** The fixture, reading the bundled data under {@code root} ({@code notebooks-data}). */
    static AdaptiveFixture machineTemperature(Path root, Settings which) {
        FeatureExtractor extractor = new FeatureExtractor(SpecJson.read(root.resolve("specs/nab-value-lags.json")));
        double[][] rows = streamRows(extractor, root.resolve("nab/data").resolve(FILE));
        List<String> columns = extractor.columns();
        AdaptiveScoring neighbours = AdaptiveScoring.onlineNeighbours(2000, 10).withRangeCheck(0.05)
                .withExtremes(AdaptiveScoring.Extremes.ALWAYS)
                .withRest(AdaptiveScoring.RestRule.UNTIL_QUIET, 100).withSlowMean(50);
        AdaptiveScoring settings = which == Settings.NEIGHBOURS ? neighbours
                : neighbours.withContext(new ContextMember(columns.get(columns.size() - 1), 2000, 0.5, PROBATION));
        return new AdaptiveFixture(fit(columns, rows).withScoring(new AnomalyScoring.Adaptive(settings)), settings, rows);
    }

    /** The bundled data folder: {@code notebooks-data} from the repository root, or from a module's folder (tests). */
    static Path dataRoot() {
        Path here = Path.of(System.getProperty("prognos.data", "notebooks-data"));
        return Files.isDirectory(here) || here.isAbsolute() ? here : Path.of("..").resolve(here);
    }

    /** A fresh scorer fed the first {@code n} rows. */
    AdaptiveScorer fedWith(int n) {
        AdaptiveScorer scorer = new AdaptiveScorer(model, settings);
        for (int r = 0; r < n; r++) {
            scorer.next(rows[r]);
        }
        return scorer;
    }

    /** The runner's fit: column scaling and the knn detector on the first 75 % of the probation, calibrated on the rest. */
    private static AnomalyModel fit(List<String> columns, double[][] rows) {
        int fit = PROBATION * FIT_SHARE_PERCENT / 100;
        ColumnScaling scaling = ColumnScaling.fit(Arrays.copyOfRange(rows, 0, fit), columns.size());
        double[][] z = new double[fit][];
        for (int r = 0; r < fit; r++) {
            z[r] = scaling.apply(rows[r]);
        }
        NeighbourDetector detector = new NeighbourDetector(z, Math.min(K, fit));
        double[] raw = new double[PROBATION - fit];
        double[] scratch = new double[columns.size()];
        for (int r = fit; r < PROBATION; r++) {
            raw[r - fit] = detector.score(scaling.apply(rows[r]), scratch);
        }
        return AnomalyModel.of(columns, scaling, detector, ScoreCalibration.fit(raw, FALSE_ALARM_RATE));
    }

    /**
     * One row per record through an asset's streaming state, as the runner's streaming extraction; a time not after
     * its predecessor's is pushed 1 µs past it (the file repeats an hour), as {@code NabSeries.streamTimes}.
     */
    private static double[][] streamRows(FeatureExtractor extractor, Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        TimeAxis axis = TimeAxis.Timestamps.utc();
        AssetState state = extractor.newState(file.getFileName().toString(), Map.of());
        double[][] rows = new double[lines.size() - 1][];
        int[] at = {0};
        long last = Long.MIN_VALUE;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int comma = line.indexOf(',');
            if (comma < 0) {
                throw new PrognosException(file + ", line " + (i + 1) + ": expected timestamp,value, found '" + line + "'");
            }
            long time = Math.max(axis.parse(line.substring(0, comma)), last + 1);
            last = time;
            state.reading(time, new double[] {Double.parseDouble(line.substring(comma + 1))},
                    (asset, t, v) -> rows[at[0]++] = v.clone());
        }
        if (at[0] != rows.length) {
            throw new PrognosException("nab-value-lags.json emitted " + at[0] + " rows for " + rows.length + " records");
        }
        return rows;
    }
}
