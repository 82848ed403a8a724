package org.prognos.inference.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.models.report.InlineSvg;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.models.runtime.RiskBand;

/** The self-contained HTML page of the at-risk report: inline CSS and SVG, nothing loaded from elsewhere, prints well. */
final class ReportPage {
    static final int TABLE_ROWS = 200;
    static final int CHARTED_ASSETS = 10;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color[] BAND_COLORS = {new Color(0x2e7d32), new Color(0xf9a825), new Color(0xef6c00), new Color(0xc62828)};

    private ReportPage() {
    }

    static String html(LoadedModel model, FleetReport.Request req, List<ReportRow> rows, FleetReport.Changes changes,
                       List<FleetReport.Detail> details) {
        TimeAxis axis = model.extractor().axis();
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>At-risk report: ")
                .append(esc(model.name())).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;color:#222;max-width:1200px}h1{font-size:1.5em}h2{margin-top:1.6em;font-size:1.2em}")
                .append("table{border-collapse:collapse;font-size:0.85em}th,td{border:1px solid #ccc;padding:3px 6px;text-align:left}")
                .append("th{background:#f3f3f3}td.num{text-align:right}.band{font-weight:bold;padding:1px 6px;border-radius:3px;color:#fff}")
                .append(".low{background:#2e7d32}.watch{background:#f9a825;color:#222}.high{background:#ef6c00}.critical{background:#c62828}")
                .append("svg.chart{width:100%;max-width:560px;height:auto}.asset{page-break-inside:avoid;border-top:1px solid #ddd;margin-top:1em}")
                .append(".charts{display:flex;flex-wrap:wrap;gap:1em}.charts>div{flex:1 1 360px}")
                .append("@media print{body{margin:0.5cm}a{color:inherit}}\n</style></head><body>\n");
        h.append("<h1>At-risk report — ").append(esc(model.name())).append(" v").append(model.version()).append("</h1>\n");
        h.append("<p>").append(rows.size()).append(" assets scored ")
                .append(req.asOf().isPresent() ? "as of " + esc(axis.format(req.asOf().getAsLong())) : "at their latest readings")
                .append(" from <code>").append(esc(req.data().telemetry().name())).append("</code>. Alarm threshold on the risk score: ")
                .append(fmt(model.policy().threshold())).append(". Bands: low &lt; t/2 ≤ watch &lt; t ≤ high &lt; (1+t)/2 ≤ critical.</p>\n");
        h.append("<h2>Fleet risk</h2>\n<div class=\"charts\"><div>").append(bandChart(rows)).append("</div></div>\n");
        if (changes.compared()) {
            h.append("<h2>Changes since the previous report</h2>\n<ul>");
            item(h, "New at risk", changes.newAtRisk());
            item(h, "Risen", changes.risen());
            item(h, "Fallen", changes.fallen());
            item(h, "Recovered", changes.recovered());
            h.append("</ul>\n");
        }
        h.append("<h2>Ranked assets</h2>\n<table><thead><tr><th>#</th><th>asset</th><th>band</th><th>risk</th><th>health</th>");
        boolean rul = rows.stream().anyMatch(r -> r.rul().isPresent());
        if (rul) {
            h.append("<th>RUL</th>");
        }
        h.append("<th>top drivers</th></tr></thead><tbody>\n");
        for (ReportRow r : rows.subList(0, Math.min(TABLE_ROWS, rows.size()))) {
            h.append("<tr><td class=\"num\">").append(r.rank()).append("</td><td>").append(esc(r.asset())).append("</td><td><span class=\"band ")
                    .append(r.band()).append("\">").append(r.band()).append("</span></td><td class=\"num\">").append(fmt(r.risk()))
                    .append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%.0f", r.healthIndex())).append("</td>");
            if (rul) {
                h.append("<td class=\"num\">").append(r.rul().isPresent() ? String.format(Locale.ROOT, "%.0f", r.rul().getAsDouble()) : "")
                        .append("</td>");
            }
            h.append("<td>").append(esc(String.join(", ", r.sensors().isEmpty() ? r.drivers() : r.sensors()))).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
        if (rows.size() > TABLE_ROWS) {
            h.append("<p>… ").append(rows.size() - TABLE_ROWS).append(" more assets in report.csv and report.json.</p>\n");
        }
        h.append("<h2>Top assets</h2>\n");
        int n = 0;
        for (FleetReport.Detail d : details) {
            if (n++ >= CHARTED_ASSETS) {
                break;
            }
            assetSection(h, model, d, n);
        }
        h.append("<p style=\"color:#777;font-size:0.8em\">Generated by Prognos. Explanations: occlusion (each feature, and each sensor's")
                .append(" features together, replaced by its typical training value; contribution = risk − risk without it).</p>\n</body></html>\n");
        return h.toString();
    }

    private static void item(StringBuilder h, String what, List<String> assets) {
        h.append("<li><b>").append(what).append("</b> (").append(assets.size()).append(")")
                .append(assets.isEmpty() ? "" : ": " + esc(String.join(", ", assets.subList(0, Math.min(50, assets.size())))))
                .append("</li>");
    }

    private static void assetSection(StringBuilder h, LoadedModel model, FleetReport.Detail d, int n) {
        FleetScan.AssetScan s = d.scan();
        TimeAxis axis = model.extractor().axis();
        boolean cycles = axis instanceof TimeAxis.Cycles;
        double unit = cycles ? 1 : TimeAxis.Timestamps.MICROS_PER_HOUR;
        String unitName = cycles ? "cycles" : "hours";
        h.append("<div class=\"asset\"><h3>").append(n).append(". ").append(esc(s.asset())).append(" — <span class=\"band ")
                .append(d.answer().risk().band()).append("\">").append(d.answer().risk().band()).append("</span> risk ")
                .append(fmt(d.answer().risk().score())).append("</h3>\n");
        d.answer().explanation().ifPresent(e -> {
            h.append("<p>Top drivers: ");
            h.append(esc(String.join(", ", e.topFeatures().stream().map(f -> f.feature() + String.format(Locale.ROOT, " (%+.3f)",
                    f.contribution())).toList())));
            h.append("</p>\n");
        });
        h.append("<div class=\"charts\">");
        if (s.historyTimes().length > 1) {
            XYSeries risk = new XYSeries("risk");
            for (int i = 0; i < s.historyTimes().length; i++) {
                risk.add((s.historyTimes()[i] - s.time()) / unit, d.historyRisks()[i]);
            }
            JFreeChart c = ChartFactory.createXYLineChart("Risk over recent " + (cycles ? "cycles" : "days"), unitName + " before scoring",
                    "risk", new XYSeriesCollection(risk), PlotOrientation.VERTICAL, false, false, false);
            XYPlot p = c.getXYPlot();
            p.getRangeAxis().setRange(0, 1);
            p.addRangeMarker(new ValueMarker(model.policy().threshold(), Color.GRAY, new BasicStroke(1f)));
            style(c);
            h.append("<div>").append(InlineSvg.render(c, "a" + n + "-risk", "Risk of " + s.asset() + " over recent time", 560, 260, FONT))
                    .append("</div>");
        }
        List<String> channels = model.extractor().channels();
        List<String> sensors = d.answer().explanation().map(e -> e.groups().stream().filter(g -> g.sensor() && g.contribution() > 0)
                .limit(3).map(g -> g.group()).toList()).orElse(List.of());
        int k = 0;
        for (String sensor : sensors) {
            int c = channels.indexOf(sensor);
            if (c < 0 || s.trendTimes().length < 2) {
                continue;
            }
            XYSeries series = new XYSeries(sensor);
            for (int i = 0; i < s.trendTimes().length; i++) {
                double v = s.trendValues()[i][c];
                if (!Double.isNaN(v)) {
                    series.add((s.trendTimes()[i] - s.time()) / unit, v);
                }
            }
            JFreeChart chart = ChartFactory.createXYLineChart(sensor + " (driver)", unitName + " before scoring", sensor,
                    new XYSeriesCollection(series), PlotOrientation.VERTICAL, false, false, false);
            ((org.jfree.chart.axis.NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
            style(chart);
            h.append("<div>").append(InlineSvg.render(chart, "a" + n + "-s" + (k++), sensor + " of " + s.asset(), 560, 260, FONT))
                    .append("</div>");
        }
        h.append("</div></div>\n");
    }

    private static String bandChart(List<ReportRow> rows) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (RiskBand b : RiskBand.values()) {
            ds.addValue(rows.stream().filter(r -> r.band().equals(b.label())).count(), "assets", b.label());
        }
        JFreeChart c = ChartFactory.createBarChart("Assets per risk band", "band", "assets", ds, PlotOrientation.VERTICAL, false, false, false);
        CategoryPlot p = c.getCategoryPlot();
        BarRenderer r = new BarRenderer() {
            @Override
            public java.awt.Paint getItemPaint(int row, int column) {
                return BAND_COLORS[column];
            }
        };
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        p.setRenderer(r);
        style(c);
        return InlineSvg.render(c, "fleet-bands", "Assets per risk band", 560, 300, FONT);
    }

    private static void style(JFreeChart c) {
        c.setBackgroundPaint(Color.WHITE);
        c.getPlot().setBackgroundPaint(Color.WHITE);
        c.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
