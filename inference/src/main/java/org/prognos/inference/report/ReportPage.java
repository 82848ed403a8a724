package org.prognos.inference.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.models.runtime.RiskBand;
import org.prognos.reports.Template;
import org.prognos.reports.chart.FleetCharts;
import org.prognos.reports.chart.Svg;

/**
 * The self-contained HTML page of the at-risk report: inline CSS and SVG, nothing loaded from elsewhere, prints well.
 * This class prepares a {@link Page} of formatted text and charts; {@code at-risk.mustache} and {@code at-risk.css}
 * beside it lay the page out.
 */
final class ReportPage {
    static final int TABLE_ROWS = 200;
    static final int CHARTED_ASSETS = 10;
    /** Assets named per line of the changes; the rest are counted only. */
    static final int CHANGES_NAMED = 50;
    /** Driving sensors charted per asset. */
    static final int CHARTED_SENSORS = 3;
    private static final Template TEMPLATE = Template.load(ReportPage.class, "at-risk");
    private static final String CSS = Template.text(ReportPage.class, "at-risk.css");

    /** The page as {@code at-risk.mustache} lays it out. */
    record Page(String model, String version, String css, int scored, String scoredWhen, String telemetry,
                String threshold, Svg bandChart, Optional<Changes> changes, boolean rulColumn, Optional<String> rulIntervalHeader,
                List<Line> rows,
                Optional<Integer> more, List<Asset> top, Optional<Drift> drift) {
    }

    /** The drift section: the model's status on the report's inputs and the features with the largest PSI. */
    record Drift(String status, int rows, String source, boolean judged, List<DriftLine> features, Optional<Integer> more) {
    }

    /** A feature of the drift section. */
    record DriftLine(String feature, String psi, String ks, String status) {
    }

    /** The changes since the previous report, present when there was one. */
    record Changes(List<Change> lines) {
    }

    /** A line of the changes; {@code assets} is empty when there are none. */
    record Change(String what, int count, String assets) {
    }

    /** A row of the ranked table; {@code rul} and {@code rulInterval} are empty when the asset has none. */
    record Line(int rank, String asset, String band, String risk, String health, String rul, String rulInterval, String drivers) {
    }

    /** The section of one of the top assets. */
    record Asset(int n, String asset, String band, String risk, Optional<String> drivers, List<Svg> charts) {
    }

    private ReportPage() {
    }

    static String html(LoadedModel model, FleetReport.Request req, List<ReportRow> rows, FleetReport.Changes changes,
                       List<FleetReport.Detail> details, org.prognos.models.drift.DriftVerdict drift) {
        TimeAxis axis = model.extractor().axis();
        String when = req.asOf().isPresent() ? "as of " + axis.format(req.asOf().getAsLong())
                : "at their latest readings";
        Optional<Changes> changeLines = changes.compared() ? Optional.of(new Changes(List.of(
                change("New at risk", changes.newAtRisk()), change("Risen", changes.risen()),
                change("Fallen", changes.fallen()), change("Recovered", changes.recovered())))) : Optional.empty();
        boolean rul = rows.stream().anyMatch(r -> r.rul().isPresent());
        List<Line> lines = rows.subList(0, Math.min(TABLE_ROWS, rows.size())).stream().map(ReportPage::line).toList();
        List<Asset> top = new ArrayList<>();
        for (FleetReport.Detail d : details.subList(0, Math.min(CHARTED_ASSETS, details.size()))) {
            top.add(asset(model, d, top.size() + 1));
        }
        return TEMPLATE.render(new Page(model.name(), String.valueOf(model.version()), CSS, rows.size(), when,
                req.data().telemetry().name(), fmt(model.policy().threshold()), bandChart(rows), changeLines, rul,
                model.interval().map(i -> String.format(Locale.ROOT, "RUL %.0f %% interval", 100 * i.coverage())), lines, rows.size() > TABLE_ROWS ? Optional.of(rows.size() - TABLE_ROWS) : Optional.empty(), top,
                Optional.of(drift(model, drift))));
    }

