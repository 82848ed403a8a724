package org.prognos.inference.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.models.drift.DriftVerdict;
import org.prognos.models.drift.FeatureDrift;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.models.runtime.RiskBand;

/** The report's {@code report.csv} and {@code report.json} (both documented field by field in inference/REPORT.md). */
final class ReportFiles {
    private ReportFiles() {
    }

    static void writeCsv(List<ReportRow> rows, Path file) throws IOException {
        List<String> comps = rows.isEmpty() ? List.of() : new ArrayList<>(new TreeSet<>(rows.get(0).byComponent().keySet()));
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8); CsvWriter csv = CsvWriter.builder().build(w)) {
            List<String> header = new ArrayList<>(List.of("rank", "asset", "scored_at", "band", "risk", "health_index",
                    "component_at_risk", "rul", "rul_low", "rul_high", "rul_coverage"));
            comps.forEach(c -> header.add("p_" + c));
            header.addAll(List.of("drivers", "driver_features", "top_sensors", "action", "lead_time", "attributes",
                    "last_maintenance", "partial_window"));
            csv.writeRecord(header);
            for (ReportRow r : rows) {
                List<String> cells = new ArrayList<>(List.of(Integer.toString(r.rank()), r.asset(), r.scoredAt(), r.band(),
                        fmt(r.risk()), fmt(r.healthIndex()), r.componentAtRisk().orElse(""),
                        r.rul().isPresent() ? fmt(r.rul().getAsDouble()) : "",
                        r.rulInterval().map(i -> fmt(i.low())).orElse(""), r.rulInterval().map(i -> fmt(i.high())).orElse(""),
                        r.rulInterval().map(i -> fmt(i.coverage())).orElse("")));
                comps.forEach(c -> cells.add(fmt(r.byComponent().getOrDefault(c, Double.NaN))));
                cells.add(r.driversText());
                cells.add(String.join(";", r.drivers().stream().map(Driver::feature).toList()));
                cells.add(String.join(";", r.sensors()));
                cells.add(r.action().action());
                cells.add(r.action().leadTime());
                cells.add(pairs(r.facts().attributes()));
                cells.add(pairs(r.facts().lastMaintenance()));
                cells.add(Boolean.toString(r.partialWindow()));
                csv.writeRecord(cells);
            }
        }
    }

    private static String pairs(Map<String, String> m) {
        return String.join(";", m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** The scoring times of the rows: the earliest and the latest {@code scoredAt} (equal under {@code --as-of}). */
    static String[] scoredRange(List<ReportRow> rows, TimeAxis axis) {
        long[] t = rows.stream().mapToLong(r -> axis.parse(r.scoredAt())).sorted().toArray();
        return new String[] {axis.format(t[0]), axis.format(t[t.length - 1])};
    }

    static ObjectNode json(LoadedModel model, FleetReport.Request req, List<ReportRow> rows, ReportChanges.Changes changes,
                           DriftVerdict drift) {
        ObjectNode o = FleetReport.JSON.createObjectNode();
        o.put("format", FleetReport.FORMAT);
        o.put("model", model.name());
        o.put("version", model.version());
        o.put("task", model.manifest().task().typeName());
        o.put("threshold", FleetReport.threshold(model));
        o.put("calibration", model.calibration().map(c -> c.method().name().toLowerCase(Locale.ROOT)).orElse("none"));
        o.put("asOf", req.asOf().isPresent() ? model.extractor().axis().format(req.asOf().getAsLong()) : "latest");
        String[] scored = scoredRange(rows, model.extractor().axis());
        o.putObject("scoredAt").put("earliest", scored[0]).put("latest", scored[1]);
        o.put("generatedAt", Instant.now().toString());
        o.put("dataset", req.input().source());
        ObjectNode bands = o.putObject("bands");
        for (RiskBand b : RiskBand.values()) {
            bands.put(b.label(), rows.stream().filter(r -> r.band().equals(b.label())).count());
        }
        ArrayNode assets = o.putArray("assets");
        for (ReportRow r : rows) {
            asset(assets.addObject(), r);
        }
        ObjectNode ch = o.putObject("changes");
        ch.put("compared", changes.compared());
        ArrayNode list = ch.putArray("assets");
        for (ReportChanges.Change c : changes.changes()) {
            ObjectNode n = list.addObject();
            n.put("asset", c.asset());
            n.put("change", c.kind().key);
            n.put("bandBefore", c.bandBefore());
            n.put("band", c.bandNow());
            n.put("riskBefore", c.riskBefore());
            n.put("risk", c.riskNow());
            c.moved().ifPresent(d -> n.putObject("movedMostBy").put("feature", d.feature()).put("label", d.label())
                    .put("contributionChange", d.contribution()));
        }
        drift(o.putObject("drift"), model, drift);
        return o;
    }

    private static void asset(ObjectNode a, ReportRow r) {
        a.put("rank", r.rank());
        a.put("asset", r.asset());
        a.put("scoredAt", r.scoredAt());
        a.put("band", r.band());
        a.put("risk", r.risk());
        a.put("healthIndex", r.healthIndex());
        if (!r.byComponent().isEmpty()) {
            ObjectNode c = a.putObject("byComponent");
            new TreeMap<>(r.byComponent()).forEach(c::put);
        }
        r.componentAtRisk().ifPresent(c -> a.put("componentAtRisk", c));
        if (r.rul().isPresent()) {
            a.put("rul", r.rul().getAsDouble());
        }
        r.rulInterval().ifPresent(i -> a.putObject("rulInterval").put("low", i.low()).put("high", i.high())
                .put("coverage", i.coverage()).put("method", i.method()).put("openAbove", i.openAbove()));
        ArrayNode drivers = a.putArray("drivers");
        for (Driver d : r.drivers()) {
            drivers.addObject().put("feature", d.feature()).put("label", d.label()).put("contribution", d.contribution());
        }
        ArrayNode sensors = a.putArray("topSensors");
        r.sensors().forEach(sensors::add);
        a.putObject("action").put("action", r.action().action()).put("leadTime", r.action().leadTime());
        ObjectNode attributes = a.putObject("attributes");
        r.facts().attributes().forEach(attributes::put);
        ObjectNode maintenance = a.putObject("lastMaintenance");
        r.facts().lastMaintenance().forEach(maintenance::put);
        a.put("partialWindow", r.partialWindow());
    }

    private static void drift(ObjectNode d, LoadedModel model, DriftVerdict drift) {
        d.put("status", drift.label());
        d.put("rows", drift.rows());
        d.put("profileSource", model.profile().map(p -> p.source()).orElse(""));
        ArrayNode features = d.putArray("features");
        if (drift instanceof DriftVerdict.Judged j) {
            for (FeatureDrift f : j.byPsi()) {
                ObjectNode fo = features.addObject();
                fo.put("feature", f.feature());
                fo.put("label", model.extractor().label(f.feature()));
                fo.put("psi", f.psi());
                if (!Double.isNaN(f.ks())) {
                    fo.put("ks", f.ks());
                }
                fo.put("status", f.status().label());
            }
        }
    }
}
