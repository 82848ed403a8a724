package org.prognos.training;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.bundle.BundleContents;
import org.prognos.models.drift.ProfileFitter;
import org.prognos.models.drift.ReferenceProfile;
import org.prognos.models.bundle.LibraryVersions;
import org.prognos.models.bundle.ManifestJson;
import org.prognos.models.bundle.Provenance;
import org.prognos.models.bundle.Task;
import org.prognos.models.signing.BundleSigner;
import org.prognos.training.anomaly.AdaptiveReplay;
import org.prognos.training.anomaly.AlarmEvaluation;
import org.prognos.training.anomaly.AnomalyFitter;
import org.prognos.training.anomaly.AnomalyReport;
import org.prognos.training.anomaly.CalibrationCheck;
import org.prognos.training.anomaly.CeilingCheck;
import org.prognos.training.anomaly.DetectorSettings;
import org.prognos.training.anomaly.HealthTrajectories;
import org.prognos.training.anomaly.LabelledPeriods;
import org.prognos.training.anomaly.PeriodEvaluation;
import org.prognos.training.anomaly.RowScores;
import org.prognos.training.config.TaskConfig;
import org.prognos.training.config.TrainingConfig;
import org.prognos.training.evaluation.EventMetrics;
import org.prognos.training.evaluation.RowTimes;
import org.prognos.training.evaluation.TimeScale;

/**
 * The anomaly job ({@code task.type: anomaly}): data → split ({@link AnomalyPlanner}: by asset, one asset in time, by
 * time at a cutoff, or a learning period per asset) with the spec's normalization fitted on the fitting part's normal
 * readings → features → detector fitted on the fitting normal rows (scaled as the fleet or, with {@code task.scaling:
 * asset}, each asset by its own) → score calibrated on the calibration normal rows →
 * evaluated on every test row against the failure log and, with {@code evaluation}, against labelled periods
 * ({@link PeriodEvaluation}), the z-score baseline beside (and, with {@code task.scoring: adaptive}, the adaptive score
 * the service runs, replayed by {@link AdaptiveReplay}) → a warning where the calibration did not hold on the evaluated
 * rows ({@link CalibrationCheck}), and one naming the assets whose detector can never reach the threshold
 * ({@link CeilingCheck}) → bundle published. No label is fitted on; a failure at any step publishes nothing.
 *
 * <p>Why one file of about 400 lines: it reads top to bottom as the job's steps, each a short method returning the
 * immutable {@code AnomalyPlan} / {@code Fitted} record the next step takes, as {@link TrainingJob} does. The plans live
 * in {@link AnomalyPlanner}; the families, calibration, alarm metrics, labelled-period figures, health trajectories and
 * the adaptive replay in {@code training.anomaly}.
 */
final class AnomalyJob {
    /** The horizons an evaluation on timestamps reports: a day and a week before each failure. */
    private static final List<String> HOURLY_HORIZONS = List.of("24h", "7d");
    /** The horizons an evaluation on cycles reports. */
    private static final List<String> CYCLE_HORIZONS = List.of("30", "60");
    /** The evaluation's name for the adaptive score the service runs ({@code task.scoring: adaptive}). */
    static final String ADAPTIVE = "adaptive";

    private final TrainingConfig config;
    private final TaskConfig.Anomaly task;
    private final java.nio.file.Path base;
    private final Consumer<String> log;
    private final int threads;
    private final Optional<BundleSigner> signer;

    AnomalyJob(TrainingConfig config, java.nio.file.Path base, Consumer<String> log, int threads, Optional<BundleSigner> signer) {
        this.config = config;
        this.task = (TaskConfig.Anomaly) config.task();
        this.base = base;
        this.log = log;
        this.threads = threads;
        this.signer = signer;
    }

    /** The model and the baseline, both calibrated the same way. */
    private record Fitted(AnomalyModel model, AnomalyModel baseline, double seconds) {
    }

