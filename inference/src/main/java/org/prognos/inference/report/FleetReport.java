package org.prognos.inference.report;

import org.prognos.models.drift.DriftVerdict;
import org.prognos.models.drift.FeatureDrift;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import org.prognos.PrognosException;
import org.prognos.features.telemetry.Dataset;
import org.prognos.models.runtime.FeatureVector;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.models.runtime.RiskBand;
import org.prognos.models.runtime.Scorer;
import org.prognos.models.runtime.answer.GroupContribution;
import org.prognos.models.runtime.answer.RemainingLife;
import org.prognos.models.runtime.answer.ScoreResponse;

/**
 * The batch at-risk report: every asset scored at the latest time (or as of a given time) through the same
 * streaming state and scorer the service uses, ranked by risk, explained for the top assets, with trends of their
 * driving sensors and their risk over recent days, and what changed since a previous report. Writes
 * {@code report.html} (self-contained, inline SVG), {@code report.csv} and {@code report.json}, with a drift section
 * (the report's input vectors against the bundle's training profile, {@link ReportDrift})
 * (schema: inference/REPORT.md).
 */
public final class FleetReport {
    /** Format of report.json. */
    public static final String FORMAT = "prognos-report/1";
    static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /**
     * @param explain  how many of the top assets get explanations, trends and risk history
     * @param previous an earlier report directory to compare with
     */
    public record Request(Dataset data, OptionalLong asOf, Optional<Path> previous, Path out, int threads, int explain) {
    }

    /** What was written; {@code drift} is the report's inputs against the bundle's training profile. */
    public record Result(List<ReportRow> rows, Changes changes, Path html, Path csv, Path json, double seconds,
                         DriftVerdict drift) {
    }

    /** Differences with a previous report (assets in both). */
    public record Changes(boolean compared, List<String> newAtRisk, List<String> risen, List<String> fallen, List<String> recovered) {
    }

    private FleetReport() {
    }

