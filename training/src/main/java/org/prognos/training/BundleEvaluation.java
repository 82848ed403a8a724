package org.prognos.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.prognos.PrognosException;
import org.prognos.features.labels.FailureWithinHorizon;
import org.prognos.features.labels.Labeler;
import org.prognos.features.labels.RemainingUsefulLife;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.models.baseline.Baseline;
import org.prognos.models.baseline.BaselineJson;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.Task;
import org.prognos.models.interval.RulInterval;
import org.prognos.models.predict.Predictor;
import org.prognos.models.runtime.CalibratedPredictor;
import org.prognos.models.predict.Predictors;
import org.prognos.training.data.FleetRows;
import org.prognos.training.data.LabeledRows;

/**
 * {@code prognos evaluate}: scores a published bundle on a held-out dataset with the bundle's own fitted
 * spec (nothing is refitted) and prints the same metrics as training. For C-MAPSS, {@code lastPerAsset}
 * follows the standard protocol: each test unit once, at its last cycle, against the RUL file. A RUL bundle's
 * interval is checked as in training: the published one and, beside it, the baselines the job recorded.
 */
public final class BundleEvaluation {
    private BundleEvaluation() {
    }

    /**
     * Refuses a bundle this evaluation cannot re-score: an anomaly model is judged against the normal selection,
     * failure log and labelled periods of its job (training/ANOMALY.md), none of which a bundle and a dataset give.
     *
     * @throws PrognosException for an anomaly model, naming it and where its held-out figures are
     */
    public static void requireEvaluable(LoadedBundle bundle) {
        if (bundle.manifest().task() instanceof Task.Anomaly a) {
            throw new PrognosException(bundle.manifest().name() + ":" + bundle.manifest().version() + " is an anomaly model ("
                    + a.family() + "): evaluate re-scores failure-within-horizon and remaining-useful-life models only. Its"
                    + " job's held-out figures are in the bundle's metrics.json ('evaluation') and report.html; 'prognos"
                    + " score' scores a dataset with it, and 'prognos evaluate --periods' judges it against labelled periods");
        }
    }

    public static ObjectNode evaluate(LoadedBundle bundle, Dataset data, boolean lastPerAsset, Predictors predictors,
                                      Consumer<String> log) throws IOException {
        requireEvaluable(bundle);
        FeatureSpec spec = bundle.spec();
        Task task = bundle.manifest().task();
        TimeAxis axis = spec.time().toAxis();
        Labeler truth;
        if (task instanceof Task.FailureWithinHorizon f) {
            List<String> classes = f.classes();
            boolean binary = classes.size() == 2 && classes.get(1).equals("failure");
            truth = FailureWithinHorizon.perComponent(f.horizonTicks(), binary ? List.of() : classes.subList(1, classes.size()));
        } else {
            Task.RemainingUsefulLife r = (Task.RemainingUsefulLife) task;
            truth = new RemainingUsefulLife(axis.parseSpan(r.unit()), OptionalLong.empty());
        }
        LabeledRows rows = FleetRows.extract(spec, data, truth, Runtime.getRuntime().availableProcessors());
        if (lastPerAsset) {
            rows = rows.lastPerAsset();
        }
        log.accept("evaluating " + bundle.manifest().name() + ":" + bundle.manifest().version() + " on " + rows.size() + " rows of "
                + rows.distinctAssets().size() + " assets");
        double threshold = bundle.manifest().metrics().path("decision").path("threshold").asDouble(0.5);
        List<Baseline> baselines = new ArrayList<>();
        for (var node : bundle.manifest().metrics().path("baselineModels")) {
            baselines.add(BaselineJson.parse(node.toString().getBytes(StandardCharsets.UTF_8),
                    "metrics.json baselineModels"));
        }
        // a calibrated bundle is scored as the service answers: with its calibration applied
        try (Predictor p = bundle.calibration().<Predictor>map(c -> new CalibratedPredictor(predictors.create(bundle), c))
                .orElseGet(() -> predictors.create(bundle))) {
            Evaluation.Inputs in = new Evaluation.Inputs(
                    new Evaluation.Heading(bundle.manifest().name(), data.telemetry().name(), "held-out data"),
                    new Evaluation.HeldOut(task, spec, Evaluation.Rows.none(rows, data), new Evaluation.Rows(rows, data)),
                    new Evaluation.Contenders(bundle.manifest().name() + ":" + bundle.manifest().version(), p, baselines,
                            intervals(bundle)),
                    new Evaluation.Decision.Fixed(threshold), Evaluation.Diagnostics.none());
            return Evaluation.evaluate(in, log).metrics();
        }
    }

    /**
     * The published interval first, then the ones the job printed beside it (the plain absolute baseline and the
     * other methods), rebuilt from {@code metrics.json} {@code interval.baselines}: they were fitted on the same
     * out-of-fold residuals as the published one, so its cap, counts and provenance carry over. A bundle without an
     * interval gives none; one trained before the baselines were recorded gives the published one alone.
     */
    static List<RulInterval> intervals(LoadedBundle bundle) {
        Optional<RulInterval> published = bundle.interval();
        if (published.isEmpty()) {
            return List.of();
        }
        RulInterval p = published.get();
        List<RulInterval> out = new ArrayList<>(List.of(p));
        for (JsonNode o : bundle.manifest().metrics().path("interval").path("baselines")) {
            out.add(new RulInterval(RulInterval.Method.parse(o.path("method").asText()), o.path("nominal").asDouble(),
                    doubles(o.path("binEdges")), doubles(o.path("quantiles")), o.path("scaleFloor").asDouble(), p.cap(),
                    p.residuals(), p.assets(), "the published interval's residuals (" + p.calibration() + ")"));
        }
        return out;
    }

    private static double[] doubles(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asDouble();
        }
        return v;
    }
}