    private static Drift drift(LoadedModel model, org.prognos.models.drift.DriftVerdict v) {
        List<DriftLine> lines = new ArrayList<>();
        int total = 0;
        if (v instanceof org.prognos.models.drift.DriftVerdict.Judged j) {
            List<org.prognos.models.drift.FeatureDrift> by = j.byPsi();
            total = by.size();
            for (org.prognos.models.drift.FeatureDrift f : by.subList(0, Math.min(ReportDrift.SHOWN, by.size()))) {
                lines.add(new DriftLine(f.feature(), String.format(Locale.ROOT, "%.3f", f.psi()),
                        Double.isNaN(f.ks()) ? "" : String.format(Locale.ROOT, "%.3f", f.ks()), f.status().label()));
            }
        }
        return new Drift(v.label(), v.rows(), model.profile().map(p -> p.source()).orElse("no profile in the bundle"),
                !lines.isEmpty(), lines,
                total > ReportDrift.SHOWN ? Optional.of(total - ReportDrift.SHOWN) : Optional.empty());
    }

    private static Change change(String what, List<String> assets) {
        return new Change(what, assets.size(),
                String.join(", ", assets.subList(0, Math.min(CHANGES_NAMED, assets.size()))));
    }

    private static Line line(ReportRow r) {
        return new Line(r.rank(), r.asset(), r.band(), fmt(r.risk()), String.format(Locale.ROOT, "%.0f",
                r.healthIndex()), r.rul().isPresent() ? String.format(Locale.ROOT, "%.0f", r.rul().getAsDouble()) : "",
                r.rulIntervalText(), String.join(", ", r.sensors().isEmpty() ? r.drivers() : r.sensors()));
    }

    private static Asset asset(LoadedModel model, FleetReport.Detail d, int n) {
        FleetScan.AssetScan s = d.scan();
        TimeAxis axis = model.extractor().axis();
        boolean cycles = axis instanceof TimeAxis.Cycles;
        double unit = cycles ? 1 : TimeAxis.Timestamps.MICROS_PER_HOUR;
        String before = (cycles ? "cycles" : "hours") + " before scoring";
        Optional<String> drivers = d.answer().explanation().map(e -> String.join(", ", e.topFeatures().stream()
                .map(f -> f.feature() + String.format(Locale.ROOT, " (%+.3f)", f.contribution())).toList()));
        List<Svg> charts = new ArrayList<>();
        if (s.historyTimes().length > 1) {
            charts.add(FleetCharts.risk("a" + n + "-risk", "Risk over recent " + (cycles ? "cycles" : "days"),
                    "Risk of " + s.asset() + " over recent time", before, since(s.historyTimes(), s.time(), unit),
                    d.historyRisks(), model.policy().threshold()));
        }
        List<String> channels = model.extractor().channels();
        List<String> sensors = d.answer().explanation().map(e -> e.groups().stream()
                .filter(g -> g.sensor() && g.contribution() > 0).limit(CHARTED_SENSORS).map(g -> g.group()).toList())
                .orElse(List.of());
        int k = 0;
        for (String sensor : sensors) {
            int c = channels.indexOf(sensor);
            if (c < 0 || s.trendTimes().length < 2) {
                continue;
            }
            double[] values = new double[s.trendTimes().length];
            for (int i = 0; i < values.length; i++) {
                values[i] = s.trendValues()[i][c];
            }
            charts.add(FleetCharts.sensor("a" + n + "-s" + (k++), sensor, sensor + " of " + s.asset(), before,
                    since(s.trendTimes(), s.time(), unit), values));
        }
        return new Asset(n, s.asset(), d.answer().risk().band(), fmt(d.answer().risk().score()), drivers, charts);
    }

    /** Times as units before the scoring time (negative). */
    private static double[] since(long[] times, long scoredAt, double unit) {
        return Arrays.stream(times).mapToDouble(t -> (t - scoredAt) / unit).toArray();
    }

    private static Svg bandChart(List<ReportRow> rows) {
        List<FleetCharts.BandCount> bands = Arrays.stream(RiskBand.values())
                .map(b -> new FleetCharts.BandCount(b.label(), rows.stream().filter(r -> r.band().equals(b.label()))
                        .count())).toList();
        return FleetCharts.bands("fleet-bands", bands);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
