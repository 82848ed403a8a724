package org.prognos.training.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.prognos.models.bundle.ManifestJson;

/**
 * {@code metrics.json}: the numbers of the report's tables as plain JSON (camelCase keys, as the bundle manifest).
 * JSON has no {@code NaN}: an undefined value is {@code null} and the record's reason is written beside it. Plot
 * points (curves, scatter samples, the cost curve) are left out; they are pictures of these numbers.
 */
final class MetricsJson {
    /** The format tag of the file. */
    static final String FORMAT = "prognos-metrics/1";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private MetricsJson() {
    }

    static ObjectNode of(TrainingReport report) {
        ObjectNode root = F.objectNode();
        root.put("format", FORMAT);
        root.put("job", report.job());
        root.put("dataset", report.dataset());
        root.put("split", report.split());
        ArrayNode notes = root.putArray("notes");
        report.notes().forEach(notes::add);
        ArrayNode results = root.putArray("results");
        for (EvaluationResult r : report.results()) {
            ObjectNode o = results.addObject();
            o.put("name", r.name());
            o.put("role", r.role().name().toLowerCase(Locale.ROOT));
            r.classification().ifPresent(c -> o.set("classification", classification(c)));
            r.events().ifPresent(e -> o.set("events", events(e)));
            r.threshold().ifPresent(t -> o.set("threshold", threshold(t)));
            r.regression().ifPresent(m -> o.set("regression", regression(m)));
        }
        ArrayNode importance = root.putArray("featureImportance");
        for (FeatureImportance f : report.featureImportance()) {
            ObjectNode o = importance.addObject();
            o.put("model", f.model());
            o.put("method", f.method());
            ArrayNode entries = o.putArray("entries");
            for (FeatureImportance.Entry e : f.top(f.entries().size())) {
                ObjectNode x = entries.addObject();
                x.put("feature", e.feature());
                number(x, "value", e.value());
            }
        }
        ArrayNode curves = root.putArray("learningCurves");
        for (LearningCurve c : report.learningCurves()) {
            ObjectNode o = curves.addObject();
            o.put("model", c.model());
            if (!c.part().isEmpty()) {
                o.put("part", c.part());
            }
            o.put("step", c.step());
            array(o.putArray("steps"), c.steps());
            array(o.putArray("trainLoss"), c.trainLoss());
            array(o.putArray("validationLoss"), c.validationLoss());
        }
        return root;
    }

    static String text(ObjectNode json) {
        try {
            return ManifestJson.mapper().writeValueAsString(json) + "\n";
        } catch (JsonProcessingException e) {
            throw new EvaluationException("cannot write metrics JSON: " + e.getOriginalMessage(), e);
        }
    }

    static ObjectNode classification(ClassificationMetrics c) {
        ObjectNode o = F.objectNode();
        ArrayNode classes = o.putArray("classes");
        c.classes().forEach(classes::add);
        o.put("rows", c.rows());
        number(o, "accuracy", c.accuracy());
        number(o, "macroF1", c.macroF1());
        number(o, "macroF1Failures", c.macroF1Failures());
        number(o, "brier", c.brier());
        number(o, "brierAnyFailure", c.brierAnyFailure());
        number(o, "expectedCalibrationError", c.expectedCalibrationError());
        ArrayNode perClass = o.putArray("perClass");
        for (ClassificationMetrics.ClassScores s : c.perClass()) {
            ObjectNode x = perClass.addObject();
            x.put("class", s.name());
            number(x, "precision", s.precision());
            number(x, "recall", s.recall());
            number(x, "f1", s.f1());
            x.put("support", s.support());
            x.put("predicted", s.predicted());
        }
        ObjectNode confusion = o.putObject("confusion");
        confusion.put("rows", "truth");
        confusion.put("columns", "predicted");
        ArrayNode counts = confusion.putArray("counts");
        for (long[] row : c.confusion()) {
            ArrayNode a = counts.addArray();
            for (long v : row) {
                a.add(v);
            }
        }
        ArrayNode ranking = o.putArray("ranking");
        c.perClassRanking().forEach(r -> ranking.add(ranking(r)));
        o.set("anyFailure", ranking(c.anyFailure()));
        ArrayNode calibration = o.putArray("calibration");
        for (ClassificationMetrics.CalibrationBin b : c.calibration()) {
            ObjectNode x = calibration.addObject();
            number(x, "lower", b.lower());
            number(x, "upper", b.upper());
            x.put("rows", b.rows());
            number(x, "meanPredicted", b.meanPredicted());
            number(x, "observedRate", b.observedRate());
        }
        return o;
    }

