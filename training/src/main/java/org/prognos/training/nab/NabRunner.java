package org.prognos.training.nab;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.prognos.PrognosException;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.extract.AssetState;
import org.prognos.features.extract.BatchExtractor;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.telemetry.AssetAttributes;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.EventLog;
import org.prognos.features.telemetry.InMemoryTelemetry;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.anomaly.ContextBlend;
import org.prognos.models.anomaly.context.ContextSettings;
import org.prognos.models.anomaly.spectral.SpectralResidualScorer;
import org.prognos.models.anomaly.spectral.SpectralResidualSettings;
import org.prognos.training.anomaly.AnomalyFitter;
import org.prognos.training.anomaly.DetectorSettings;

/**
 * Runs NAB under its rules with the product's code. For each file, as one asset:
 * <ol>
 * <li>every record goes through the spec's streaming extraction ({@link AssetState}), giving one feature row per
 * record;</li>
 * <li>at the end of the probationary period (p = {@link NabSeries#probation()} records) the family is fitted on the
 * probation rows by {@link AnomalyFitter} with the single-asset time split: the first
 * {@value #FIT_SHARE_PERCENT} % of them fit the scaling and the detector, the rest only calibrate;</li>
 * <li>an {@link AdaptiveScorer} scores every row in order from the first (probation rows build its history); the
 * records of the probationary period are written with score 0, as NAB ignores them.</li>
 * </ol>
 * A family that cannot fit on a file's probation (PCA when every column is constant there) falls back to the
 * z-score baseline for that file; {@link #fallbacks()} lists them. One setting for every file, no labels read (they
 * are only copied into the result file). A file's model and scorer are discarded when the file ends.
 */
public final class NabRunner {
    /** The share of the probation rows that fit; the rest (the latest) only calibrate. */
    public static final int FIT_SHARE_PERCENT = 75;
    private static final double FALSE_ALARM_RATE = 0.01;
    /** The spectral residual judges the row before the latest (see {@link SpectralResidualSettings#delay()}). */
    static final int SPECTRAL_DELAY = 1;

    private final FeatureExtractor extractor;
    private final long seed;
    private final List<String> fallbacks = new ArrayList<>();

    /** How the feature rows are computed: record by record (the service's path) or by the batch extractor. */
    public enum Extraction { STREAMING, BATCH }

    /**
     * @param spec a spec of one channel named {@code value}, emitting a row after every reading
     * @param seed seeds the families' sampling
     */
    public NabRunner(FeatureSpec spec, long seed) {
        this.extractor = new FeatureExtractor(spec);
        this.seed = seed;
        if (!extractor.channels().equals(List.of("value"))) {
            throw new InvalidSpecException("a NAB spec reads one channel 'value', this one reads " + extractor.channels());
        }
    }

