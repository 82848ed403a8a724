package org.prognos.training.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.prognos.features.extract.BatchExtractor;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.labels.Labeler;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.telemetry.Dataset;

/** Extracts a fitted spec's rows from a dataset and labels them, dropping censored rows. */
public final class FleetRows {
    private FleetRows() {
    }

    /** Every labelled row of {@code data}, ordered by asset then time. */
    public static LabeledRows extract(FeatureSpec fitted, Dataset data, Labeler labeler, int threads) throws IOException {
        FeatureExtractor ex = new FeatureExtractor(fitted);
        FeatureTable table = new FeatureTable(ex.columns());
        BatchExtractor.Summary s = new BatchExtractor(ex, threads, n -> { }).run(data, table);
        FeatureTable sorted = table.sorted();
        double[] y = labeler.label(sorted, data.events(), s.lastReadingTimes());
        List<String> assets = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<double[]> x = new ArrayList<>();
        List<Double> labels = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            if (!Double.isNaN(y[i])) {
                assets.add(sorted.asset(i));
                times.add(sorted.time(i));
                x.add(sorted.row(i));
                labels.add(y[i]);
            }
        }
        return new LabeledRows(ex.columns(), assets.toArray(String[]::new), times.stream().mapToLong(Long::longValue).toArray(),
                x.toArray(double[][]::new), labels.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Last reading time per asset (observation end), for labels computed elsewhere. */
    public static Map<String, Long> observedUntil(FeatureSpec fitted, Dataset data) throws IOException {
        FeatureExtractor ex = new FeatureExtractor(fitted);
        return new BatchExtractor(ex, 1, n -> { }).run(data, (a, t, v) -> { }).lastReadingTimes();
    }
}