    public static Result generate(LoadedModel model, Request req, LongConsumer progress) throws IOException {
        long t0 = System.nanoTime();
        List<FleetScan.AssetScan> scans = FleetScan.run(model.extractor(), req.data(), req.asOf(), req.threads(), progress);
        if (scans.isEmpty()) {
            throw new PrognosException("no asset has readings" + (req.asOf().isPresent() ? " before the as-of time" : "") + " in "
                    + req.data().telemetry().name());
        }
        List<FeatureVector> vectors = new ArrayList<>();
        for (FleetScan.AssetScan s : scans) {
            vectors.add(new FeatureVector(Optional.of(s.asset()), s.time(), s.vector(), s.readings(),
                    s.covered() ? List.of() : List.of("partial window")));
        }
        List<ScoreResponse> answers = Scorer.score(model, vectors, 0);
        Integer[] order = new Integer[answers.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(answers.get(b).risk().score(), answers.get(a).risk().score());
            return c != 0 ? c : Integer.compare(a, b);
        });
        int k = Math.min(req.explain(), order.length);
        List<FeatureVector> top = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            top.add(vectors.get(order[i]));
        }
        List<ScoreResponse> explained = Scorer.score(model, top, 5);

        List<ReportRow> rows = new ArrayList<>();
        List<Detail> details = new ArrayList<>();
        for (int r = 0; r < order.length; r++) {
            int i = order[r];
            ScoreResponse a = r < k ? explained.get(r) : answers.get(i);
            List<String> drivers = new ArrayList<>();
            List<String> sensors = new ArrayList<>();
            a.explanation().ifPresent(e -> {
                e.topFeatures().forEach(f -> drivers.add(f.feature()));
                if (a.anomaly().isEmpty()) {
                    e.groups().stream().filter(GroupContribution::sensor).filter(g -> g.contribution() > 0).limit(3)
                            .forEach(g -> sensors.add(g.group()));
                }
            });
            // an anomaly model names the sensors its own raw score blames (for every asset, explained or not)
            a.anomaly().ifPresent(an -> an.sensors().stream().filter(c -> c.contribution() > 0).limit(3)
                    .forEach(c -> sensors.add(c.sensor())));
            rows.add(new ReportRow(r + 1, scans.get(i).asset(), a.scoredAt(), a.risk().band(), a.risk().score(),
                    a.failure().map(f -> f.byComponent()).orElse(Map.of()),
                    a.remainingUsefulLife().map(l -> OptionalDouble.of(l.value())).orElse(OptionalDouble.empty()),
                    a.remainingUsefulLife().flatMap(RemainingLife::interval),
                    a.healthIndex(), drivers, sensors, !scans.get(i).covered()));
            if (r < k) {
                details.add(new Detail(scans.get(i), a, Scorer.risks(model, scans.get(i).historyVectors())));
            }
        }
        Changes changes = compare(rows, req.previous());
        DriftVerdict drift = ReportDrift.judge(model, scans);
        Files.createDirectories(req.out());
        Path csv = req.out().resolve("report.csv");
        Path json = req.out().resolve("report.json");
        Path html = req.out().resolve("report.html");
        writeCsv(rows, csv);
        Files.writeString(json, JSON.writeValueAsString(json(model, req, rows, changes, drift)) + "\n", StandardCharsets.UTF_8);
        Files.writeString(html, ReportPage.html(model, req, rows, changes, details, drift), StandardCharsets.UTF_8);
        return new Result(rows, changes, html, csv, json, (System.nanoTime() - t0) / 1e9, drift);
    }

    /** An explained asset: its scan, its explained answer, and its risk at each recent history point. */
    record Detail(FleetScan.AssetScan scan, ScoreResponse answer, double[] historyRisks) {
    }

    static Changes compare(List<ReportRow> rows, Optional<Path> previous) throws IOException {
        if (previous.isEmpty()) {
            return new Changes(false, List.of(), List.of(), List.of(), List.of());
        }
        Path p = previous.get().resolve("report.json");
        if (!Files.exists(p)) {
            throw new PrognosException("--previous " + previous.get() + " holds no report.json");
        }
        JsonNode prev = JSON.readTree(p.toFile());
        if (!FORMAT.equals(prev.path("format").asText())) {
            throw new PrognosException(p + " is not a " + FORMAT + " report (format '" + prev.path("format").asText() + "')");
        }
        Map<String, JsonNode> before = new HashMap<>();
        prev.path("assets").forEach(n -> before.put(n.path("asset").asText(), n));
        List<String> newAtRisk = new ArrayList<>();
        List<String> risen = new ArrayList<>();
        List<String> fallen = new ArrayList<>();
        List<String> recovered = new ArrayList<>();
        for (ReportRow r : rows) {
            JsonNode b = before.get(r.asset());
            if (b == null) {
                continue;
            }
            RiskBand was = RiskBand.valueOf(b.path("band").asText().toUpperCase(Locale.ROOT));
            RiskBand now = RiskBand.valueOf(r.band().toUpperCase(Locale.ROOT));
            if (now.alarm() && !was.alarm()) {
                newAtRisk.add(r.asset());
            } else if (!now.alarm() && was.alarm()) {
                recovered.add(r.asset());
            } else if (now.compareTo(was) > 0) {
                risen.add(r.asset());
            } else if (now.compareTo(was) < 0) {
                fallen.add(r.asset());
            }
        }
        return new Changes(true, newAtRisk, risen, fallen, recovered);
    }

    private static void writeCsv(List<ReportRow> rows, Path file) throws IOException {
        List<String> comps = rows.isEmpty() ? List.of() : new ArrayList<>(new TreeSet<>(rows.get(0).byComponent().keySet()));
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8); CsvWriter csv = CsvWriter.builder().build(w)) {
            List<String> header = new ArrayList<>(List.of("rank", "asset", "scored_at", "band", "risk", "health_index", "rul",
                    "rul_low", "rul_high", "rul_coverage"));
            comps.forEach(c -> header.add("p_" + c));
            header.addAll(List.of("top_sensors", "top_features", "partial_window"));
            csv.writeRecord(header);
            for (ReportRow r : rows) {
                List<String> cells = new ArrayList<>(List.of(Integer.toString(r.rank()), r.asset(), r.scoredAt(), r.band(), fmt(r.risk()),
                        fmt(r.healthIndex()), r.rul().isPresent() ? fmt(r.rul().getAsDouble()) : "",
                        r.rulInterval().map(i -> fmt(i.low())).orElse(""), r.rulInterval().map(i -> fmt(i.high())).orElse(""),
                        r.rulInterval().map(i -> fmt(i.coverage())).orElse("")));
                comps.forEach(c -> cells.add(fmt(r.byComponent().getOrDefault(c, Double.NaN))));
                cells.add(String.join(";", r.sensors()));
                cells.add(String.join(";", r.drivers()));
                cells.add(Boolean.toString(r.partialWindow()));
                csv.writeRecord(cells);
            }
        }
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static ObjectNode json(LoadedModel model, Request req, List<ReportRow> rows, Changes changes, DriftVerdict drift) {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("model", model.name());
        o.put("version", model.version());
        o.put("task", model.manifest().task().typeName());
        o.put("threshold", model.policy().threshold());
        o.put("asOf", req.asOf().isPresent() ? model.extractor().axis().format(req.asOf().getAsLong()) : "latest");
        o.put("generatedAt", Instant.now().toString());
        o.put("dataset", req.data().telemetry().name());
        ObjectNode bands = o.putObject("bands");
        for (RiskBand b : RiskBand.values()) {
            bands.put(b.label(), rows.stream().filter(r -> r.band().equals(b.label())).count());
        }
        ArrayNode assets = o.putArray("assets");
        for (ReportRow r : rows) {
            ObjectNode a = assets.addObject();
            a.put("rank", r.rank());
            a.put("asset", r.asset());
            a.put("scoredAt", r.scoredAt());
            a.put("band", r.band());
            a.put("risk", r.risk());
            a.put("healthIndex", r.healthIndex());
            if (r.rul().isPresent()) {
                a.put("rul", r.rul().getAsDouble());
            }
            r.rulInterval().ifPresent(i -> a.putObject("rulInterval").put("low", i.low()).put("high", i.high())
                    .put("coverage", i.coverage()).put("method", i.method()).put("openAbove", i.openAbove()));
            if (!r.byComponent().isEmpty()) {
                ObjectNode c = a.putObject("byComponent");
                new TreeMap<>(r.byComponent()).forEach(c::put);
            }
            r.sensors().forEach(a.withArray("topSensors")::add);
            r.drivers().forEach(a.withArray("topFeatures")::add);
            a.put("partialWindow", r.partialWindow());
        }
        ObjectNode ch = o.putObject("changes");
        ch.put("compared", changes.compared());
        changes.newAtRisk().forEach(ch.withArray("newAtRisk")::add);
        changes.risen().forEach(ch.withArray("risen")::add);
        changes.fallen().forEach(ch.withArray("fallen")::add);
        changes.recovered().forEach(ch.withArray("recovered")::add);
        ObjectNode d = o.putObject("drift");
        d.put("status", drift.label());
        d.put("rows", drift.rows());
        d.put("profileSource", model.profile().map(p -> p.source()).orElse(""));
        ArrayNode features = d.putArray("features");
        if (drift instanceof DriftVerdict.Judged j) {
            for (FeatureDrift f : j.byPsi()) {
                ObjectNode fo = features.addObject();
                fo.put("feature", f.feature());
                fo.put("psi", f.psi());
                if (!Double.isNaN(f.ks())) {
                    fo.put("ks", f.ks());
                }
                fo.put("status", f.status().label());
            }
        }
        return o;
    }

}
