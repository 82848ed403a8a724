package org.prognos.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.prognos.features.labels.Labeler;
import org.prognos.features.telemetry.Dataset;
import org.prognos.models.baseline.Baseline;
import org.prognos.models.bundle.Task;
import org.prognos.models.predict.Predictions;
import org.prognos.models.predict.Predictor;
import org.prognos.training.config.TrainingConfig;
import org.prognos.training.data.LabeledRows;

/** Scores the model and its baselines on held-out rows; the numbers go to metrics.json and the report. */
final class Evaluation {
    private Evaluation() {
    }

    static ObjectNode evaluate(Task task, Labeler labeler, TrainingConfig config, Predictor model, List<Baseline> baselines,
                               LabeledRows validation, LabeledRows test, Dataset testData, Consumer<String> log) {
        ObjectNode m = TrainingJob.newObject();
        if (!task.isClassification()) {
            double[] yhat = ((Predictions.Values) model.predict(test.x())).values();
            m.set("model", regression(test.y(), yhat, task));
            log.accept("test  model     " + line(m.get("model")));
            ObjectNode b = m.putObject("baselines");
            for (Baseline base : baselines) {
                double[] by = ((Predictions.Values) base.predict(test.x(), test.columns(), task)).values();
                String name = base instanceof Baseline.ConstantValue ? "mean-rul" : "linear-degradation";
                b.set(name, regression(test.y(), by, task));
                log.accept(String.format("test  %-9s %s", name, line(b.get(name))));
            }
            return m;
        }
        throw new UnsupportedOperationException("classification evaluation arrives with the evaluation library");
    }

    private static String line(com.fasterxml.jackson.databind.JsonNode n) {
        return String.format(java.util.Locale.ROOT, "RMSE %.2f (truth capped: %.2f)  MAE %.2f  PHM08 %.1f  n=%d",
                n.get("rmse").asDouble(), n.path("rmseCappedTruth").asDouble(Double.NaN), n.get("mae").asDouble(),
                n.get("phm08").asDouble(), n.get("count").asInt());
    }

    private static ObjectNode regression(double[] truth, double[] pred, Task task) {
        ObjectNode o = TrainingJob.newObject();
        o.put("rmse", rmse(truth, pred));
        o.put("mae", mae(truth, pred));
        o.put("phm08", phm08(truth, pred));
        if (task instanceof Task.RemainingUsefulLife r && r.cap().isPresent()) {
            double cap = r.cap().getAsDouble();
            double[] capped = java.util.Arrays.stream(truth).map(v -> Math.min(v, cap)).toArray();
            o.put("rmseCappedTruth", rmse(capped, pred));
            o.put("phm08CappedTruth", phm08(capped, pred));
        }
        o.put("count", truth.length);
        return o;
    }

    static double rmse(double[] t, double[] p) {
        double s = 0;
        for (int i = 0; i < t.length; i++) {
            s += (p[i] - t[i]) * (p[i] - t[i]);
        }
        return Math.sqrt(s / t.length);
    }

    static double mae(double[] t, double[] p) {
        double s = 0;
        for (int i = 0; i < t.length; i++) {
            s += Math.abs(p[i] - t[i]);
        }
        return s / t.length;
    }

    static double phm08(double[] t, double[] p) {
        double s = 0;
        for (int i = 0; i < t.length; i++) {
            double d = p[i] - t[i];
            s += d < 0 ? Math.exp(-d / 13) - 1 : Math.exp(d / 10) - 1;
        }
        return s;
    }

    static String report(TrainingConfig config, ObjectNode metrics) {
        return null;
    }
}
