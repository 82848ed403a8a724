package org.prognos.training;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.prognos.PrognosException;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.extract.BatchExtractor;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.TelemetrySource;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.training.config.NormalSelection;
import org.prognos.training.config.SplitConfig;
import org.prognos.training.config.TaskConfig;
import org.prognos.training.config.TrainingConfig;
import org.prognos.training.data.AssetSplit;
import org.prognos.training.data.SubsetTelemetry;

/**
 * The anomaly job's first step: split the data into the rows that fit, those that only calibrate and those evaluated
 * ({@link AnomalyPlan}), the spec's normalization fitted on the fitting part's normal readings, every row extracted.
 * Four plans: by asset (training assets fit, validation assets calibrate, test assets evaluate); one asset (no other to
 * calibrate on: its normal period cut in time); by time ({@code split.cutoff}: one cut for every asset); and a learning
 * period per asset ({@code split.learn}, {@link LearnPeriodPlan}). In every plan no evaluated row is fitted or
 * calibrated on.
 */
final class AnomalyPlanner {
    final TrainingConfig config;
    final TaskConfig.Anomaly task;
    final Consumer<String> log;
    private final int threads;

    AnomalyPlanner(TrainingConfig config, Consumer<String> log, int threads) {
        this.config = config;
        this.task = (TaskConfig.Anomaly) config.task();
        this.log = log;
        this.threads = threads;
    }

    /** Split by asset, normalization fitted on normal training readings, every row extracted. */
    AnomalyPlan plan(JobData data) throws IOException {
        if (config.split() instanceof SplitConfig.ByTime byTime) {
            return planByTime(data, byTime);
        }
        if (config.split() instanceof SplitConfig.LearnPeriod learn) {
            return LearnPeriodPlan.plan(this, data, learn);
        }
        SplitConfig.ByAsset byAsset = (SplitConfig.ByAsset) config.split();
        List<String> assets = data.assets();
        if (assets.size() == 1 && data.test().isEmpty()) {
            return planOneAsset(data, assets.get(0));
        }
        if (task.detector() == TaskConfig.DetectorScope.ASSET) {    // as below, in its own words
            throw TaskConfig.Anomaly.assetSplitRefusedForDetector("whole assets drawn for test by 'split.testFraction',"
                    + " the split of a job without 'split.method: time'");
        }
        if (task.scaling() == TaskConfig.Scaling.ASSET) {    // 'data.test' and 'split.testAssets' are refused on reading
            throw TaskConfig.Anomaly.assetSplitRefused("whole assets drawn for test by 'split.testFraction', the split"
                    + " of a job without 'split.method: time'");
        }
        AssetSplit split = AssetSplit.of(assets, byAsset.testAssets(), data.test().isEmpty() ? byAsset.testFraction() : 0,
                byAsset.validationFraction(), config.seed());
        NormalSelection.Test normal = task.normal().compile(data.axis(), data.train().events());
        TelemetrySource normalReadings = SubsetTelemetry.normal(data.train().telemetry(), split.train(), normal::normal);
        long[] count = {0};
        normalReadings.forEach((a, t, v) -> count[0]++);
        if (count[0] == 0) {
            throw new PrognosException("'task.normal' (" + task.normal().describe() + ") selects no reading of the "
                    + split.train().size() + " training assets: nothing to fit the normalization and the detector on");
        }
        FeatureSpec fitted = data.spec().fit(normalReadings);
        FeatureTable table = extract(fitted, data.train());
        Set<String> test = split.test();
        FeatureTable testRows = data.test().isPresent() ? extract(fitted, data.test().get()) : table;
        int[] train = rows(table, i -> split.train().contains(table.asset(i)) && normal.normal(table.asset(i), table.time(i)));
        int[] calibration = rows(table, i -> split.validation().contains(table.asset(i)) && normal.normal(table.asset(i), table.time(i)));
        String description = split.describe() + "; normal: " + task.normal().describe();
        log.accept("split " + description);
        log.accept(String.format(Locale.ROOT, "rows: %d normal training, %d normal calibration (validation assets), %d test;"
                + " %d features", train.length, calibration.length,
                data.test().isPresent() ? testRows.size() : rows(table, i -> test.contains(table.asset(i))).length,
                table.columns().size()));
        if (train.length == 0) {
            throw new PrognosException("'task.normal' (" + task.normal().describe() + ") selects no row of the "
                    + split.train().size() + " training assets: nothing to fit the detector on");
        }
        if (calibration.length == 0) {
            throw new PrognosException("'task.normal' (" + task.normal().describe() + ") selects no row of the "
                    + split.validation().size() + " validation assets: nothing to calibrate the score on (check"
                    + " 'task.normal' and 'split.validationFraction')");
        }
        FeatureTable testTable = data.test().isPresent() ? testRows : subset(table, i -> test.contains(table.asset(i)));
        if (testTable.size() == 0) {
            throw new PrognosException("the split leaves no test rows (check 'split')");
        }
        return new AnomalyPlan(data, fitted, table, testTable, data.testSource(), train, calibration, normal, description);
    }

