package org.prognos.training.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Renders a {@link TrainingReport} as one HTML5 document that is also well-formed XML (void elements closed, only
 * XML's five entities), so a test can parse it. Self-contained on purpose: it is mailed, archived in bundles and
 * opened offline, so it carries its CSS and its charts inline and asks the network for nothing.
 */
final class ReportHtml {
    /** Which way is better for a table row; the best value of a row is bold. */
    private enum Better {
        HIGHER, LOWER, NONE
    }

    /** How a cell is written. */
    private enum Format {
        COUNT, RATIO, NUMBER, THRESHOLD
    }

    /** A table row: one value per result column. */
    private record Row(String label, Better better, Format format, double[] values) {
    }

    private static final String CSS = """
            :root{--ink:#1d2330;--muted:#5f6b7a;--line:#d9dee5;--model:#1f4e9c;--base:#b35f00}
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);\
            max-width:1100px;margin:2rem auto;padding:0 1rem;line-height:1.45;font-size:14px}
            h1{font-size:1.7rem;margin:.1rem 0 .6rem}
            h2{font-size:1.3rem;border-bottom:2px solid var(--line);padding-bottom:.2rem;margin-top:2.2rem}
            h3{font-size:1.02rem;margin:1.3rem 0 .4rem}
            .kicker{text-transform:uppercase;letter-spacing:.08em;color:var(--muted);font-size:.8rem;margin:0}
            table{border-collapse:collapse;margin:.4rem 0 1rem;font-variant-numeric:tabular-nums}
            th,td{border-bottom:1px solid var(--line);padding:.22rem .6rem;text-align:right;vertical-align:top}
            th:first-child,td:first-child{text-align:left}
            thead th{border-bottom:2px solid var(--ink);font-weight:600}
            table.facts th{text-align:left;color:var(--muted);font-weight:400;border:none;padding-left:0}
            table.facts td{text-align:left;border:none}
            th.model{color:var(--model)}
            th.baseline{color:var(--base)}
            td.baseline{background:#fdf5ea}
            td.best,td.diagonal{font-weight:700}
            .na{color:var(--muted)}
            .tag{font-weight:400;font-size:.75rem;color:var(--muted)}
            .note,figcaption,.definitions{color:var(--muted);font-size:.9rem}
            .definitions{max-width:60rem}
            figure{margin:.8rem 0 1.4rem;max-width:660px}
            figure svg{width:100%;height:auto;display:block}
            .grid{display:flex;flex-wrap:wrap;gap:0 1.5rem}
            nav{margin:1rem 0;padding:.4rem 0;border-top:1px solid var(--line);border-bottom:1px solid var(--line)}
            nav a{margin-right:1.2rem;color:var(--model);text-decoration:none}
            footer{margin-top:3rem;color:var(--muted);font-size:.8rem}
            @media print{body{margin:0;max-width:none;font-size:9.5pt}nav{display:none}\
            figure,table{break-inside:avoid}h2,h3{break-after:avoid}figure{max-width:15cm}}
            """;

    private final TrainingReport report;
    private final StringBuilder out = new StringBuilder(64 * 1024);
    private int charts;

    ReportHtml(TrainingReport report) {
        this.report = report;
    }

    String render() {
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>").append(escape(report.job())).append(" – Prognos training report</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        header();
        List<EvaluationResult> cls = with(r -> r.classification().isPresent());
        List<EvaluationResult> ev = with(r -> r.events().isPresent());
        List<EvaluationResult> th = with(r -> r.threshold().isPresent());
        List<EvaluationResult> reg = with(r -> r.regression().isPresent());
        nav(cls, ev, th, reg);
        if (!cls.isEmpty()) {
            classification(cls);
        }
        if (!ev.isEmpty()) {
            events(ev);
        }
        if (!th.isEmpty()) {
            threshold(th);
        }
        if (!reg.isEmpty()) {
            regression(reg);
        }
        if (!report.featureImportance().isEmpty()) {
            importance();
        }
        if (!report.learningCurves().isEmpty()) {
            learning();
        }
        out.append("<footer>Written by Prognos. Self-contained: the styles and the SVG charts are inline; nothing is"
                + " loaded from elsewhere. The same numbers are in metrics.json.</footer>\n</body>\n</html>\n");
        return out.toString();
    }

    private List<EvaluationResult> with(java.util.function.Predicate<EvaluationResult> has) {
        return report.results().stream().filter(has).toList();
    }

    private void header() {
        out.append("<header>\n<p class=\"kicker\">Prognos training report</p>\n<h1>").append(escape(report.job()))
                .append("</h1>\n<table class=\"facts\">\n");
        fact("Dataset", escape(report.dataset()));
        fact("Split", escape(report.split()));
        fact("Models", names(report.models()));
        fact("Baselines", names(report.baselines()));
        out.append("</table>\n");
        for (String n : report.notes()) {
            out.append("<p class=\"note\">").append(escape(n)).append("</p>\n");
        }
        out.append("</header>\n");
    }

    private void fact(String name, String html) {
        out.append("<tr><th scope=\"row\">").append(name).append("</th><td>").append(html).append("</td></tr>\n");
    }

    private static String names(List<EvaluationResult> results) {
        return String.join(", ", results.stream().map(r -> escape(r.name())).toList());
    }

    private void nav(List<?> cls, List<?> ev, List<?> th, List<?> reg) {
        out.append("<nav>");
        link(!cls.isEmpty(), "classification", "Classification");
        link(!ev.isEmpty(), "events", "Failure events");
        link(!th.isEmpty(), "threshold", "Alarm threshold");
        link(!reg.isEmpty(), "regression", "Remaining useful life");
        link(!report.featureImportance().isEmpty(), "importance", "Feature importance");
        link(!report.learningCurves().isEmpty(), "learning", "Learning curves");
        out.append("</nav>\n");
    }

    private void link(boolean present, String id, String text) {
        if (present) {
            out.append("<a href=\"#").append(id).append("\">").append(text).append("</a>");
        }
    }

    // ---------------------------------------------------------------- classification

    private void classification(List<EvaluationResult> cols) {
        List<ClassificationMetrics> m = cols.stream().map(r -> r.classification().orElseThrow()).toList();
        ClassificationMetrics first = m.get(0);
        out.append("<section id=\"classification\">\n<h2>Classification</h2>\n");
        out.append("<p class=\"definitions\">Rows evaluated one by one. “Any failure” ranks rows by 1 − P(")
                .append(escape(first.classes().get(0)))
                .append(") against “the truth is a failure”. Macro-F1 averages every class, including classes without"
                        + " support (F1 0); precision is 0 for a class never predicted. Brier: multi-class, 0 to 2."
                        + "</p>\n");
        List<Row> rows = new ArrayList<>();
        rows.add(row("rows", Better.NONE, Format.COUNT, m, c -> c.rows()));
        rows.add(row("accuracy", Better.HIGHER, Format.RATIO, m, ClassificationMetrics::accuracy));
        rows.add(row("macro-F1, all classes", Better.HIGHER, Format.RATIO, m, ClassificationMetrics::macroF1));
        rows.add(row("macro-F1, failure classes", Better.HIGHER, Format.RATIO, m,
                ClassificationMetrics::macroF1Failures));
        rows.add(row("average precision, any failure", Better.HIGHER, Format.RATIO, m,
                c -> c.anyFailure().averagePrecision()));
        rows.add(row("ROC-AUC, any failure", Better.HIGHER, Format.RATIO, m, c -> c.anyFailure().rocAuc()));
        rows.add(row("Brier score", Better.LOWER, Format.RATIO, m, ClassificationMetrics::brier));
        rows.add(row("Brier score, any failure", Better.LOWER, Format.RATIO, m,
                ClassificationMetrics::brierAnyFailure));
        out.append("<h3>Summary</h3>\n");
        table("metric", cols, rows);

        out.append("<h3>Per class</h3>\n<table>\n<thead><tr><th scope=\"col\" rowspan=\"2\">class</th>")
                .append("<th scope=\"col\" rowspan=\"2\">support</th>");
        for (EvaluationResult r : cols) {
            out.append("<th scope=\"colgroup\" colspan=\"5\" class=\"").append(roleClass(r)).append("\">")
                    .append(escape(r.name())).append("</th>");
        }
        out.append("</tr>\n<tr>");
        for (int i = 0; i < cols.size(); i++) {
            out.append("<th scope=\"col\">precision</th><th scope=\"col\">recall</th><th scope=\"col\">F1</th>")
                    .append("<th scope=\"col\">AP</th><th scope=\"col\">ROC-AUC</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (int k = 0; k < first.classes().size(); k++) {
            out.append("<tr><td>").append(escape(first.classes().get(k))).append("</td><td>")
                    .append(count(first.perClass().get(k).support())).append("</td>");
            for (int i = 0; i < cols.size(); i++) {
                ClassificationMetrics c = m.get(i);
                ClassificationMetrics.ClassScores s = c.perClass().get(k);
                String cls = cols.get(i).isBaseline() ? " class=\"baseline\"" : "";
                for (double v : new double[] {s.precision(), s.recall(), s.f1()}) {
                    out.append("<td").append(cls).append(">").append(ratio(v)).append("</td>");
                }
                if (k == 0) {
                    out.append("<td").append(cls).append("><span class=\"na\">–</span></td><td").append(cls)
                            .append("><span class=\"na\">–</span></td>");
                } else {
                    RankingMetrics rk = c.perClassRanking().get(k - 1);
                    out.append("<td").append(cls).append(">").append(ratio(rk.averagePrecision(), rk.undefinedReason()))
                            .append("</td><td").append(cls).append(">").append(ratio(rk.rocAuc(), rk.undefinedReason()))
                            .append("</td>");
                }
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");

        out.append("<h3>Confusion matrices</h3>\n<p class=\"note\">Rows: truth; columns: prediction.</p>\n")
                .append("<div class=\"grid\">\n");
        for (int i = 0; i < cols.size(); i++) {
            confusion(cols.get(i), m.get(i));
        }
        out.append("</div>\n");

        out.append("<h3>Calibration of P(any failure)</h3>\n<table>\n<thead><tr><th scope=\"col\" rowspan=\"2\">")
                .append("predicted</th>");
        for (EvaluationResult r : cols) {
            out.append("<th scope=\"colgroup\" colspan=\"3\" class=\"").append(roleClass(r)).append("\">")
                    .append(escape(r.name())).append("</th>");
        }
        out.append("</tr>\n<tr>");
        for (int i = 0; i < cols.size(); i++) {
            out.append("<th scope=\"col\">rows</th><th scope=\"col\">mean predicted</th>")
                    .append("<th scope=\"col\">observed rate</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (int b = 0; b < ClassificationMetrics.CALIBRATION_BINS; b++) {
            ClassificationMetrics.CalibrationBin bin = first.calibration().get(b);
            out.append("<tr><td>").append(String.format(Locale.ROOT, "%.1f–%.1f", bin.lower(), bin.upper()))
                    .append("</td>");
            for (int i = 0; i < cols.size(); i++) {
                ClassificationMetrics.CalibrationBin x = m.get(i).calibration().get(b);
                String cls = cols.get(i).isBaseline() ? " class=\"baseline\"" : "";
                out.append("<td").append(cls).append(">").append(count(x.rows())).append("</td><td").append(cls)
                        .append(">").append(ratio(x.meanPredicted())).append("</td><td").append(cls).append(">")
                        .append(ratio(x.observedRate())).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");

        List<SvgCharts.Series> pr = new ArrayList<>();
        List<SvgCharts.Series> roc = new ArrayList<>();
        List<SvgCharts.Series> cal = new ArrayList<>();
        int[] counters = new int[2];
        for (int i = 0; i < cols.size(); i++) {
            EvaluationResult r = cols.get(i);
            int idx = counters[r.isBaseline() ? 1 : 0]++;
            RankingMetrics any = m.get(i).anyFailure();
            SvgCharts.Style st = SvgCharts.style(r);
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
        out.append("<div class=\"grid\">\n");
        figure(SvgCharts.lines(chartId("pr"), "Precision–recall curve, any failure", "recall", "precision", pr,
                SvgCharts.Look.UNIT, List.of()), "Precision–recall, any failure (model solid, baselines dashed); a"
                + " constant score draws the no-skill line at the failure rate.");
        figure(SvgCharts.lines(chartId("roc"), "ROC curve, any failure", "false-positive rate", "true-positive rate",
                roc, SvgCharts.Look.UNIT_DIAGONAL, List.of()), "ROC, any failure; the dotted diagonal is a random"
                + " ranking.");
        figure(SvgCharts.lines(chartId("calibration"), "Reliability diagram, any failure", "mean predicted P(any failure)",
                "observed failure rate", cal, SvgCharts.Look.RELIABILITY, List.of()),
                "Reliability: points on the diagonal are well calibrated (ten equal-width bins, empty bins omitted).");
        out.append("</div>\n");
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            ClassificationMetrics c = m.get(i);
            String name = cols.get(i).name();
            c.perClassRanking().forEach(rk -> rk.undefinedReason().ifPresent(s -> reasons.add(name + ": " + s)));
            c.anyFailure().undefinedReason().ifPresent(s -> reasons.add(name + ": " + s));
        }
        undefined(reasons);
        out.append("</section>\n");
    }

    private void confusion(EvaluationResult r, ClassificationMetrics c) {
        long[][] counts = c.confusion();
        out.append("<table>\n<caption class=\"note\">").append(escape(r.name()))
                .append(r.isBaseline() ? " (baseline)" : "").append("</caption>\n<thead><tr><th scope=\"col\">")
                .append("truth \\ predicted</th>");
        for (String k : c.classes()) {
            out.append("<th scope=\"col\">").append(escape(k)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (int t = 0; t < counts.length; t++) {
            out.append("<tr><th scope=\"row\">").append(escape(c.classes().get(t))).append("</th>");
            for (int p = 0; p < counts[t].length; p++) {
                out.append(t == p ? "<td class=\"diagonal\">" : "<td>").append(count(counts[t][p])).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    // ---------------------------------------------------------------- events

    private void events(List<EvaluationResult> cols) {
        List<EventMetrics> m = cols.stream().map(r -> r.events().orElseThrow()).toList();
        EventMetrics first = m.get(0);
        String unit = first.settings().scale().unit();
        out.append("<section id=\"events\">\n<h2>Failure events</h2>\n");
        TimeScale scale = first.settings().scale();
        out.append("<p class=\"definitions\">Horizon ").append(amount(scale.toUnits(first.settings().horizon())))
                .append(' ').append(unit).append(", row stride ")
                .append(amount(scale.toUnits(first.settings().rowStride()))).append(' ').append(unit)
                .append(", match: ")
                .append(escape(first.settings().match().describe()))
                .append(". A failure at f is <em>caught</em> when a row at T with 0 ≤ f − T &lt; horizon is predicted"
                        + " as it; recall counts the failures that have such rows. Lead time: f − the first catching T."
                        + " A <em>false alarm</em> is a row predicted as a failure with no failure of any component"
                        + " within the horizon; per asset-month = false-alarm rows / (rows × stride / 730.5 h)."
                        + " A <em>needless visit</em> groups an asset's false alarms within one horizon of the"
                        + " first.</p>\n");
        List<Row> rows = new ArrayList<>();
        rows.add(row("failure events", Better.NONE, Format.COUNT, m, EventMetrics::eventsTotal));
        rows.add(row("with rows in their window", Better.NONE, Format.COUNT, m, EventMetrics::eventsWithRows));
        rows.add(row("caught", Better.HIGHER, Format.COUNT, m, EventMetrics::eventsCaught));
        rows.add(row("event recall", Better.HIGHER, Format.RATIO, m, EventMetrics::eventRecall));
        List<String> components = new ArrayList<>();
        for (EventMetrics e : m) {
            for (EventMetrics.ComponentRecall c : e.byComponent()) {
                if (!components.contains(c.component())) {
                    components.add(c.component());
                }
            }
        }
        for (String comp : components) {
            rows.add(row("event recall, " + comp, Better.HIGHER, Format.RATIO, m, e -> e.byComponent().stream()
                    .filter(c -> c.component().equals(comp)).mapToDouble(EventMetrics.ComponentRecall::recall)
                    .findFirst().orElse(Double.NaN)));
        }
        rows.add(row("lead time, median (" + unit + ")", Better.HIGHER, Format.NUMBER, m, e -> e.leadTime().median()));
        rows.add(row("lead time, min (" + unit + ")", Better.NONE, Format.NUMBER, m, e -> e.leadTime().min()));
        rows.add(row("lead time, 25 % (" + unit + ")", Better.NONE, Format.NUMBER, m, e -> e.leadTime().p25()));
        rows.add(row("lead time, 75 % (" + unit + ")", Better.NONE, Format.NUMBER, m, e -> e.leadTime().p75()));
        rows.add(row("lead time, max (" + unit + ")", Better.NONE, Format.NUMBER, m, e -> e.leadTime().max()));
        rows.add(row("rows evaluated", Better.NONE, Format.COUNT, m, EventMetrics::evaluatedRows));
        rows.add(row("alarm rows", Better.NONE, Format.COUNT, m, EventMetrics::alarmRows));
        rows.add(row("false-alarm rows", Better.LOWER, Format.COUNT, m, EventMetrics::falseAlarmRows));
        rows.add(row("false alarms per asset-month", Better.LOWER, Format.NUMBER, m,
                EventMetrics::falseAlarmsPerAssetMonth));
        rows.add(row("needless visits", Better.LOWER, Format.COUNT, m, EventMetrics::needlessVisits));
        rows.add(row("needless visits per asset-month", Better.LOWER, Format.NUMBER, m,
                EventMetrics::needlessVisitsPerAssetMonth));
        rows.add(row("label–event mismatches (diagnostic)", Better.NONE, Format.COUNT, m,
                EventMetrics::labelEventMismatches));
        table("metric", cols, rows);
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            String name = cols.get(i).name();
            m.get(i).undefinedReasons().forEach(s -> reasons.add(name + ": " + s));
        }
        undefined(reasons);
        out.append("</section>\n");
    }

    // ---------------------------------------------------------------- threshold

    private void threshold(List<EvaluationResult> cols) {
        List<ThresholdChoice> m = cols.stream().map(r -> r.threshold().orElseThrow()).toList();
        out.append("<section id=\"threshold\">\n<h2>Alarm threshold</h2>\n");
        out.append("<p class=\"definitions\">Chosen on the validation rows only: alarm when P(any failure) ≥ t, naming"
                + " the most probable failure class; t minimises missed failures × cost of a miss + needless visits"
                + " × cost of a visit (ties: the higher t).</p>\n");
        List<Row> rows = new ArrayList<>();
        rows.add(row("threshold t", Better.NONE, Format.THRESHOLD, m, ThresholdChoice::threshold));
        rows.add(row("cost of a missed failure", Better.NONE, Format.NUMBER, m, t -> t.costs().missedFailure()));
        rows.add(row("cost of a needless visit", Better.NONE, Format.NUMBER, m, t -> t.costs().needlessVisit()));
        rows.add(row("missed failures", Better.LOWER, Format.COUNT, m, t -> t.chosen().missedFailures()));
        rows.add(row("needless visits", Better.LOWER, Format.COUNT, m, t -> t.chosen().needlessVisits()));
        rows.add(row("false-alarm rows", Better.LOWER, Format.COUNT, m, t -> t.chosen().falseAlarmRows()));
        rows.add(row("total cost", Better.LOWER, Format.NUMBER, m, t -> t.chosen().cost()));
        rows.add(row("event recall at t", Better.HIGHER, Format.RATIO, m, t -> t.atThreshold().eventRecall()));
        rows.add(row("thresholds tried", Better.NONE, Format.COUNT, m, t -> t.curve().size()));
        table("on validation rows", cols, rows);
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
            series.add(new SvgCharts.Series(r.name(), SvgCharts.style(r), idx, c.x(), c.y()));
            markers.add(new SvgCharts.Series(r.name(), SvgCharts.style(r), idx, new double[] {m.get(i).threshold()},
                    new double[] {m.get(i).chosen().cost()}));
        }
        figure(SvgCharts.lines(chartId("cost"), "Cost by alarm threshold", "threshold on P(any failure)", "cost",
                series, SvgCharts.Look.STEPS, markers), "Cost of each threshold on validation rows; the dashed vertical"
                + " lines mark the chosen thresholds.");
        out.append("</section>\n");
    }

    // ---------------------------------------------------------------- regression

    private void regression(List<EvaluationResult> cols) {
        List<RegressionMetrics> m = cols.stream().map(r -> r.regression().orElseThrow()).toList();
        out.append("<section id=\"regression\">\n<h2>Remaining useful life</h2>\n");
        out.append("<p class=\"definitions\">d = predicted − true. Bias = mean d (positive: life overestimated, the"
                + " dangerous side). PHM08 score = Σ (e<sup>−d/13</sup> − 1 if d &lt; 0, else e<sup>d/10</sup> − 1),"
                + " lower is better.</p>\n");
        List<Row> rows = new ArrayList<>();
        rows.add(row("rows", Better.NONE, Format.COUNT, m, RegressionMetrics::rows));
        rows.add(row("RMSE", Better.LOWER, Format.NUMBER, m, RegressionMetrics::rmse));
        rows.add(row("MAE", Better.LOWER, Format.NUMBER, m, RegressionMetrics::mae));
        rows.add(row("bias (mean d)", Better.NONE, Format.NUMBER, m, RegressionMetrics::bias));
        rows.add(row("PHM08 score", Better.LOWER, Format.NUMBER, m, RegressionMetrics::phm08));
        table("metric", cols, rows);
        out.append("<h3>Error by true RUL</h3>\n<table>\n<thead><tr><th scope=\"col\" rowspan=\"2\">true RUL</th>");
        for (EvaluationResult r : cols) {
            out.append("<th scope=\"colgroup\" colspan=\"4\" class=\"").append(roleClass(r)).append("\">")
                    .append(escape(r.name())).append("</th>");
        }
        out.append("</tr>\n<tr>");
        for (int i = 0; i < cols.size(); i++) {
            out.append("<th scope=\"col\">rows</th><th scope=\"col\">RMSE</th><th scope=\"col\">MAE</th>")
                    .append("<th scope=\"col\">mean d</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        List<RegressionMetrics.Bucket> labels = m.get(0).buckets();
        for (int b = 0; b < labels.size(); b++) {
            out.append("<tr><td>").append(escape(labels.get(b).label())).append("</td>");
            for (int i = 0; i < cols.size(); i++) {
                String cls = cols.get(i).isBaseline() ? " class=\"baseline\"" : "";
                Optional<RegressionMetrics.Bucket> x = b < m.get(i).buckets().size()
                        ? Optional.of(m.get(i).buckets().get(b)) : Optional.empty();
                out.append("<td").append(cls).append(">").append(x.map(v -> count(v.rows())).orElse(na()))
                        .append("</td><td").append(cls).append(">")
                        .append(number(x.map(RegressionMetrics.Bucket::rmse).orElse(Double.NaN)))
                        .append("</td><td").append(cls).append(">")
                        .append(number(x.map(RegressionMetrics.Bucket::mae).orElse(Double.NaN)))
                        .append("</td><td").append(cls).append(">")
                        .append(number(x.map(RegressionMetrics.Bucket::meanError).orElse(Double.NaN)))
                        .append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
        List<SvgCharts.Series> points = new ArrayList<>();
        List<SvgCharts.Bar> bars = new ArrayList<>();
        int[] counters = new int[2];
        for (int i = 0; i < cols.size(); i++) {
            EvaluationResult r = cols.get(i);
            int idx = counters[r.isBaseline() ? 1 : 0]++;
            points.add(new SvgCharts.Series(r.name(), SvgCharts.style(r), idx, m.get(i).scatter().x(),
                    m.get(i).scatter().y()));
            for (RegressionMetrics.Bucket b : m.get(i).buckets()) {
                bars.add(new SvgCharts.Bar(r.name(), SvgCharts.style(r), idx, b.label(),
                        b.rows() == 0 ? 0 : b.rmse()));
            }
        }
        out.append("<div class=\"grid\">\n");
        figure(SvgCharts.scatter(chartId("rul-scatter"), "Predicted versus true RUL", "true RUL", "predicted RUL",
                points), "Predicted versus true RUL (at most " + RegressionMetrics.MAX_SCATTER_POINTS
                + " rows per result, evenly sampled); the dotted line is a perfect prediction.");
        figure(SvgCharts.bars(chartId("rul-buckets"), "RMSE by true RUL", "true RUL", "RMSE", bars, false),
                "RMSE by bucket of true RUL (empty buckets drawn as 0).");
        out.append("</div>\n</section>\n");
    }

    // ---------------------------------------------------------------- importance and learning

    private void importance() {
        out.append("<section id=\"importance\">\n<h2>Feature importance</h2>\n");
        for (FeatureImportance f : report.featureImportance()) {
            List<SvgCharts.Bar> bars = new ArrayList<>();
            for (FeatureImportance.Entry e : f.top(FeatureImportance.TOP)) {
                bars.add(new SvgCharts.Bar(f.model(), SvgCharts.Style.MODEL, 0, e.feature(), e.value()));
            }
            figure(SvgCharts.bars(chartId("importance"), "Feature importance of " + f.model(), "feature",
                    f.method(), bars, true), escape(f.model()) + ": the " + bars.size()
                    + " most important of " + f.entries().size() + " features (" + escape(f.method()) + ").");
        }
        out.append("</section>\n");
    }

    private void learning() {
        out.append("<section id=\"learning\">\n<h2>Learning curves</h2>\n<div class=\"grid\">\n");
        for (LearningCurve c : report.learningCurves()) {
            List<SvgCharts.Series> s = List.of(
                    new SvgCharts.Series("training loss", SvgCharts.Style.MODEL, 0, c.steps(), c.trainLoss()),
                    new SvgCharts.Series("validation loss", SvgCharts.Style.BASELINE, 0, c.steps(),
                            c.validationLoss()));
            figure(SvgCharts.lines(chartId("learning"), "Learning curve of " + c.title(), c.step(), "loss", s,
                    SvgCharts.Look.PLAIN, List.of()), escape(c.title()) + ": loss by " + escape(c.step())
                    + "; validation rising while training falls means over-fitting.");
        }
        out.append("</div>\n</section>\n");
    }

    // ---------------------------------------------------------------- pieces

    private <T> Row row(String label, Better better, Format format, List<T> metrics, ToDoubleFunction<T> value) {
        return new Row(label, better, format, metrics.stream().mapToDouble(value).toArray());
    }

    private void table(String firstHeader, List<EvaluationResult> cols, List<Row> rows) {
        out.append("<table>\n<thead><tr><th scope=\"col\">").append(escape(firstHeader)).append("</th>");
        for (EvaluationResult r : cols) {
            out.append("<th scope=\"col\" class=\"").append(roleClass(r)).append("\">").append(escape(r.name()));
            if (r.isBaseline()) {
                out.append(" <span class=\"tag\">baseline</span>");
            }
            out.append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (Row row : rows) {
            int best = best(row);
            out.append("<tr><td>").append(escape(row.label())).append("</td>");
            for (int i = 0; i < cols.size(); i++) {
                List<String> classes = new ArrayList<>();
                if (cols.get(i).isBaseline()) {
                    classes.add("baseline");
                }
                if (i == best) {
                    classes.add("best");
                }
                out.append(classes.isEmpty() ? "<td>" : "<td class=\"" + String.join(" ", classes) + "\">")
                        .append(format(row.format(), row.values()[i])).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    /** The column of the unique best value of a row, or −1 (no direction, a tie, fewer than two values). */
    private static int best(Row row) {
        if (row.better() == Better.NONE) {
            return -1;
        }
        int best = -1;
        int finite = 0;
        boolean tie = false;
        for (int i = 0; i < row.values().length; i++) {
            double v = row.values()[i];
            if (Double.isNaN(v)) {
                continue;
            }
            finite++;
            if (best < 0) {
                best = i;
                continue;
            }
            double b = row.values()[best];
            boolean better = row.better() == Better.HIGHER ? v > b : v < b;
            if (better) {
                best = i;
                tie = false;
            } else if (v == b) {
                tie = true;
            }
        }
        return finite < 2 || tie ? -1 : best;
    }

    private void figure(String svg, String captionHtml) {
        out.append("<figure>\n").append(svg).append("\n<figcaption>").append(captionHtml)
                .append("</figcaption>\n</figure>\n");
    }

    private void undefined(List<String> reasons) {
        if (reasons.isEmpty()) {
            return;
        }
        out.append("<p class=\"note\">n/a:</p>\n<ul class=\"note\">\n");
        for (String r : reasons.stream().distinct().toList()) {
            out.append("<li>").append(escape(r)).append("</li>\n");
        }
        out.append("</ul>\n");
    }

    private String chartId(String name) {
        return "chart" + (++charts) + "-" + name;
    }

    private static String roleClass(EvaluationResult r) {
        return r.isBaseline() ? "baseline" : "model";
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

    private static String format(Format f, double v) {
        return switch (f) {
            case COUNT -> Double.isNaN(v) ? na() : count((long) v);
            case RATIO -> ratio(v);
            case NUMBER -> number(v);
            case THRESHOLD -> v > 1 ? "never alarm" : ratio(v);
        };
    }

    private static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static String ratio(double v) {
        return Double.isNaN(v) ? na() : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String ratio(double v, Optional<String> reason) {
        return Double.isNaN(v) && reason.isPresent()
                ? "<span class=\"na\" title=\"" + escape(reason.get()) + "\">n/a</span>" : ratio(v);
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return na();
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        double a = Math.abs(v);
        String pattern = a >= 1000 ? "%,.0f" : a >= 100 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        String text = String.format(Locale.ROOT, pattern, v);
        // a tiny negative value rounded to zero reads as "-0.000"
        return text.matches("-[0.,]+") ? text.substring(1) : text;
    }

    /** A whole number without decimals (24 h), others as {@link #number}. */
    private static String amount(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : number(v);
    }

    private static String na() {
        return "<span class=\"na\">n/a</span>";
    }

    /** Escapes text for HTML and XML content and attribute values. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        b.append(' ');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
