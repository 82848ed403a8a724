package org.prognos.training;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.prognos.PrognosException;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.training.config.NormalSelection;
import org.prognos.training.config.SplitConfig;
import org.prognos.training.data.SubsetTelemetry;

/**
 * The anomaly plan of {@code split: {method: time, learn: …}}: a learning period per asset, for a folder of runs (one
 * asset per file, each starting normal). Each asset's first {@code learn} readings are its learning period; the rest of
 * the asset is evaluated. Of each asset's normal readings (the job's {@code task.normal}) inside its learning period, the
 * earlier fit (pooled over the assets: the spec's normalization, the scaling, the detector) and the last
 * {@code validationFraction} of them only calibrate. An evaluated row is never fitted or calibrated on: its time is at
 * or after its own asset's first evaluated reading, and every fitting or calibrating reading of that asset is before it.
 * An asset the learning period would swallow whole, or whose learning period holds fewer than two normal readings, is
 * refused by name.
 */
final class LearnPeriodPlan {
    private LearnPeriodPlan() {
    }

    static AnomalyPlan plan(AnomalyPlanner p, JobData data, SplitConfig.LearnPeriod learn) throws IOException {
        if (data.test().isPresent()) {
            throw new InvalidSpecException("'split.learn' splits each asset of one dataset in time; drop 'data.test'");
        }
        String normalText = p.task.normal().describe();
        NormalSelection.Test declared = p.task.normal().compile(data.axis(), data.train().events());
        Map<String, long[]> times = readingTimes(data);
        Map<String, Long> evaluatedFrom = new HashMap<>();
        Map<String, Long> calibratedFrom = new HashMap<>();
        for (Map.Entry<String, long[]> e : times.entrySet()) {
            String asset = e.getKey();
            long[] t = e.getValue();
            long k = learn.learn().of(t.length);
            if (k >= t.length) {
                throw new InvalidSpecException("'split.learn' (" + learn.learn() + ") leaves none of the " + t.length
                        + " readings of asset '" + asset + "' to evaluate: learn less, or leave the asset out of the data");
            }
            long start = t[(int) k];
            long[] normal = Arrays.stream(t, 0, (int) k).filter(x -> declared.normal(asset, x)).toArray();
            if (normal.length < 2) {
                throw new PrognosException("'task.normal' (" + normalText + ") selects " + normal.length + " of the first "
                        + k + " readings of asset '" + asset + "' ('split.learn'): too few to fit and calibrate on");
            }
            evaluatedFrom.put(asset, start);
            calibratedFrom.put(asset, normal[(int) Math.min(normal.length - 1,
                    Math.floor((1 - learn.validationFraction()) * normal.length))]);
        }
        NormalSelection.Test fitPart = (a, t) -> t < calibratedFrom.get(a) && declared.normal(a, t);
        NormalSelection.Test calibratePart = (a, t) -> t >= calibratedFrom.get(a) && t < evaluatedFrom.get(a)
                && declared.normal(a, t);
        Set<String> assets = new LinkedHashSet<>(times.keySet());
        FeatureSpec fitted = data.spec().fit(SubsetTelemetry.normal(data.train().telemetry(), assets, fitPart::normal));
        FeatureTable table = p.extract(fitted, data.train());
        int[] train = AnomalyPlanner.rows(table, i -> fitPart.normal(table.asset(i), table.time(i)));
        int[] calibration = AnomalyPlanner.rows(table, i -> calibratePart.normal(table.asset(i), table.time(i)));
        FeatureTable test = AnomalyPlanner.subset(table, i -> table.time(i) >= evaluatedFrom.get(table.asset(i)));
        String description = String.format(Locale.ROOT, "each asset split in time (%d assets): its first %s learn (the"
                + " normal ones fit, the last %.0f %% of them calibrate), the rest of it is evaluated; normal: %s",
                assets.size(), learn.learn(), 100 * learn.validationFraction(), normalText);
        p.log.accept("split " + description);
        p.log.accept(String.format(Locale.ROOT, "rows: %d normal training, %d normal calibration (later in each asset's"
                + " learning period), %d evaluated; %d features", train.length, calibration.length, test.size(),
                table.columns().size()));
        if (train.length == 0 || calibration.length == 0 || test.size() == 0) {
            throw new PrognosException("'split.learn' (" + learn.learn() + ") leaves " + train.length + " normal training, "
                    + calibration.length + " calibration and " + test.size() + " evaluated rows: all three must be"
                    + " non-empty (check 'split.learn', 'split.validationFraction' and 'task.normal')");
        }
        return new AnomalyPlan(data, fitted, table, test, data.testSource(), train, calibration, declared, description);
    }

    /** Each asset's reading times, in the order the source gives them (time order within an asset). */
    private static Map<String, long[]> readingTimes(JobData data) throws IOException {
        Map<String, long[]> buf = new LinkedHashMap<>();
        Map<String, Integer> size = new HashMap<>();
        data.train().telemetry().forEach((a, t, v) -> {
            long[] b = buf.computeIfAbsent(a, k -> new long[1024]);
            int n = size.merge(a, 1, Integer::sum);
            if (n > b.length) {
                b = Arrays.copyOf(b, 2 * b.length);
                buf.put(a, b);
            }
            b[n - 1] = t;
        });
        Map<String, long[]> out = new LinkedHashMap<>();
        for (String a : data.assets()) {
            out.put(a, Arrays.copyOf(buf.get(a), size.get(a)));
        }
        return out;
    }
}