    TrainingJob.Result run() throws IOException {
        long t0 = System.nanoTime();
        DetectorSettings settings = DetectorSettings.of(config.model().family(), config.model().params());
        AnomalyPlan plan = new AnomalyPlanner(config, log, threads).plan(JobData.open(config, base, signer));
        checkMemberColumns(plan.table().columns());
        Optional<LabelledPeriods> labels = config.evaluation().isEmpty() ? Optional.empty() : Optional.of(LabelledPeriods.load(
                config.evaluation().get(), base, plan.data().train().telemetry(), plan.data().spec()));   // never fitted on
        labels.ifPresent(l -> log.accept(l.summary(plan.test().rowsByAsset().keySet())));
        Fitted fitted = fit(plan, settings);
        ObjectNode metrics = ManifestJson.mapper().createObjectNode();
        String report = evaluate(plan, fitted, settings, metrics, labels);
        Task bundleTask = new Task.Anomaly(fitted.model().detector().family(), task.falseAlarmRate());
        Provenance provenance = new Provenance(fingerprint(plan), plan.description(), config.seed(),
                Provenance.hyperparametersOf(settings.asMap()), LibraryVersions.current());
        AnomalyModel served = fitted.model().withScoring(task.scoring());
        log.accept("served with " + task.scoring().asMap() + " scoring");
        BundleContents contents = BundleContents.of(config.name(), bundleTask, plan.fitted(), provenance, metrics,
                served.payload()).withReport(report).withProfile(profile(plan));
        return plan.data().publish(contents, metrics, log, t0);
    }

    /** The drift reference: the normal training rows the detector was fitted on, as the model reads them. */
    private ReferenceProfile profile(AnomalyPlan plan) {
        ReferenceProfile p = ProfileFitter.fit(plan.table().columns(), pick(plan.table(), plan.train()), String.format(
                Locale.ROOT, "normal training rows: %d rows (%s)", plan.train().length, plan.description()));
        log.accept(String.format(Locale.ROOT, "drift profile: %d features from %d normal training rows", p.features().size(),
                p.rows()));
        return p;
    }