    /** The share of a single asset's normal readings, the latest in time, that only calibrate the score. */
    static final double ONE_ASSET_CALIBRATION_SHARE = 0.25;

    /**
     * One asset, no other to calibrate on (IMS bearing, a NAB series): split its normal period in time. The earliest
     * 75 % of its normal readings fit the normalization and the detector; the normal rows at or after that cut only
     * calibrate the score; every row from the cut on (the calibration rows and everything after the normal period)
     * is evaluated. Nothing the detector was fitted on is scored in the evaluation.
     */
    private AnomalyPlan planOneAsset(JobData data, String asset) throws IOException {
        NormalSelection.Test declared = task.normal().compile(data.axis(), data.train().events());
        TelemetrySource all = SubsetTelemetry.normal(data.train().telemetry(), Set.of(asset), declared::normal);
        long[] count = {0};
        all.forEach((a, t, v) -> count[0]++);
        if (count[0] < 2) {
            throw new PrognosException("'task.normal' (" + task.normal().describe() + ") selects " + count[0] + " reading(s) of"
                    + " the only asset '" + asset + "': too few to fit on the earlier part and calibrate on the later part");
        }
        long keep = (long) Math.ceil(count[0] * (1 - ONE_ASSET_CALIBRATION_SHARE));
        long[] cut = {Long.MAX_VALUE};
        long[] seen = {0};
        all.forEach((a, t, v) -> {
            if (seen[0]++ == keep) {
                cut[0] = t;                       // the first normal reading of the calibration part
            }
        });
        long cutTime = cut[0];
        NormalSelection.Test early = (a, t) -> t < cutTime && declared.normal(a, t);
        FeatureSpec fitted = data.spec().fit(SubsetTelemetry.normal(data.train().telemetry(), Set.of(asset), early::normal));
        FeatureTable table = extract(fitted, data.train());
        int[] train = rows(table, i -> early.normal(table.asset(i), table.time(i)));
        int[] calibration = rows(table, i -> table.time(i) >= cutTime && declared.normal(table.asset(i), table.time(i)));
        String description = "one asset (" + asset + "), split in time: the earliest " + Math.round(100 * (1 - ONE_ASSET_CALIBRATION_SHARE))
                + " % of its normal readings fit, its normal rows from " + data.axis().format(cutTime) + " on calibrate, every row"
                + " from then on is evaluated; normal: " + task.normal().describe();
        log.accept("split " + description);
        if (train.length == 0 || calibration.length == 0) {
            throw new PrognosException("'task.normal' (" + task.normal().describe() + ") leaves " + train.length + " normal rows"
                    + " before " + data.axis().format(cutTime) + " and " + calibration.length + " from then on for the only asset '"
                    + asset + "'; both must be non-empty (widen 'task.normal')");
        }
        FeatureTable testTable = subset(table, i -> table.time(i) >= cutTime);
        log.accept(String.format(Locale.ROOT, "rows: %d normal training, %d normal calibration (later in time), %d evaluated;"
                + " %d features", train.length, calibration.length, testTable.size(), table.columns().size()));
        return new AnomalyPlan(data, fitted, table, testTable, data.testSource(), train, calibration, declared, description);
    }

