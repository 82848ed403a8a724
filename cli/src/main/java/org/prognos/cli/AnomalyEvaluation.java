package org.prognos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.prognos.PrognosException;
import org.prognos.cli.score.Probes;
import org.prognos.cli.score.RowSelection;
import org.prognos.cli.score.ServedSteps;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.telemetry.Dataset;
import org.prognos.models.batch.DatasetScorer;
import org.prognos.models.batch.ScoredRow;
import org.prognos.models.bundle.ManifestJson;
import org.prognos.models.bundle.Task;
import org.prognos.training.anomaly.LabelledPeriods;
import org.prognos.training.anomaly.PeriodEvaluation;
import org.prognos.training.evaluation.RowTimes;
import org.prognos.training.evaluation.TimeScale;

/**
 * {@code prognos evaluate} on an anomaly model: every row of a dataset scored as {@code prognos score} scores it
 * ({@link DatasetScorer}; an adaptively scored model through each asset's adaptive steps from its first row), its
 * alarms judged against labelled periods with the job's own definition ({@link PeriodEvaluation}). The contenders are
 * the job's that a bundle holds: the fitted model (alarm: score ≥ the bundle's threshold) and, when served adaptively,
 * the adaptive score ({@code adaptive}, alarm: the adaptive answer's); the job's z-score baseline is not in a bundle.
 *
 * @param labels where the periods come from: a periods file or a label column of the data
 * @param from   evaluate only rows at or after this time (every row is still scored, so that an adaptive scorer warms
 *               up on the rows before it, as the job's does); empty: every row
 */
record AnomalyEvaluation(Labels labels, OptionalLong from) {
    /** The labels {@code --periods} or {@code --label-column} names. */
    sealed interface Labels {
        /** A periods file: CSV {@code asset,start,end} or NAB's windows JSON. */
        record File(Path path) implements Labels {
        }

        /** A 0/1 column of the data, which the model's spec must not read. */
        record Column(String name) implements Labels {
        }
    }

    /** The figures under {@code evaluation.<contender>.labelled}, beside {@code rows} and {@code alarmRows}. */
    ObjectNode evaluate(DatasetScorer scorer, Task.Anomaly task, Dataset data, int threads, Consumer<String> log)
            throws IOException {
        FeatureExtractor ex = scorer.extractor();
        LabelledPeriods periods = labels instanceof Labels.File f ? LabelledPeriods.read(f.path(), ex.axis(), "--periods")
                : LabelledPeriods.fromColumn(data.telemetry(), ((Labels.Column) labels).name(), ex.spec(), "--label-column");
        FeatureTable table = Probes.rows(ex, data, new RowSelection.SpecRows(), threads, n -> { }).rows();
        if (table.size() == 0) {
            throw new PrognosException("no row to evaluate: the spec '" + ex.spec().name() + "' emits none on " + data.telemetry().name());
        }
        Map<String, boolean[]> alarms = alarms(scorer, task, table, ex, data, threads);
        int[] order = evaluated(table);
        if (order.length == 0) {
            throw new PrognosException("no row to evaluate: none of the " + table.size() + " rows is at or after --from");
        }
        RowTimes at = new RowTimes(Arrays.stream(order).mapToObj(table::asset).toArray(String[]::new),
                Arrays.stream(order).mapToLong(table::time).toArray());
        log.accept("evaluating " + scorer.model() + " on " + order.length + " rows of " + table.assetOrder().size()
                + " assets (" + table.size() + " scored)");
        log.accept(periods.summary(table.assetOrder()));
        ObjectNode metrics = ManifestJson.mapper().createObjectNode();
        metrics.put("model", scorer.model());
        metrics.put("data", data.telemetry().name());
        metrics.put("labels", periods.source() + ", " + periods.periods().size() + " periods");
        ObjectNode evaluation = metrics.putObject("evaluation");
        TimeScale scale = TimeScale.of(ex.axis());
        for (Map.Entry<String, boolean[]> c : alarms.entrySet()) {
            boolean[] all = c.getValue();
            boolean[] mine = new boolean[order.length];
            for (int i = 0; i < order.length; i++) {
                mine[i] = all[order[i]];
            }
            PeriodEvaluation pe = PeriodEvaluation.of(at, mine, periods, scale);
            ObjectNode o = evaluation.putObject(c.getKey());
            o.put("rows", mine.length);
            long alarming = 0;
            for (boolean a : mine) {
                alarming += a ? 1 : 0;
            }
            o.put("alarmRows", alarming);
            pe.writeTo(o);
            pe.cells().forEach((k, v) -> log.accept(c.getKey() + ": " + k + ": " + v));
            log.accept(c.getKey() + ": " + o);    // the job log's line
        }
        metrics.put("definition", PeriodEvaluation.DEFINITION);
        return metrics;
    }

    /** Each contender's alarm on every row of {@code table}: the fitted model's, then the adaptive score's when served so. */
    private static Map<String, boolean[]> alarms(DatasetScorer scorer, Task.Anomaly task, FeatureTable table,
                                                 FeatureExtractor ex, Dataset data, int threads) throws IOException {
        Map<String, boolean[]> out = new LinkedHashMap<>();
        boolean[] fitted = new boolean[table.size()];
        out.put(task.family(), fitted);
        if (scorer.adaptiveAnomaly().isEmpty()) {
            List<ScoredRow> rows = scorer.score(table, 0, table.size(), 0);
            for (int r = 0; r < rows.size(); r++) {
                fitted[r] = rows.get(r).alarm();
            }
            return out;
        }
        var steps = ServedSteps.of(scorer.adaptiveAnomaly().get(), ex, data, new RowSelection.SpecRows(), table, threads).steps();
        List<ScoredRow> rows = scorer.score(table, 0, table.size(), 0, steps);
        boolean[] adaptive = new boolean[table.size()];
        int fittedRisk = scorer.numericColumns().indexOf("fitted_risk");
        double threshold = 1 - task.falseAlarmRate();
        for (int r = 0; r < rows.size(); r++) {
            adaptive[r] = rows.get(r).alarm();
            fitted[r] = rows.get(r).number(fittedRisk) >= threshold;
        }
        out.put("adaptive", adaptive);
        return out;
    }

    /** The rows evaluated, each asset's in time order, assets in the table's order. */
    private int[] evaluated(FeatureTable table) {
        List<Integer> keep = new ArrayList<>();
        for (int[] rows : table.rowsByAsset().values()) {
            for (int r : rows) {
                if (from.isEmpty() || table.time(r) >= from.getAsLong()) {
                    keep.add(r);
                }
            }
        }
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }
}
