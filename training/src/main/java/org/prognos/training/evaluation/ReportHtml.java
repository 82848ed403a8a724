package org.prognos.training.evaluation;

import static org.prognos.training.evaluation.ReportTables.amount;
import static org.prognos.training.evaluation.ReportTables.baselineClass;
import static org.prognos.training.evaluation.ReportTables.count;
import static org.prognos.training.evaluation.ReportTables.grouped;
import static org.prognos.training.evaluation.ReportTables.metric;
import static org.prognos.training.evaluation.ReportTables.na;
import static org.prognos.training.evaluation.ReportTables.number;
import static org.prognos.training.evaluation.ReportTables.ratio;
import static org.prognos.training.evaluation.ReportTables.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.prognos.reports.Template;
import org.prognos.reports.chart.SvgCharts;
import org.prognos.training.evaluation.ReportTables.Better;
import org.prognos.training.evaluation.ReportTables.Format;
import org.prognos.training.evaluation.ReportTables.Metric;
import org.prognos.training.evaluation.ReportView.Cell;
import org.prognos.training.evaluation.ReportView.Confusion;
import org.prognos.training.evaluation.ReportView.Figure;
import org.prognos.training.evaluation.ReportView.Figures;
import org.prognos.training.evaluation.ReportView.Row;
import org.prognos.training.evaluation.ReportView.Table;
import org.prognos.training.evaluation.ReportView.Undefined;

/**
 * Renders a {@link TrainingReport} as one HTML5 document that is also well-formed XML (void elements closed, only
 * XML's five entities), so a test can parse it. Self-contained on purpose: it is mailed, archived in bundles and
 * opened offline, so it carries its CSS and its charts inline and asks the network for nothing.
 *
 * <p>This class prepares the {@link ReportView} (which rows, formatted how, which value is best, which charts);
 * {@code report.mustache} and {@code report.css} beside it lay the page out.
 */
final class ReportHtml {
    private static final Template TEMPLATE = Template.load(ReportHtml.class, "report");
    private static final String CSS = Template.text(ReportHtml.class, "report.css");

    private final TrainingReport report;
    private int charts;

    ReportHtml(TrainingReport report) {
        this.report = report;
    }

    String render() {
        List<EvaluationResult> cls = with(r -> r.classification().isPresent());
        List<EvaluationResult> ev = with(r -> r.events().isPresent());
        List<EvaluationResult> th = with(r -> r.threshold().isPresent());
        List<EvaluationResult> reg = with(r -> r.regression().isPresent());
        // built in page order: chart ids count up down the page
        Optional<ReportView.Classification> classification = cls.isEmpty() ? Optional.empty()
                : Optional.of(classification(cls));
        Optional<ReportView.Events> events = ev.isEmpty() ? Optional.empty() : Optional.of(events(ev));
        Optional<ReportView.Threshold> threshold = th.isEmpty() ? Optional.empty() : Optional.of(threshold(th));
        Optional<ReportView.Regression> regression = reg.isEmpty() ? Optional.empty() : Optional.of(regression(reg));
        Optional<Figures> importance = report.featureImportance().isEmpty() ? Optional.empty()
                : Optional.of(importance());
        Optional<Figures> learning = report.learningCurves().isEmpty() ? Optional.empty() : Optional.of(learning());
        List<ReportView.Link> nav = new ArrayList<>();
        link(nav, classification, "classification", "Classification");
        link(nav, events, "events", "Failure events");
        link(nav, threshold, "threshold", "Alarm threshold");
        link(nav, regression, "regression", "Remaining useful life");
        link(nav, importance, "importance", "Feature importance");
        link(nav, learning, "learning", "Learning curves");
        List<ReportView.Fact> facts = List.of(new ReportView.Fact("Dataset", report.dataset()),
                new ReportView.Fact("Split", report.split()),
                new ReportView.Fact("Models", names(report.models())),
                new ReportView.Fact("Baselines", names(report.baselines())));
        return TEMPLATE.render(new ReportView.Page(report.job(), CSS, facts, report.notes(), nav, classification,
                events, threshold, regression, importance, learning));
    }

    private List<EvaluationResult> with(Predicate<EvaluationResult> has) {
        return report.results().stream().filter(has).toList();
    }

