package org.prognos.training;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.prognos.models.baseline.Baseline;
import org.prognos.models.baseline.BaselineJson;
import org.prognos.models.bundle.ManifestJson;
import org.prognos.models.bundle.Task;
import org.prognos.training.data.LabeledRows;

/**
 * The baselines every job fits beside its model (Tribuo's "if you can't beat these baselines, your system doesn't
 * work"), on training rows only, and what of them travels in metrics.json.
 */
final class Baselines {
    private Baselines() {
    }

    /**
     * The class prior for a failure task; for remaining life, the mean and, when the rows have an {@code elapsed}
     * column, a least-squares line on it.
     */
    static List<Baseline> fit(Task task, LabeledRows train) {
        List<Baseline> out = new ArrayList<>();
        if (task.isClassification()) {
            out.add(Baseline.ClassPrior.fit(task.outputNames(), train.y()));
            return out;
        }
        out.add(Baseline.ConstantValue.fit(train.y()));
        int c = train.columns().indexOf("elapsed");
        if (c >= 0) {
            // least squares of the target on the elapsed time, on training rows only
            double sx = 0, sy = 0, sxx = 0, sxy = 0;
            int n = 0;
            for (int i = 0; i < train.size(); i++) {
                double x = train.x()[i][c];
                if (!Double.isNaN(x)) {
                    sx += x;
                    sy += train.y()[i];
                    sxx += x * x;
                    sxy += x * train.y()[i];
                    n++;
                }
            }
            double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
            double intercept = (sy - slope * sx) / n;
            out.add(new Baseline.LinearDegradation("elapsed", intercept, slope, sy / n));
        }
        return out;
    }

    /**
     * The typical training value of each feature (median over training rows: the reference explanations occlude
     * with), and the fitted baselines, which travel with the bundle so that {@code prognos evaluate} shows them
     * beside the model too.
     */
    static void putReferenceAndBaselines(ObjectNode metrics, LabeledRows trainRows, List<Baseline> baselines) throws IOException {
        ObjectNode reference = metrics.putObject("featureReference");
        for (int c = 0; c < trainRows.columns().size(); c++) {
            final int col = c;
            double[] v = Arrays.stream(trainRows.x()).mapToDouble(r -> r[col]).filter(d -> !Double.isNaN(d)).sorted().toArray();
            if (v.length > 0) {
                reference.put(trainRows.columns().get(c), v[v.length / 2]);
            }
        }
        ArrayNode baselineModels = metrics.putArray("baselineModels");
        for (Baseline b : baselines) {
            baselineModels.add(ManifestJson.mapper().readTree(BaselineJson.write(b)));
        }
    }

}