    /**
     * Split by time, for one asset (or a fleet judged over one period): the normal readings before
     * {@code split.cutoff} − {@code split.gap} are cut at the time that leaves the last {@code split.validationFraction}
     * of them after it; the earlier ones fit the normalization, the scaling and the detector, the later ones only
     * calibrate the score. Every row from the cutoff on is a test row.
     */
    private AnomalyPlan planByTime(JobData data, SplitConfig.ByTime byTime) throws IOException {
        if (data.test().isPresent()) {
            throw new InvalidSpecException("'split.method: time' cuts one dataset; drop 'data.test' or split by asset");
        }
        TimeAxis axis = data.axis();
        long cutoff = parseTime(axis, byTime.cutoff(), "split.cutoff");
        long trainEnd = cutoff - byTime.gap().map(g -> parseSpan(axis, g, "split.gap")).orElse(0L);
        Set<String> assets = new LinkedHashSet<>(data.assets());
        NormalSelection.Test declared = task.normal().compile(axis, data.train().events());
        NormalSelection.Test beforeEnd = (a, t) -> t < trainEnd && declared.normal(a, t);
        List<Long> times = new ArrayList<>();
        SubsetTelemetry.normal(data.train().telemetry(), assets, beforeEnd::normal).forEach((a, t, v) -> times.add(t));
        if (times.size() < 2) {
            throw new PrognosException("'task.normal' (" + task.normal().describe() + ") selects " + times.size()
                    + " reading(s) before 'split.cutoff' " + byTime.cutoff() + ": too few to fit and calibrate on");
        }
        long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
        long calibrationStart = sorted[(int) Math.min(sorted.length - 1, Math.floor((1 - byTime.validationFraction()) * sorted.length))];
        NormalSelection.Test fitPart = (a, t) -> t < calibrationStart && beforeEnd.normal(a, t);
        FeatureSpec fitted = data.spec().fit(SubsetTelemetry.normal(data.train().telemetry(), assets, fitPart::normal));
        FeatureTable table = extract(fitted, data.train());
        int[] train = rows(table, i -> fitPart.normal(table.asset(i), table.time(i)));
        int[] calibration = rows(table, i -> table.time(i) >= calibrationStart && beforeEnd.normal(table.asset(i), table.time(i)));
        FeatureTable testTable = subset(table, i -> table.time(i) >= cutoff);
        String description = String.format(Locale.ROOT, "by time: normal readings before %s fit until %s, calibrate from"
                + " then (last %.0f %%); test from %s; normal: %s", axis.format(trainEnd), axis.format(calibrationStart),
                100 * byTime.validationFraction(), axis.format(cutoff), task.normal().describe());
        log.accept("split " + description);
        log.accept(String.format(Locale.ROOT, "rows: %d normal training, %d normal calibration (later in time), %d test;"
                + " %d features", train.length, calibration.length, testTable.size(), table.columns().size()));
        if (train.length == 0 || calibration.length == 0) {
            throw new PrognosException("the time split leaves " + train.length + " normal training and " + calibration.length
                    + " calibration rows: widen 'task.normal', move 'split.cutoff' or change 'split.validationFraction'");
        }
        if (testTable.size() == 0) {
            throw new PrognosException("no row at or after 'split.cutoff' " + byTime.cutoff() + ": nothing to test");
        }
        return new AnomalyPlan(data, fitted, table, testTable, data.testSource(), train, calibration, declared, description);
    }

    static long parseTime(TimeAxis axis, String text, String key) {
        try {
            return axis.parse(text);
        } catch (RuntimeException e) {
            throw new InvalidSpecException("at '" + key + "': not a time on the " + axis + " axis: '" + text + "'");
        }
    }

    static long parseSpan(TimeAxis axis, String text, String key) {
        try {
            return axis.parseSpan(text);
        } catch (RuntimeException e) {
            throw new InvalidSpecException("at '" + key + "': not a duration: '" + text + "'");
        }
    }

    FeatureTable extract(FeatureSpec fitted, Dataset data) throws IOException {
        FeatureExtractor ex = new FeatureExtractor(fitted);
        FeatureTable table = new FeatureTable(ex.columns());
        new BatchExtractor(ex, threads, n -> { }).run(data, table);
        return table.sorted();
    }

    static int[] rows(FeatureTable t, IntPredicate keep) {
        return IntStream.range(0, t.size()).filter(keep).toArray();
    }

    static FeatureTable subset(FeatureTable t, IntPredicate keep) {
        FeatureTable out = new FeatureTable(t.columns());
        for (int i : rows(t, keep)) {
            out.row(t.asset(i), t.time(i), t.row(i));
        }
        return out.sorted();
    }
}
