package org.prognos.inference.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.prognos.models.drift.DriftVerdict;
import org.prognos.models.drift.FeatureDrift;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.models.runtime.RiskBand;
import org.prognos.reports.Template;
import org.prognos.reports.chart.FleetCharts;
import org.prognos.reports.chart.Svg;

/**
 * The self-contained HTML page of the at-risk report: inline CSS, SVG and one small filter script, nothing loaded from
 * elsewhere, prints well. One table row and one collapsed section per asset, every asset: a closed
 * {@code <details>} costs the browser no layout until it is opened, so the page stays quick at 10,000 assets; charts
 * are drawn for the top {@link #CHARTED_ASSETS} only (an SVG per chart would make the page hundreds of megabytes).
 * This class prepares a {@link Page} of formatted text and charts; {@code at-risk.mustache}, {@code at-risk.css}
 * and {@code at-risk.js} beside it lay the page out.
 */
final class ReportPage {
    /** Assets whose sections have charts (and are open when the page loads). */
    static final int CHARTED_ASSETS = 10;
    /** Changes listed on the page; the rest are counted (all are in report.json). */
    static final int CHANGES_SHOWN = 200;
    private static final Template TEMPLATE = Template.load(ReportPage.class, "at-risk");
    private static final String CSS = Template.text(ReportPage.class, "at-risk.css");
    private static final String SCRIPT = Template.text(ReportPage.class, "at-risk.js");

    /** The page as {@code at-risk.mustache} lays it out. */
    record Page(String model, String version, String css, String script, int scored, String scoredWhen,
                String generatedAt, String telemetry, String threshold, String calibration, Svg bandChart,
                Optional<Changes> changes, boolean componentColumn, boolean rulColumn, Optional<String> rulIntervalHeader,
                List<Line> rows, int charted, List<Asset> assets, Optional<Drift> drift) {
    }

    /** The drift section: the model's status on the report's inputs and the features with the largest PSI. */
    record Drift(String status, int rows, String source, boolean judged, List<DriftLine> features, Optional<Integer> more) {
    }

    /** A feature of the drift section. */
    record DriftLine(String feature, String psi, String ks, String status) {
    }

    /** The changes since the previous report, present when there was one. */
    record Changes(String summary, List<ChangeLine> lines, Optional<Integer> more) {
    }

    /** A changed asset: what moved, its risk then → now, and the driver that moved it most. */
    record ChangeLine(String anchor, String asset, String what, String risk, String movedBy) {
    }

    /** A row of the ranked table; empty cells for what the model does not give. */
    record Line(int rank, String anchor, String asset, String band, String risk, String health, String component,
                String rul, String rulInterval, String drivers, String action, String leadTime) {
    }

    /** One asset's section. */
    record Asset(int rank, String anchor, String asset, String band, String risk, boolean open, Optional<String> component,
                 List<Probability> components, Optional<String> rul, List<String> drivers, boolean explained,
                 Optional<String> attributes, Optional<String> maintenance, String action, String leadTime,
                 boolean partial, String scoredAt, List<Svg> charts) {
    }

    /** A component's failure probability within the horizon. */
    record Probability(String component, String p, boolean atRisk) {
    }

    private ReportPage() {
    }

    static String html(LoadedModel model, FleetReport.Request req, List<ReportRow> rows, ReportChanges.Changes changes,
                       List<FleetReport.Detail> details, DriftVerdict drift) {
        boolean rul = rows.stream().anyMatch(r -> r.rul().isPresent());
        boolean component = rows.stream().anyMatch(r -> r.componentAtRisk().isPresent());
        List<Line> lines = rows.stream().map(ReportPage::line).toList();
        List<Asset> assets = new ArrayList<>(rows.size());
        for (ReportRow r : rows) {
            List<Svg> charts = r.rank() <= details.size()
                    ? AssetCharts.of(model, details.get(r.rank() - 1), details.get(r.rank() - 1).scan().events(), r.rank())
                    : List.of();
            assets.add(asset(r, charts));
        }
        String calibration = model.calibration().map(c -> "Probabilities are calibrated ("
                + c.method().name().toLowerCase(Locale.ROOT) + ", on out-of-fold training rows).")
                .orElse(model.manifest().task().typeName().equals("failure-within-horizon")
                        ? "Probabilities are the model's own (the bundle carries no calibration)." : "");
        return TEMPLATE.render(new Page(model.name(), String.valueOf(model.version()), CSS, SCRIPT, rows.size(),
                scoredWhen(model, req, rows), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                req.input().source(), fmt(FleetReport.threshold(model)), calibration, bandChart(rows),
                changes(changes, rows), component, rul,
                model.interval().map(i -> String.format(Locale.ROOT, "RUL %.0f %% interval", 100 * i.coverage())),
                lines, details.size(), assets, Optional.of(drift(model, drift))));
    }