    private static String names(List<EvaluationResult> results) {
        return String.join(", ", results.stream().map(EvaluationResult::name).toList());
    }

    private static void link(List<ReportView.Link> nav, Optional<?> section, String id, String text) {
        section.ifPresent(s -> nav.add(new ReportView.Link(id, text)));
    }

    // ---------------------------------------------------------------- classification

    private ReportView.Classification classification(List<EvaluationResult> cols) {
        List<ClassificationMetrics> m = cols.stream().map(r -> r.classification().orElseThrow()).toList();
        List<Confusion> confusion = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            confusion.add(confusion(cols.get(i), m.get(i)));
        }
        return new ReportView.Classification(m.get(0).classes().get(0), classificationSummary(cols, m),
                grouped(List.of("class", "support"), cols, List.of("precision", "recall", "F1", "AP", "ROC-AUC"),
                        perClass(cols, m)),
                confusion,
                grouped(List.of("predicted"), cols, List.of("rows", "mean predicted", "observed rate"),
                        calibration(cols, m)),
                classificationFigures(cols, m), Undefined.of(undefinedReasons(cols, m)));
    }

    /** The headline metrics, one column per contender. */
    private static Table classificationSummary(List<EvaluationResult> cols, List<ClassificationMetrics> m) {
        List<Metric> rows = new ArrayList<>();
        rows.add(metric("rows", Better.NONE, Format.COUNT, m, c -> c.rows()));
        rows.add(metric("accuracy", Better.HIGHER, Format.RATIO, m, ClassificationMetrics::accuracy));
        rows.add(metric("macro-F1, all classes", Better.HIGHER, Format.RATIO, m, ClassificationMetrics::macroF1));
        rows.add(metric("macro-F1, failure classes", Better.HIGHER, Format.RATIO, m,
                ClassificationMetrics::macroF1Failures));
        rows.add(metric("average precision, any failure", Better.HIGHER, Format.RATIO, m,
                c -> c.anyFailure().averagePrecision()));
        rows.add(metric("ROC-AUC, any failure", Better.HIGHER, Format.RATIO, m, c -> c.anyFailure().rocAuc()));
        rows.add(metric("Brier score", Better.LOWER, Format.RATIO, m, ClassificationMetrics::brier));
        rows.add(metric("Brier score, any failure", Better.LOWER, Format.RATIO, m,
                ClassificationMetrics::brierAnyFailure));
        rows.add(metric("expected calibration error, any failure", Better.LOWER, Format.RATIO, m,
                ClassificationMetrics::expectedCalibrationError));
        return table("metric", cols, rows);
    }

    /** Precision, recall, F1 and (failure classes only) ranking metrics of each class. */
    private static List<Row> perClass(List<EvaluationResult> cols, List<ClassificationMetrics> m) {
        ClassificationMetrics first = m.get(0);
        List<Row> perClass = new ArrayList<>();
        for (int k = 0; k < first.classes().size(); k++) {
            List<Cell> cells = new ArrayList<>();
            cells.add(Cell.of(count(first.perClass().get(k).support()), ""));
            for (int i = 0; i < cols.size(); i++) {
                ClassificationMetrics c = m.get(i);
                ClassificationMetrics.ClassScores s = c.perClass().get(k);
                String css = baselineClass(cols.get(i));
                for (double v : new double[] {s.precision(), s.recall(), s.f1()}) {
                    cells.add(ratio(v, css));
                }
                if (k == 0) {
                    // the no-failure class is not ranked
                    cells.add(Cell.muted("–", css, ""));
                    cells.add(Cell.muted("–", css, ""));
                } else {
                    RankingMetrics rk = c.perClassRanking().get(k - 1);
                    cells.add(ratio(rk.averagePrecision(), rk.undefinedReason(), css));
                    cells.add(ratio(rk.rocAuc(), rk.undefinedReason(), css));
                }
            }
            perClass.add(new Row(first.classes().get(k), cells));
        }

        return perClass;
    }

    /** Rows, mean predicted and observed failure rate per bin of predicted P(any failure). */
    private static List<Row> calibration(List<EvaluationResult> cols, List<ClassificationMetrics> m) {
        ClassificationMetrics first = m.get(0);
        List<Row> calibration = new ArrayList<>();
        for (int b = 0; b < ClassificationMetrics.CALIBRATION_BINS; b++) {
            ClassificationMetrics.CalibrationBin bin = first.calibration().get(b);
            List<Cell> cells = new ArrayList<>();
            for (int i = 0; i < cols.size(); i++) {
                ClassificationMetrics.CalibrationBin x = m.get(i).calibration().get(b);
                String css = baselineClass(cols.get(i));
                cells.add(Cell.of(count(x.rows()), css));
                cells.add(ratio(x.meanPredicted(), css));
                cells.add(ratio(x.observedRate(), css));
            }
            calibration.add(new Row(String.format(Locale.ROOT, "%.1f–%.1f", bin.lower(), bin.upper()), cells));
        }

        return calibration;
    }

    /** Precision-recall, ROC and reliability charts of P(any failure), baselines dashed. */
    private List<Figure> classificationFigures(List<EvaluationResult> cols, List<ClassificationMetrics> m) {
        List<SvgCharts.Series> pr = new ArrayList<>();
        List<SvgCharts.Series> roc = new ArrayList<>();
        List<SvgCharts.Series> cal = new ArrayList<>();
        int[] counters = new int[2];
        for (int i = 0; i < cols.size(); i++) {
            EvaluationResult r = cols.get(i);
            int idx = counters[r.isBaseline() ? 1 : 0]++;
            RankingMetrics any = m.get(i).anyFailure();
            SvgCharts.Style st = style(r);
            pr.add(precisionRecall(r.name() + legendValue(" AP", any.averagePrecision()), st, idx,
                    any.precisionRecall()));
            roc.add(new SvgCharts.Series(r.name() + legendValue(" AUC", any.rocAuc()), st, idx, any.roc().x(),
                    any.roc().y()));
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (ClassificationMetrics.CalibrationBin bin : m.get(i).calibration()) {
                if (bin.rows() > 0) {
                    xs.add(bin.meanPredicted());
                    ys.add(bin.observedRate());
                }
            }
            cal.add(new SvgCharts.Series(r.name(), st, idx, xs.stream().mapToDouble(Double::doubleValue).toArray(),
                    ys.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        return List.of(
                new Figure(SvgCharts.lines(chartId("pr"), "Precision–recall curve, any failure", "recall",
                        "precision", pr, SvgCharts.Look.UNIT, List.of()), "Precision–recall, any failure (model"
                        + " solid, baselines dashed); a constant score draws the no-skill line at the failure rate."),
                new Figure(SvgCharts.lines(chartId("roc"), "ROC curve, any failure", "false-positive rate",
                        "true-positive rate", roc, SvgCharts.Look.UNIT_DIAGONAL, List.of()),
                        "ROC, any failure; the dotted diagonal is a random ranking."),
                new Figure(SvgCharts.lines(chartId("calibration"), "Reliability diagram, any failure",
                        "mean predicted P(any failure)", "observed failure rate", cal, SvgCharts.Look.RELIABILITY,
                        List.of()), "Reliability: points on the diagonal are well calibrated (ten equal-width bins,"
                        + " empty bins omitted)."));
    }

    /** Why a ranking metric is undefined (a class with no test rows, a constant score), per contender. */
    private static List<String> undefinedReasons(List<EvaluationResult> cols, List<ClassificationMetrics> m) {
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            ClassificationMetrics c = m.get(i);
            String name = cols.get(i).name();
            c.perClassRanking().forEach(rk -> rk.undefinedReason().ifPresent(s -> reasons.add(name + ": " + s)));
            c.anyFailure().undefinedReason().ifPresent(s -> reasons.add(name + ": " + s));
        }
        return reasons;
    }

    private static Confusion confusion(EvaluationResult r, ClassificationMetrics c) {
        long[][] counts = c.confusion();
        List<Row> rows = new ArrayList<>();
        for (int t = 0; t < counts.length; t++) {
            List<Cell> cells = new ArrayList<>();
            for (int p = 0; p < counts[t].length; p++) {
                cells.add(Cell.of(count(counts[t][p]), t == p ? "diagonal" : ""));
            }
            rows.add(new Row(c.classes().get(t), cells));
        }
        return new Confusion(r.name(), r.isBaseline(), c.classes(), rows);
    }

    // ---------------------------------------------------------------- events

    private ReportView.Events events(List<EvaluationResult> cols) {
        List<EventMetrics> m = cols.stream().map(r -> r.events().orElseThrow()).toList();
        EventMetrics first = m.get(0);
        String unit = first.settings().scale().unit();
        TimeScale scale = first.settings().scale();
        List<Metric> rows = new ArrayList<>();
        rows.add(metric("failure events", Better.NONE, Format.COUNT, m, EventMetrics::eventsTotal));
        rows.add(metric("with rows in their window", Better.NONE, Format.COUNT, m, EventMetrics::eventsWithRows));
        rows.add(metric("caught", Better.HIGHER, Format.COUNT, m, EventMetrics::eventsCaught));
        rows.add(metric("event recall", Better.HIGHER, Format.RATIO, m, EventMetrics::eventRecall));
        List<String> components = new ArrayList<>();
        for (EventMetrics e : m) {
            for (EventMetrics.ComponentRecall c : e.byComponent()) {
                if (!components.contains(c.component())) {
                    components.add(c.component());
                }
            }
        }
        for (String comp : components) {
            rows.add(metric("event recall, " + comp, Better.HIGHER, Format.RATIO, m, e -> e.byComponent().stream()
                    .filter(c -> c.component().equals(comp)).mapToDouble(EventMetrics.ComponentRecall::recall)
                    .findFirst().orElse(Double.NaN)));
        }
        rows.add(metric("lead time, median (" + unit + ")", Better.HIGHER, Format.NUMBER, m,
                e -> e.leadTime().median()));
        rows.add(metric("lead time, min (" + unit + ")", Better.NONE, Format.NUMBER, m, e -> e.leadTime().min()));
        rows.add(metric("lead time, 25 % (" + unit + ")", Better.NONE, Format.NUMBER, m, e -> e.leadTime().p25()));
        rows.add(metric("lead time, 75 % (" + unit + ")", Better.NONE, Format.NUMBER, m, e -> e.leadTime().p75()));
        rows.add(metric("lead time, max (" + unit + ")", Better.NONE, Format.NUMBER, m, e -> e.leadTime().max()));
        rows.add(metric("rows evaluated", Better.NONE, Format.COUNT, m, EventMetrics::evaluatedRows));
        rows.add(metric("alarm rows", Better.NONE, Format.COUNT, m, EventMetrics::alarmRows));
        rows.add(metric("false-alarm rows", Better.LOWER, Format.COUNT, m, EventMetrics::falseAlarmRows));
        rows.add(metric("false alarms per asset-month", Better.LOWER, Format.NUMBER, m,
                EventMetrics::falseAlarmsPerAssetMonth));
        rows.add(metric("needless visits", Better.LOWER, Format.COUNT, m, EventMetrics::needlessVisits));
        rows.add(metric("needless visits per asset-month", Better.LOWER, Format.NUMBER, m,
                EventMetrics::needlessVisitsPerAssetMonth));
        rows.add(metric("label–event mismatches (diagnostic)", Better.NONE, Format.COUNT, m,
                EventMetrics::labelEventMismatches));
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            String name = cols.get(i).name();
            m.get(i).undefinedReasons().forEach(s -> reasons.add(name + ": " + s));
        }
        return new ReportView.Events(amount(scale.toUnits(first.settings().horizon())),
                amount(scale.toUnits(first.settings().rowStride())), unit, first.settings().match().describe(),
                table("metric", cols, rows), Undefined.of(reasons));
    }

    // ---------------------------------------------------------------- threshold

    private ReportView.Threshold threshold(List<EvaluationResult> cols) {
        List<ThresholdChoice> m = cols.stream().map(r -> r.threshold().orElseThrow()).toList();
        List<Metric> rows = new ArrayList<>();
        rows.add(metric("threshold t", Better.NONE, Format.THRESHOLD, m, ThresholdChoice::threshold));
        rows.add(metric("cost of a missed failure", Better.NONE, Format.NUMBER, m, t -> t.costs().missedFailure()));
        rows.add(metric("cost of a needless visit", Better.NONE, Format.NUMBER, m, t -> t.costs().needlessVisit()));
        rows.add(metric("missed failures", Better.LOWER, Format.COUNT, m, t -> t.chosen().missedFailures()));
        rows.add(metric("needless visits", Better.LOWER, Format.COUNT, m, t -> t.chosen().needlessVisits()));
        rows.add(metric("false-alarm rows", Better.LOWER, Format.COUNT, m, t -> t.chosen().falseAlarmRows()));
        rows.add(metric("total cost", Better.LOWER, Format.NUMBER, m, t -> t.chosen().cost()));
        rows.add(metric("event recall at t", Better.HIGHER, Format.RATIO, m, t -> t.atThreshold().eventRecall()));
        rows.add(metric("thresholds tried", Better.NONE, Format.COUNT, m, t -> t.curve().size()));
        Table table = table("on validation rows", cols, rows);
        List<SvgCharts.Series> series = new ArrayList<>();
        List<SvgCharts.Series> markers = new ArrayList<>();
        int[] counters = new int[2];
        for (int i = 0; i < cols.size(); i++) {
            EvaluationResult r = cols.get(i);
            int idx = counters[r.isBaseline() ? 1 : 0]++;
            List<ThresholdChoice.CostPoint> curve = m.get(i).curve();
            double[] x = new double[curve.size()];
            double[] y = new double[curve.size()];
            for (int k = 0; k < x.length; k++) {
                x[k] = curve.get(k).threshold();
                y[k] = curve.get(k).cost();
            }
            Curve c = new Curve(x, y, x).downsample(2 * Curve.MAX_POINTS);
            series.add(new SvgCharts.Series(r.name(), style(r), idx, c.x(), c.y()));
            markers.add(new SvgCharts.Series(r.name(), style(r), idx, new double[] {m.get(i).threshold()},
                    new double[] {m.get(i).chosen().cost()}));
        }
        return new ReportView.Threshold(table, new Figure(SvgCharts.lines(chartId("cost"), "Cost by alarm threshold",
                "threshold on P(any failure)", "cost", series, SvgCharts.Look.STEPS, markers), "Cost of each"
                + " threshold on validation rows; the dashed vertical lines mark the chosen thresholds."));
    }

    // ---------------------------------------------------------------- regression

    private ReportView.Regression regression(List<EvaluationResult> cols) {
        List<RegressionMetrics> m = cols.stream().map(r -> r.regression().orElseThrow()).toList();
        List<Metric> rows = new ArrayList<>();
        rows.add(metric("rows", Better.NONE, Format.COUNT, m, RegressionMetrics::rows));
        rows.add(metric("RMSE", Better.LOWER, Format.NUMBER, m, RegressionMetrics::rmse));
        rows.add(metric("MAE", Better.LOWER, Format.NUMBER, m, RegressionMetrics::mae));
        rows.add(metric("bias (mean d)", Better.NONE, Format.NUMBER, m, RegressionMetrics::bias));
        rows.add(metric("PHM08 score", Better.LOWER, Format.NUMBER, m, RegressionMetrics::phm08));
        Table table = table("metric", cols, rows);
        List<Row> buckets = new ArrayList<>();
        List<RegressionMetrics.Bucket> labels = m.get(0).buckets();
        for (int b = 0; b < labels.size(); b++) {
            List<Cell> cells = new ArrayList<>();
            for (int i = 0; i < cols.size(); i++) {
                String css = baselineClass(cols.get(i));
                Optional<RegressionMetrics.Bucket> x = b < m.get(i).buckets().size()
                        ? Optional.of(m.get(i).buckets().get(b)) : Optional.empty();
                cells.add(x.map(v -> Cell.of(count(v.rows()), css)).orElse(na(css)));
                for (Function<RegressionMetrics.Bucket, Double> f : List.<Function<RegressionMetrics.Bucket, Double>>of(
                        RegressionMetrics.Bucket::rmse, RegressionMetrics.Bucket::mae,
                        RegressionMetrics.Bucket::meanError)) {
                    cells.add(number(x.map(f).orElse(Double.NaN), css));
                }
            }
            buckets.add(new Row(labels.get(b).label(), cells));
        }
        List<SvgCharts.Series> points = new ArrayList<>();
        List<SvgCharts.Bar> bars = new ArrayList<>();
        int[] counters = new int[2];
        for (int i = 0; i < cols.size(); i++) {
            EvaluationResult r = cols.get(i);
            int idx = counters[r.isBaseline() ? 1 : 0]++;
            points.add(new SvgCharts.Series(r.name(), style(r), idx, m.get(i).scatter().x(), m.get(i).scatter().y()));
            for (RegressionMetrics.Bucket b : m.get(i).buckets()) {
                bars.add(new SvgCharts.Bar(r.name(), style(r), idx, b.label(), b.rows() == 0 ? 0 : b.rmse()));
            }
        }
        List<Figure> figures = List.of(
                new Figure(SvgCharts.scatter(chartId("rul-scatter"), "Predicted versus true RUL", "true RUL",
                        "predicted RUL", points), "Predicted versus true RUL (at most "
                        + RegressionMetrics.MAX_SCATTER_POINTS + " rows per result, evenly sampled); the dotted line"
                        + " is a perfect prediction."),
                new Figure(SvgCharts.bars(chartId("rul-buckets"), "RMSE by true RUL", "true RUL", "RMSE", bars, false),
                        "RMSE by bucket of true RUL (empty buckets drawn as 0)."));
        return new ReportView.Regression(table,
                grouped(List.of("true RUL"), cols, List.of("rows", "RMSE", "MAE", "mean d"), buckets), figures);
    }

    // ---------------------------------------------------------------- importance and learning

    private Figures importance() {
        List<Figure> figures = new ArrayList<>();
        for (FeatureImportance f : report.featureImportance()) {
            List<SvgCharts.Bar> bars = new ArrayList<>();
            for (FeatureImportance.Entry e : f.top(FeatureImportance.TOP)) {
                bars.add(new SvgCharts.Bar(f.model(), SvgCharts.Style.MODEL, 0, e.feature(), e.value()));
            }
            figures.add(new Figure(SvgCharts.bars(chartId("importance"), "Feature importance of " + f.model(),
                    "feature", f.method(), bars, true), f.model() + ": the " + bars.size() + " most important of "
                    + f.entries().size() + " features (" + f.method() + ")."));
        }
        return new Figures(figures);
    }

    private Figures learning() {
        List<Figure> figures = new ArrayList<>();
        for (LearningCurve c : report.learningCurves()) {
            List<SvgCharts.Series> s = List.of(
                    new SvgCharts.Series("training loss", SvgCharts.Style.MODEL, 0, c.steps(), c.trainLoss()),
                    new SvgCharts.Series("validation loss", SvgCharts.Style.BASELINE, 0, c.steps(),
                            c.validationLoss()));
            figures.add(new Figure(SvgCharts.lines(chartId("learning"), "Learning curve of " + c.title(), c.step(),
                    "loss", s, SvgCharts.Look.PLAIN, List.of()), c.title() + ": loss by " + c.step()
                    + "; validation rising while training falls means over-fitting."));
        }
        return new Figures(figures);
    }

    // ---------------------------------------------------------------- pieces


    private String chartId(String name) {
        return "chart" + (++charts) + "-" + name;
    }


    /** The drawing style of a result: models solid, baselines dashed. */
    private static SvgCharts.Style style(EvaluationResult r) {
        return r.isBaseline() ? SvgCharts.Style.BASELINE : SvgCharts.Style.MODEL;
    }

    /**
     * The plotted precision–recall points, led by (recall 0, the first precision): the curve then starts at the left
     * edge, and a constant score draws the horizontal no-skill line.
     */
    private static SvgCharts.Series precisionRecall(String name, SvgCharts.Style style, int index, Curve curve) {
        double[] x = curve.x();
        double[] y = curve.y();
        if (x.length == 0) {
            return new SvgCharts.Series(name, style, index, x, y);
        }
        double[] px = new double[x.length + 1];
        double[] py = new double[y.length + 1];
        py[0] = y[0];
        System.arraycopy(x, 0, px, 1, x.length);
        System.arraycopy(y, 0, py, 1, y.length);
        return new SvgCharts.Series(name, style, index, px, py);
    }

    private static String legendValue(String what, double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, " (%s %.3f)", what.trim(), v);
    }

}