    static ObjectNode ranking(RankingMetrics r) {
        ObjectNode o = F.objectNode();
        o.put("positive", r.positive());
        o.put("positives", r.positives());
        o.put("negatives", r.negatives());
        number(o, "averagePrecision", r.averagePrecision());
        number(o, "rocAuc", r.rocAuc());
        r.undefinedReason().ifPresent(s -> o.put("undefinedReason", s));
        return o;
    }

    static ObjectNode events(EventMetrics e) {
        ObjectNode o = F.objectNode();
        ObjectNode settings = o.putObject("settings");
        settings.put("horizonTicks", e.settings().horizon());
        settings.put("rowStrideTicks", e.settings().rowStride());
        settings.put("timeUnit", e.settings().scale().unit());
        settings.put("match", e.settings().match().describe());
        o.put("eventsTotal", e.eventsTotal());
        o.put("eventsWithRows", e.eventsWithRows());
        o.put("eventsCaught", e.eventsCaught());
        o.put("missedFailures", e.missedFailures());
        number(o, "eventRecall", e.eventRecall());
        ArrayNode by = o.putArray("byComponent");
        for (EventMetrics.ComponentRecall c : e.byComponent()) {
            ObjectNode x = by.addObject();
            x.put("component", c.component());
            x.put("events", c.events());
            x.put("caught", c.caught());
            number(x, "recall", c.recall());
        }
        ObjectNode lead = distribution(e.leadTime());
        lead.put("unit", e.settings().scale().unit());
        o.set("leadTime", lead);
        o.put("evaluatedRows", e.evaluatedRows());
        o.put("alarmRows", e.alarmRows());
        o.put("falseAlarmRows", e.falseAlarmRows());
        number(o, "assetMonths", e.assetMonths());
        number(o, "falseAlarmsPerAssetMonth", e.falseAlarmsPerAssetMonth());
        o.put("needlessVisits", e.needlessVisits());
        number(o, "needlessVisitsPerAssetMonth", e.needlessVisitsPerAssetMonth());
        o.put("labelEventMismatches", e.labelEventMismatches());
        ArrayNode reasons = o.putArray("undefinedReasons");
        e.undefinedReasons().forEach(reasons::add);
        return o;
    }

    static ObjectNode threshold(ThresholdChoice t) {
        ObjectNode o = F.objectNode();
        number(o, "threshold", t.threshold());
        o.put("neverAlarms", t.threshold() > 1);
        ObjectNode costs = o.putObject("costs");
        number(costs, "missedFailure", t.costs().missedFailure());
        number(costs, "needlessVisit", t.costs().needlessVisit());
        o.put("missedFailures", t.chosen().missedFailures());
        o.put("needlessVisits", t.chosen().needlessVisits());
        o.put("falseAlarmRows", t.chosen().falseAlarmRows());
        number(o, "cost", t.chosen().cost());
        o.put("candidates", t.curve().size());
        o.put("exhaustive", t.exhaustive());
        o.set("validationEventsAtThreshold", events(t.atThreshold()));
        return o;
    }

    static ObjectNode regression(RegressionMetrics m) {
        ObjectNode o = F.objectNode();
        o.put("rows", m.rows());
        number(o, "rmse", m.rmse());
        number(o, "mae", m.mae());
        number(o, "bias", m.bias());
        number(o, "phm08", m.phm08());
        ArrayNode buckets = o.putArray("byTrueRul");
        for (RegressionMetrics.Bucket b : m.buckets()) {
            ObjectNode x = buckets.addObject();
            x.put("bucket", b.label());
            number(x, "lower", b.lower());
            number(x, "upper", b.upper());
            x.put("rows", b.rows());
            number(x, "rmse", b.rmse());
            number(x, "mae", b.mae());
            number(x, "meanError", b.meanError());
        }
        return o;
    }

    private static ObjectNode distribution(Distribution d) {
        ObjectNode o = F.objectNode();
        o.put("count", d.count());
        number(o, "min", d.min());
        number(o, "p10", d.p10());
        number(o, "p25", d.p25());
        number(o, "median", d.median());
        number(o, "p75", d.p75());
        number(o, "p90", d.p90());
        number(o, "max", d.max());
        number(o, "mean", d.mean());
        return o;
    }

    /** A finite number, or {@code null} (NaN, ±Infinity: JSON has neither). */
    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    private static void array(ArrayNode a, double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                a.add(v);
            } else {
                a.addNull();
            }
        }
    }
}