    /** When the assets were scored, in words: as of a time, or the range of their last readings. */
    static String scoredWhen(LoadedModel model, FleetReport.Request req, List<ReportRow> rows) {
        if (req.asOf().isPresent()) {
            return "as of " + model.extractor().axis().format(req.asOf().getAsLong());
        }
        String[] range = ReportFiles.scoredRange(rows, model.extractor().axis());
        return range[0].equals(range[1]) ? "at their latest readings, " + range[0]
                : "at their latest readings, between " + range[0] + " and " + range[1];
    }

    static String anchor(ReportRow r) {
        return "asset-" + r.rank();
    }

    private static Line line(ReportRow r) {
        return new Line(r.rank(), anchor(r), r.asset(), r.band(), fmt(r.risk()), String.format(Locale.ROOT, "%.0f",
                r.healthIndex()), r.componentAtRisk().map(c -> c + " " + fmt(r.byComponent().get(c))).orElse(""),
                r.rul().isPresent() ? String.format(Locale.ROOT, "%.0f", r.rul().getAsDouble()) : "",
                r.rulIntervalText(), r.driversText(), r.action().action(), r.action().leadTime());
    }

    private static Asset asset(ReportRow r, List<Svg> charts) {
        List<Probability> probabilities = new TreeMap<>(r.byComponent()).entrySet().stream()
                .map(e -> new Probability(e.getKey(), fmt(e.getValue()), r.componentAtRisk().filter(e.getKey()::equals).isPresent()))
                .toList();
        Optional<String> rul = r.rul().isPresent() ? Optional.of(String.format(Locale.ROOT, "%.0f", r.rul().getAsDouble())
                + (r.rulInterval().isPresent() ? " (interval " + r.rulIntervalText() + ")" : "")) : Optional.empty();
        return new Asset(r.rank(), anchor(r), r.asset(), r.band(), fmt(r.risk()), !charts.isEmpty(), r.componentAtRisk(),
                probabilities, rul, r.drivers().stream().map(Driver::text).toList(), !r.drivers().isEmpty(),
                nonEmpty(r.facts().attributesText()), nonEmpty(r.facts().maintenanceText()), r.action().action(),
                r.action().leadTime(), r.partialWindow(), r.scoredAt(), charts);
    }

    private static Optional<String> nonEmpty(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static Optional<Changes> changes(ReportChanges.Changes c, List<ReportRow> rows) {
        if (!c.compared()) {
            return Optional.empty();
        }
        String summary = c.summary();
        Map<String, String> anchors = new HashMap<>();
        rows.forEach(r -> anchors.put(r.asset(), anchor(r)));
        List<ChangeLine> lines = c.changes().stream().limit(CHANGES_SHOWN).map(ch -> new ChangeLine(
                anchors.get(ch.asset()), ch.asset(), ch.kind().title, ch.riskText(), ch.moved().map(Driver::text).orElse(""))).toList();
        return Optional.of(new Changes(summary, lines, c.changes().size() > CHANGES_SHOWN
                ? Optional.of(c.changes().size() - CHANGES_SHOWN) : Optional.empty()));
    }

    private static Drift drift(LoadedModel model, DriftVerdict v) {
        List<DriftLine> lines = new ArrayList<>();
        int total = 0;
        if (v instanceof DriftVerdict.Judged j) {
            List<FeatureDrift> by = j.byPsi();
            total = by.size();
            for (FeatureDrift f : by.subList(0, Math.min(ReportDrift.SHOWN, by.size()))) {
                lines.add(new DriftLine(model.extractor().label(f.feature()), String.format(Locale.ROOT, "%.3f", f.psi()),
                        Double.isNaN(f.ks()) ? "" : String.format(Locale.ROOT, "%.3f", f.ks()), f.status().label()));
            }
        }
        return new Drift(v.label(), v.rows(), model.profile().map(p -> p.source()).orElse("no profile in the bundle"),
                !lines.isEmpty(), lines,
                total > ReportDrift.SHOWN ? Optional.of(total - ReportDrift.SHOWN) : Optional.empty());
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
