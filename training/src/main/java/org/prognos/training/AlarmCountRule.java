package org.prognos.training;

import java.util.ArrayList;
import java.util.List;
import org.prognos.PrognosException;
import org.prognos.features.spec.FeatureGroup;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.models.predict.ModelInfo;
import org.prognos.models.predict.Predictions;
import org.prognos.models.predict.Predictor;
import org.prognos.training.data.LabeledRows;

/**
 * The operator's "too many alarms lately" heuristic as a baseline: a row's risk is read from how many alarm events
 * (every {@code eventCount} column of kind {@code alarm} in the spec: Azure's error1..error5 over the last 24 h)
 * the asset raised in the window. The count (capped at {@value #MAX_COUNT}) indexes a table of class frequencies over
 * the training rows with that count (add-one smoothed), so P(any failure) rises with the count as far as the
 * training rows say it does, and an alarm names the component that most often failed after that many alarms. The
 * threshold on it is chosen like the model's. It fits nothing else and learns no sensor.
 */
final class AlarmCountRule implements Predictor {
    /** Counts above this share the last row of the table. */
    static final int MAX_COUNT = 10;

    private final ModelInfo info;
    private final int[] columns;
    private final double[][] table;

    private AlarmCountRule(ModelInfo info, int[] columns, double[][] table) {
        this.info = info;
        this.columns = columns.clone();
        this.table = table;
    }

    /** The alarm-count columns of {@code spec} among {@code columns}; empty when the spec counts no alarms. */
    static int[] alarmColumns(FeatureSpec spec, List<String> columns) {
        List<Integer> out = new ArrayList<>();
        for (FeatureGroup g : spec.features()) {
            if (g instanceof FeatureGroup.EventCount e && e.kind().equals("alarm")) {
                for (String code : e.codes()) {
                    int c = columns.indexOf(code + "_count_" + e.window());
                    if (c >= 0) {
                        out.add(c);
                    }
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The table of class frequencies by alarm count, on {@code train}. */
    static AlarmCountRule fit(ModelInfo info, int[] alarmColumns, LabeledRows train, int classes) {
        if (alarmColumns.length == 0) {
            throw new PrognosException("the alarm-count rule needs an eventCount feature of kind 'alarm' in the spec");
        }
        double[][] table = new double[MAX_COUNT + 1][classes];
        for (double[] row : table) {
            java.util.Arrays.fill(row, 1);
        }
        for (int i = 0; i < train.size(); i++) {
            table[count(train.x()[i], alarmColumns)][(int) train.y()[i]]++;
        }
        for (double[] row : table) {
            double sum = java.util.Arrays.stream(row).sum();
            for (int c = 0; c < row.length; c++) {
                row[c] /= sum;
            }
        }
        return new AlarmCountRule(info, alarmColumns, table);
    }

    private static int count(double[] row, int[] columns) {
        double n = 0;
        for (int c : columns) {
            if (!Double.isNaN(row[c])) {
                n += row[c];
            }
        }
        return (int) Math.min(MAX_COUNT, Math.max(0, Math.round(n)));
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public Predictions predict(double[][] featureRows) {
        double[][] out = new double[featureRows.length][];
        for (int r = 0; r < out.length; r++) {
            out[r] = table[count(featureRows[r], columns)].clone();
        }
        return new Predictions.Probabilities(info.task().outputNames(), out);
    }

    @Override
    public void close() {
    }
}