    /** Fit: the configured family and the z-score baseline, on the same rows and calibrated the same way. */
    private Fitted fit(AnomalyPlan plan, DetectorSettings settings) {
        long t = System.nanoTime();
        double[][] train = pick(plan.table(), plan.train());
        double[][] held = pick(plan.table(), plan.calibration());
        List<String> columns = plan.table().columns();
        log.accept("fitting " + config.model().family() + " " + settings.asMap() + " on " + train.length + " normal rows");
        AnomalyModel model;
        AnomalyModel baseline;
        if (task.scaling() == TaskConfig.Scaling.ASSET) {    // the baseline too: the comparison isolates the detector
            List<String> trainAssets = assets(plan.table(), plan.train());
            List<String> heldAssets = assets(plan.table(), plan.calibration());
            model = AnomalyFitter.fitEachAsset(columns, train, trainAssets, held, heldAssets, settings,
                    task.falseAlarmRate(), config.seed(), task.detector() == TaskConfig.DetectorScope.ASSET, log);
            baseline = AnomalyFitter.fitEachAsset(columns, train, trainAssets, held, heldAssets,
                    new DetectorSettings.ZScore(), task.falseAlarmRate(), config.seed(), s -> { });
        } else {
            model = AnomalyFitter.fit(columns, train, held, settings, task.falseAlarmRate(), config.seed(), log);
            baseline = AnomalyFitter.fit(columns, train, held, new DetectorSettings.ZScore(), task.falseAlarmRate(),
                    config.seed());
        }
        log.accept("scaling: " + AnomalyFitter.describeScaling(model, plan.table().assetOrder()));
        if (task.detector() == TaskConfig.DetectorScope.ASSET) {
            log.accept("detector: " + AnomalyFitter.describeDetectors(model, plan.table().assetOrder(), settings,
                    columns.size()));
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        log.accept(String.format(Locale.ROOT, "fitted %s in %.1f s; raw alarm threshold %.4g at false-alarm rate %.3g on %d"
                        + " held-out normal rows", model.detector(), seconds, model.calibration().threshold(),
                task.falseAlarmRate(), held.length));
        List<String> leftOut = model.scaling().leftOut(columns);
        if (!leftOut.isEmpty()) {
            log.accept("columns constant on normal rows, left out: " + leftOut);
        }
        return new Fitted(model, baseline, seconds);
    }

    /** Evaluate on the test assets against their failures; fills {@code metrics}, returns the report. */
    private String evaluate(AnomalyPlan plan, Fitted fitted, DetectorSettings settings, ObjectNode metrics,
                            Optional<LabelledPeriods> labels) {
        FeatureTable test = plan.test();
        TimeAxis axis = plan.data().axis();
        RowTimes rowTimes = new RowTimes(IntStream.range(0, test.size()).mapToObj(test::asset).toArray(String[]::new),
                IntStream.range(0, test.size()).mapToLong(test::time).toArray());
        Set<String> testAssets = new LinkedHashSet<>(Arrays.asList(rowTimes.assets()));
        List<Event> failures = plan.testData().events().all().stream()
                .filter(e -> e.kind() == EventKind.FAILURE && testAssets.contains(e.asset())).toList();
        double[][] x = pick(test, IntStream.range(0, test.size()).toArray());
        List<Optional<String>> rowAssets = IntStream.range(0, test.size()).mapToObj(r -> Optional.of(test.asset(r))).toList();
        long stride = stride(test);
        TimeScale scale = TimeScale.of(axis);
        List<String> horizons = axis instanceof TimeAxis.Cycles ? CYCLE_HORIZONS : HOURLY_HORIZONS;
        String family = config.model().family().toString();
        Map<String, RowScores> contenders = new LinkedHashMap<>();
        contenders.put(family, RowScores.fitted(fitted.model(), x, rowAssets));
        Optional<AdaptiveReplay> adaptive = adaptive(plan, fitted);
        adaptive.ifPresent(a -> contenders.put(ADAPTIVE, a.scores()));
        contenders.put("zscore baseline", RowScores.fitted(fitted.baseline(), x, rowAssets));
        ObjectNode evaluation = metrics.putObject("evaluation");
        List<AnomalyReport.Row> rows = new ArrayList<>();
        Map<String, List<String>> cells = new LinkedHashMap<>();
        CalibrationCheck check = new CalibrationCheck(task.falseAlarmRate(), plan.calibration().length);
        IntPredicate normal = r -> plan.normal().normal(test.asset(r), test.time(r));
        // the assets whose detector can never reach the threshold (the z-score baseline has no ceiling)
        List<String> deaf = new CeilingCheck(fitted.model().calibration().threshold()).warnings(family, fitted.model(),
                rowTimes, contenders.get(family).alarms());
        List<String> warnings = new ArrayList<>();
        for (Map.Entry<String, RowScores> c : contenders.entrySet()) {
            RowScores p = c.getValue();
            boolean[] alarms = p.alarms();
            long normalRows = 0;
            long normalAlarms = 0;
            for (int r = 0; r < alarms.length; r++) {
                if (normal.test(r)) {
                    normalRows++;
                    normalAlarms += alarms[r] ? 1 : 0;
                }
            }
            ObjectNode o = evaluation.putObject(c.getKey());
            o.put("rows", alarms.length);
            o.put("alarmRows", IntStream.range(0, alarms.length).filter(r -> alarms[r]).count());
            if (c.getKey().equals(ADAPTIVE)) {
                AdaptiveReplay a = adaptive.orElseThrow();
                o.put("priorRows", a.priorRows());
                o.put("alarmLevel", a.settings().alarmLevel());
            }
            o.put("normalRowAlarmRate", normalRows == 0 ? Double.NaN : normalAlarms / (double) normalRows);
            put(cells, "alarm rows (of " + alarms.length + " evaluated)", Long.toString(o.path("alarmRows").asLong()));
            put(cells, "alarm rate on the test assets' normal rows (target " + task.falseAlarmRate() + ")",
                    normalRows == 0 ? "n/a" : fmt(normalAlarms / (double) normalRows));
            for (String h : horizons) {
                long ticks = axis.parseSpan(h);
                EventMetrics em = AlarmEvaluation.at(rowTimes, alarms, failures, ticks, stride, scale);
                ObjectNode e = o.putObject("within" + h);
                e.put("failures", em.eventsWithRows());
                e.put("caught", em.eventsCaught());
                e.put("recall", em.eventRecall());
                e.put("falseAlarmRows", em.falseAlarmRows());
                e.put("falseAlarmsPerAssetMonth", em.falseAlarmsPerAssetMonth());
                e.put("alarmEpisodesPerAssetMonth", em.needlessVisitsPerAssetMonth());
                e.put("medianLeadTime", em.leadTime().median());
                e.put("leadTimeUnit", scale.unit());
                put(cells, "failures with an alarm in the " + h + " before", em.eventsCaught() + " / " + em.eventsWithRows()
                        + " (" + fmt(em.eventRecall()) + ")");
                if (!(axis instanceof TimeAxis.Cycles)) {
                    put(cells, "false-alarm rows per asset-month (" + h + ")", fmt(em.falseAlarmsPerAssetMonth()));
                    put(cells, "false-alarm episodes per asset-month (" + h + ")", fmt(em.needlessVisitsPerAssetMonth()));
                }
            }
            labels.map(l -> PeriodEvaluation.of(rowTimes, alarms, l, scale)).ifPresent(pe -> {
                pe.writeTo(o);
                pe.cells().forEach((k, v) -> put(cells, k, v));
            });
            if (axis instanceof TimeAxis.Cycles || plan.oneAsset()) {
                HealthTrajectories ht = HealthTrajectories.of(test, p, plan.testData(), i -> true);
                // the same from each asset's first row inside the normal selection on: an alarm in the warm-up rows
                // before it (windows shorter than the spec's, never shown to the detector) is no early warning
                java.util.Map<String, Long> firstNormal = new java.util.HashMap<>();
                for (int r = 0; r < test.size(); r++) {
                    if (plan.normal().normal(test.asset(r), test.time(r))) {
                        firstNormal.merge(test.asset(r), test.time(r), Math::min);
                    }
                }
                HealthTrajectories warm = HealthTrajectories.of(test, p, plan.testData(),
                        i -> test.time(i) >= firstNormal.getOrDefault(test.asset(i), Long.MIN_VALUE));
                ObjectNode t = o.putObject("healthIndex");
                t.put("assets", ht.assets());
                t.put("detected", ht.detected());
                putLeadTimes(t, ht, axis, scale);
                t.put("monotonicity", ht.monotonicity());
                t.put("spearman", ht.spearman());
                put(cells, "assets with a sustained alarm before failure", ht.detected() + " / " + ht.assets());
                if (!(axis instanceof TimeAxis.Cycles)) {
                    t.put("healthAtEnd", ht.assets() == 0 ? Double.NaN : p.health(test.size() - 1));
                }
                put(cells, "median lead time of the first sustained alarm (" + scale.unit() + ")",
                        fmt(axis instanceof TimeAxis.Cycles ? ht.medianLeadTime() : scale.hours(ht.medianLeadTime())));
                ObjectNode w = t.putObject("afterWarmup");
                w.put("detected", warm.detected());
                putLeadTimes(w, warm, axis, scale);
                put(cells, "… counting alarms from the first normal-selection row on (" + scale.unit() + ")",
                        warm.detected() + " assets, median " + fmt(axis instanceof TimeAxis.Cycles ? warm.medianLeadTime()
                                : scale.hours(warm.medianLeadTime())));
                put(cells, "health index monotonicity (smoothed)", fmt(ht.monotonicity()));
                put(cells, "health index Spearman with time", fmt(ht.spearman()));
            }
            List<String> w = new ArrayList<>(c.getKey().equals(family) ? deaf : List.of());
            if (!c.getKey().equals(ADAPTIVE)) {     // it alarms at its own level, not falseAlarmRate
                w.addAll(check.warnings(c.getKey(), rowTimes, alarms, normal, labels));
            }
            if (!w.isEmpty()) {
                w.forEach(o.putArray("warnings")::add);
            }
            warnings.addAll(w);
            log.accept(c.getKey() + ": " + o);
            w.forEach(s -> log.accept("WARNING: " + s));
        }
        for (Map.Entry<String, List<String>> e : cells.entrySet()) {
            rows.add(new AnomalyReport.Row(e.getKey(), e.getValue()));
        }
        ObjectNode decision = metrics.putObject("decision");
        decision.put("threshold", 1 - task.falseAlarmRate());
        decision.put("rawThreshold", fitted.model().calibration().threshold());
        decision.put("falseAlarmRate", task.falseAlarmRate());
        metrics.put("task", "anomaly");
        metrics.put("family", family);
        metrics.put("normal", task.normal().describe());
        metrics.put("scaling", task.scaling().toString());
        if (task.scaling() == TaskConfig.Scaling.ASSET) {
            metrics.put("ownScalingAssets", fitted.model().assetScaling().size());
        }
        metrics.put("detector", task.detector().toString());
        if (task.detector() == TaskConfig.DetectorScope.ASSET) {
            metrics.put("ownDetectorAssets", fitted.model().assetDetectors().size());
        }
        metrics.put("split", plan.description());
        metrics.put("trainNormalRows", plan.train().length);
        metrics.put("calibrationNormalRows", plan.calibration().length);
        metrics.put("testRows", test.size());
        metrics.put("trainSeconds", fitted.seconds());
        List<String> leftOut = fitted.model().scaling().leftOut(plan.table().columns());
        ArrayNode lo = metrics.putArray("columnsLeftOut");
        leftOut.forEach(lo::add);
        ObjectNode reference = metrics.putObject("featureReference");    // the normal centre: what occlusion puts back
        double[] centre = fitted.model().scaling().center();
        for (int c = 0; c < centre.length; c++) {
            reference.put(plan.table().columns().get(c), centre[c]);
        }
        metrics.set("scoring", ManifestJson.mapper().valueToTree(task.scoring().asMap()));
        labels.ifPresent(l -> metrics.put("labels", l.source() + ", " + l.periods().size() + " periods"));
        List<AnomalyReport.Fact> facts = new ArrayList<>(List.of(
                new AnomalyReport.Fact("family", family + " " + settings.asMap()),
                new AnomalyReport.Fact("data", config.data().describeTrain()),
                new AnomalyReport.Fact("split", plan.description()),
                new AnomalyReport.Fact("scaling", AnomalyFitter.describeScaling(fitted.model(), plan.table().assetOrder())
                        + (task.scaling() == TaskConfig.Scaling.ASSET ? "; the z-score baseline is scaled the same way" : "")),
                new AnomalyReport.Fact("rows", plan.train().length + " normal training, " + plan.calibration().length
                        + " normal calibration, " + test.size() + " test"),
                new AnomalyReport.Fact("alarm threshold", String.format(Locale.ROOT, "raw %.4g (score %.3f, false-alarm rate %.3g"
                        + " on held-out normal rows)", fitted.model().calibration().threshold(), 1 - task.falseAlarmRate(),
                        task.falseAlarmRate()))));
        if (task.detector() == TaskConfig.DetectorScope.ASSET) {   // a fleet job's report stays as it was
            facts.add(3, new AnomalyReport.Fact("detector", AnomalyFitter.describeDetectors(fitted.model(),
                    plan.table().assetOrder(), settings, plan.table().columns().size())
                    + "; the z-score baseline keeps one (it has nothing to fit)"));
        }
        adaptive.ifPresent(a -> facts.add(new AnomalyReport.Fact("served score", String.format(Locale.ROOT, "adaptive %s:"
                + " the column '%s' is the score the service alarms on, each test asset's rows streamed in time order"
                + " through one scorer per asset from its first row (%d rows before the evaluated period warmed them up);"
                + " a row alarms at score ≥ %s", task.scoring().asMap(), ADAPTIVE, a.priorRows(),
                a.settings().alarmLevel()))));
        String definitions = "A row alarms when its raw score reaches the threshold fitted on held-out normal rows (the"
                + " adaptive score: when it reaches its alarm level). A failure"
                + " counts as caught within h when a row of its asset less than h before it alarms. A false-alarm row has no"
                + " failure within h after it, per asset-month of rows; episodes merge false-alarm rows of one asset less than h"
                + " apart (a run of alarming rows counts once). On cycles: a sustained alarm is " + HealthTrajectories.SUSTAINED
                + " alarming rows in a row; monotonicity |#up − #down|/(n − 1) of the health index smoothed over "
                + HealthTrajectories.SMOOTHING + " rows. No label was used to fit any contender."
                + labels.map(l -> " Labelled periods (" + l.source() + "): " + PeriodEvaluation.DEFINITION).orElse("");
        return AnomalyReport.html(config.name(), facts, warnings, definitions, List.copyOf(contenders.keySet()), rows, leftOut);
    }

    /**
     * The members' columns ({@code task.scoring.context.column}, {@code task.scoring.forecast.column}) and the stuck-value
     * check's ({@code task.scoring.stuck.column}) are the spec's:
     * checked once the spec's columns are known, before anything is fitted, so that a misspelt column fails the job
     * rather than the service.
     */
    private void checkMemberColumns(List<String> columns) {
        if (task.scoring() instanceof org.prognos.models.anomaly.AnomalyScoring.Adaptive a) {
            a.settings().context().ifPresent(m -> checkColumn("task.scoring.context.column", m.column(), columns));
            a.settings().forecast().ifPresent(m -> checkColumn("task.scoring.forecast.column", m.column(), columns));
            a.settings().stuck().ifPresent(c -> checkColumn("task.scoring.stuck.column", c.column(), columns));
        }
    }

    private void checkColumn(String key, String column, List<String> columns) {
        if (!columns.contains(column)) {
            throw new InvalidSpecException("job '" + config.name() + "', at '" + key + "': the spec has no column '"
                    + column + "'; its columns are " + columns);
        }
    }

    /**
     * With {@code task.scoring: adaptive}, the score the service alarms on for the test rows: each test asset's rows
     * streamed from its first row through the published model's {@link org.prognos.models.anomaly.AdaptiveScorer}
     * (see {@link AdaptiveReplay} for which rows warm it up). Empty for static scoring.
     */
    private Optional<AdaptiveReplay> adaptive(AnomalyPlan plan, Fitted fitted) {
        AnomalyModel served = fitted.model().withScoring(task.scoring());
        if (served.adaptive().isEmpty()) {
            return Optional.empty();
        }
        FeatureTable history = plan.data().test().isPresent() ? plan.test() : plan.table();
        AdaptiveReplay replay = AdaptiveReplay.of(served, history, plan.test());
        log.accept(String.format(Locale.ROOT, "adaptive scoring evaluated as served: %d test rows of %d assets streamed"
                + " through one scorer per asset, warmed up on the assets' %d rows before the evaluated period",
                plan.test().size(), plan.test().rowsByAsset().size(), replay.priorRows()));
        return Optional.of(replay);
    }

    /**
     * A health trajectory's lead times under {@code o}: {@code medianLeadTime} and {@code meanLeadTime} in ticks of the
     * time axis, as they always were, named by {@code leadTimeUnit} ({@code cycles}, or {@code microseconds} on
     * timestamps); on timestamps also in hours ({@code leadTimeHours}, the median, and {@code meanLeadTimeHours}).
     */
    private static void putLeadTimes(ObjectNode o, HealthTrajectories h, TimeAxis axis, TimeScale scale) {
        o.put("medianLeadTime", h.medianLeadTime());
        o.put("meanLeadTime", h.meanLeadTime());
        o.put("leadTimeUnit", axis instanceof TimeAxis.Cycles ? "cycles" : "microseconds");
        if (!(axis instanceof TimeAxis.Cycles)) {
            o.put("leadTimeHours", scale.hours(h.medianLeadTime()));
            o.put("meanLeadTimeHours", scale.hours(h.meanLeadTime()));
        }
    }

    private static void put(Map<String, List<String>> cells, String key, String value) {
        cells.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static double[][] pick(FeatureTable t, int[] idx) {
        double[][] x = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            x[i] = t.row(idx[i]);
        }
        return x;
    }

    private static List<String> assets(FeatureTable t, int[] idx) {
        return Arrays.stream(idx).mapToObj(t::asset).toList();
    }

    /** The most common gap between consecutive rows of an asset: the row stride. */
    private static long stride(FeatureTable t) {
        Map<Long, Integer> counts = new LinkedHashMap<>();
        for (int[] idx : t.rowsByAsset().values()) {
            for (int i = 1; i < idx.length; i++) {
                counts.merge(t.time(idx[i]) - t.time(idx[i - 1]), 1, Integer::sum);
            }
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).filter(s -> s > 0).orElse(1L);
    }

    /** SHA-256 over the normal training rows' assets and times: identifies the data the detector saw. */
    private static String fingerprint(AnomalyPlan plan) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (int i : plan.train()) {
                md.update(plan.table().asset(i).getBytes(StandardCharsets.UTF_8));
                md.update(ByteBuffer.allocate(8).putLong(plan.table().time(i)).array());
            }
            return "sha256:" + HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