    /**
     * The score of every record of {@code series} under {@code detector}: 0 in the probationary period. A detector that
     * blends in the contextual family takes, row by row, the larger of the two scores.
     */
    public double[] score(NabSeries series, NabDetector detector, Extraction extraction) throws IOException {
        int p = series.probation();
        if (detector.blend() == NabDetector.Blend.CONTEXT) {
            return context(series, detector.context());
        }
        if (detector.blend() == NabDetector.Blend.SPECTRAL) {
            return spectral(series, detector.adaptive());
        }
        double[][] rows = rows(series, extraction);
        AnomalyModel model = fit(series, detector, rows);
        // with the product's contextual member, the blend is in the scorer's steps already
        AdaptiveScorer.Step[] steps = AdaptiveScorer.scoreAll(model, model.adaptive().orElseThrow(), rows);
        double[] out = new double[rows.length];
        for (int i = p; i < rows.length; i++) {
            out[i] = steps[i].score();
        }
        NabDetector.Blend blend = detector.blend();
        boolean blendedHere = blend == NabDetector.Blend.LARGER || blend == NabDetector.Blend.LARGER_ALIGNED
                || blend == NabDetector.Blend.LARGER_ALIGNED_SPECTRAL || blend == NabDetector.Blend.LARGER_ALIGNED_CORROBORATED;
        if (blendedHere && model.adaptive().orElseThrow().context().isEmpty()) {
            double[] context = context(series, detector.context());
            double to = detector.adaptive().alarmLevel();
            double from = ContextSettings.forLearningPeriod(p).threshold();
            for (int i = 0; i < out.length; i++) {
                out[i] = switch (blend) {
                    case LARGER -> Math.max(out[i], context[i]);
                    case LARGER_ALIGNED_CORROBORATED ->
                            ContextBlend.corroborated(out[i], steps[i].likelihood(), context[i], from, to);
                    default -> Math.max(out[i], ContextBlend.aligned(context[i], from, to));
                };
            }
        }
        if (blend == NabDetector.Blend.LARGER_ALIGNED_SPECTRAL) {
            double[] spectral = spectral(series, detector.adaptive());
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.max(out[i], spectral[i]);
            }
        }
        return out;
    }

    /** One feature row per record of {@code series}, computed record by record or by the batch extractor. */
    public double[][] rows(NabSeries series, Extraction extraction) throws IOException {
        return extraction == Extraction.STREAMING ? streamRows(series) : batchRows(series);
    }

    /**
     * The family fitted on the probation rows of {@code rows} (the first {@value #FIT_SHARE_PERCENT} % fit, the rest
     * calibrate), or the z-score baseline when the family cannot fit there; scored adaptively with
     * {@link NabDetector#adaptive()}, as a bundle of it would be served.
     */
    public AnomalyModel fit(NabSeries series, NabDetector detector, double[][] rows) {
        int p = series.probation();
        int fit = p * FIT_SHARE_PERCENT / 100;
        double[][] fitRows = Arrays.copyOfRange(rows, 0, fit);
        double[][] calibrationRows = Arrays.copyOfRange(rows, fit, p);
        AnomalyModel model;
        try {
            model = AnomalyFitter.fit(extractor.columns(), fitRows, calibrationRows, detector.family(), FALSE_ALARM_RATE, seed);
        } catch (PrognosException e) {
            // a family with nothing to fit (PCA on a probation where every column is constant) falls back to the
            // baseline, which scores such a file as it would any: a rule of the runner, the same for every file
            fallbacks.add(series.key() + ": " + e.getMessage());
            model = AnomalyFitter.fit(extractor.columns(), fitRows, calibrationRows, new DetectorSettings.ZScore(),
                    FALSE_ALARM_RATE, seed);
        }
        return model.withScoring(new AnomalyScoring.Adaptive(settings(series, detector)));
    }

    /**
     * The adaptive settings a file is scored with: the detector's, with the product's contextual member when the
     * detector's blend is one ({@link NabDetector#member}): it reads the latest value (the spec's last column: a lag
     * window lists its values oldest first) and learns on the probation.
     */
    AdaptiveScoring settings(NabSeries series, NabDetector detector) {
        List<String> columns = extractor.columns();
        return detector.member(columns.get(columns.size() - 1), series.probation())
                .map(detector.adaptive()::withContext).orElse(detector.adaptive());
    }

    /**
     * The contextual score of every record (0 in the probation): the detector's range and rest learned on the
     * probation's values (or, for {@link NabDetector.ContextRule.Given}, the range NAB's harness hands every detector,
     * {@link NabSeries#harnessRange()}), then every value from the first streamed through it (the probation's too: it
     * learns its contexts there), values beyond the range clipped into it or widening it, as {@code rule} says. Only
     * this member is given the file's range: the online neighbours' never see it.
     */
    private static double[] context(NabSeries series, NabDetector.ContextRule rule) {
        int p = series.probation();
        double[] values = series.values();
        java.util.function.DoubleUnaryOperator scorer = rule.start(values, p, series.harnessRange());
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double s = scorer.applyAsDouble(values[i]);
            out[i] = i < p ? 0 : s;
        }
        return out;
    }

    /**
     * The spectral residual score of every record (0 in the probation): the paper's settings
     * ({@link SpectralResidualSettings#paper()}), its threshold mapped to {@code adaptive}'s alarm level, a score kept
     * only if no row of the last {@code adaptive.rest()} reached that level (one alarm per excursion, as
     * {@code prognosKnnOnline}'s rest). Nothing is learned: the window is the stream's last values.
     */
    private static double[] spectral(NabSeries series, AdaptiveScoring adaptive) {
        int p = series.probation();
        double[] values = series.values();
        SpectralResidualScorer scorer = new SpectralResidualScorer(SpectralResidualSettings.paper().delayedBy(SPECTRAL_DELAY));
        double level = adaptive.alarmLevel();
        double[] out = new double[values.length];
        long lastAlarm = Long.MIN_VALUE / 2;
        for (int i = 0; i < values.length; i++) {
            double s = scorer.scoreOf(scorer.next(values[i]), level);
            boolean quiet = i - lastAlarm > adaptive.rest();
            if (s >= level) {
                lastAlarm = i;
            }
            out[i] = i < p || !quiet ? 0 : s;
        }
        return out;
    }

    /**
     * Writes {@code results/<name>/<category>/<name>_<file>} for every file of the corpus, in NAB's format
     * ({@code timestamp,value,anomaly_score,label}).
     */
    public void run(Path dataDir, NabLabels labels, NabDetector detector, Path resultsDir) throws IOException {
        for (String key : labels.keys()) {
            NabSeries series = NabSeries.read(dataDir, key);
            write(series, score(series, detector, Extraction.STREAMING), labels.labels(series),
                    resultsDir.resolve(detector.name()).resolve(series.category())
                            .resolve(detector.name() + "_" + series.fileName()));
        }
    }

    /** The files whose family could not fit and fell back to the z-score baseline, with the reason. */
    public List<String> fallbacks() {
        return List.copyOf(fallbacks);
    }

    /** One result file in NAB's format. */
    public static void write(NabSeries series, double[] scores, int[] labels, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        double[] values = series.values();
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("timestamp,value,anomaly_score,label\n");
            for (int i = 0; i < scores.length; i++) {
                w.write(series.timestamps().get(i) + "," + values[i] + ","
                        + String.format(Locale.ROOT, "%.9f", scores[i]) + "," + labels[i] + "\n");
            }
        }
    }

    private double[][] streamRows(NabSeries series) {
        AssetState state = extractor.newState(series.fileName(), Map.of());
        double[][] rows = new double[series.size()][];
        long[] times = series.streamTimes();
        double[] values = series.values();
        int[] at = {0};
        for (int i = 0; i < rows.length; i++) {
            state.reading(times[i], new double[] {values[i]}, (asset, time, v) -> rows[at[0]++] = v.clone());
            if (at[0] != i + 1) {
                throw new InvalidSpecException("a NAB spec emits one row per reading ('emit': {\"everySamples\": 1})");
            }
        }
        return rows;
    }

    private double[][] batchRows(NabSeries series) throws IOException {
        InMemoryTelemetry telemetry = new InMemoryTelemetry(series.key(), extractor.axis(), List.of("value"));
        long[] times = series.streamTimes();
        double[] values = series.values();
        for (int i = 0; i < times.length; i++) {
            telemetry.add(series.fileName(), times[i], values[i]);
        }
        FeatureTable table = new FeatureTable(extractor.columns());
        new BatchExtractor(extractor, 1, n -> { }).run(new Dataset(telemetry, EventLog.empty(), AssetAttributes.none()), table);
        if (table.size() != series.size()) {
            throw new InvalidSpecException("a NAB spec emits one row per reading ('emit': {\"everySamples\": 1})");
        }
        double[][] rows = new double[table.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = table.row(i);
        }
        return rows;
    }
}
