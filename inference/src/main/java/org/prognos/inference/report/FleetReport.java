package org.prognos.inference.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongConsumer;
import org.prognos.PrognosException;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.scan.AssetScan;
import org.prognos.features.scan.FleetScan;
import org.prognos.features.telemetry.Dataset;
import org.prognos.models.drift.DriftVerdict;
import org.prognos.models.runtime.FeatureVector;
import org.prognos.models.runtime.LoadedModel;
import org.prognos.models.runtime.RiskBand;
import org.prognos.models.runtime.Scorer;
import org.prognos.models.runtime.answer.FeatureContribution;
import org.prognos.models.runtime.answer.GroupContribution;
import org.prognos.models.runtime.answer.RemainingLife;
import org.prognos.models.runtime.answer.ScoreResponse;

/**
 * The batch at-risk report: every asset scored at the latest time (or as of a given time) through the same
 * streaming state and scorer the service uses, ranked by risk, every asset explained (up to {@code explain}) with its
 * drivers named for people, its component at risk, attributes, last maintenance and the action the report's action
 * table gives it; trends of the driving sensors and the risk over recent days for the top assets; what changed since
 * a previous report. Writes {@code report.html} (self-contained, inline SVG), {@code report.csv} and
 * {@code report.json} ({@link ReportFiles}), with a drift section ({@link ReportDrift}) (schema: inference/REPORT.md).
 *
 * <p>An anomaly model scored adaptively is ranked as the service answers it: each asset's adaptive score after its whole
 * stream up to the as-of time, followed in the scan's one pass ({@link AdaptiveFleet}); it needs the history, so scans
 * taken elsewhere are refused for it.
 */
public final class FleetReport {
    /** Format of report.json. */
    public static final String FORMAT = "prognos-report/2";
    /** Drivers named per asset (table, section, CSV and JSON alike). */
    public static final int DRIVERS = 3;
    /** Explain every asset (the default of {@code --explain}). */
    public static final int EXPLAIN_ALL = Integer.MAX_VALUE;
    static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /**
     * @param explain  how many of the top assets get drivers ({@link #EXPLAIN_ALL}: every one)
     * @param previous an earlier report directory to compare with
     * @param actions  the action table (what to do, how soon)
     */
    public record Request(ReportInput input, OptionalLong asOf, Optional<Path> previous, Path out, int threads,
                          int explain, ReportActions actions) {
        public Request {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(actions, "actions");
        }

        /** A report over a dataset's history, scanned here. */
        public Request(Dataset data, OptionalLong asOf, Optional<Path> previous, Path out, int threads, int explain,
                       ReportActions actions) {
            this(new ReportInput.History(data), asOf, previous, out, threads, explain, actions);
        }

        /** A request with the default action table. */
        public Request(Dataset data, OptionalLong asOf, Optional<Path> previous, Path out, int threads, int explain) {
            this(data, asOf, previous, out, threads, explain, ReportActions.defaults());
        }
    }

    /**
     * What was written; {@code scoredWhen} says when the assets were scored ("as of 2015-12-01 00:00:00"), {@code drift}
     * is the report's inputs against the bundle's training profile.
     */
    public record Result(List<ReportRow> rows, String scoredWhen, ReportChanges.Changes changes, Path html, Path csv,
                         Path json, double seconds, DriftVerdict drift) {
    }

    private FleetReport() {
    }

    public static Result generate(LoadedModel model, Request req, LongConsumer progress) throws IOException {
        long t0 = System.nanoTime();
        Optional<AdaptiveFleet> adaptive = model.adaptiveAnomaly()
                .map(a -> new AdaptiveFleet(a, FleetScan.bucket(model.extractor().axis())));
        List<AssetScan> scans = adaptive.isPresent()
                ? req.input().scan(model.extractor(), req.asOf(), req.threads(), progress, adaptive.get())
                : req.input().scan(model.extractor(), req.asOf(), req.threads(), progress);
        if (adaptive.isPresent()) {
            carriedBy(model, scans);
        }
        if (scans.isEmpty()) {
            throw new PrognosException("no asset has readings" + (req.asOf().isPresent() ? " before the as-of time" : "") + " in "
                    + req.input().source());
        }
        List<FeatureVector> vectors = new ArrayList<>();
        for (AssetScan s : scans) {
            vectors.add(new FeatureVector(Optional.of(s.asset()), s.time(), s.vector(), s.readings(),
                    s.covered() ? List.of() : List.of("partial window")));
        }
        List<ScoreResponse> answers = served(adaptive, scans, Scorer.score(model, vectors, 0));
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
        List<AssetScan> topScans = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            top.add(vectors.get(order[i]));
            topScans.add(scans.get(order[i]));
        }
        List<ScoreResponse> explained = served(adaptive, topScans, Scorer.score(model, top, DRIVERS));

        List<ReportRow> rows = new ArrayList<>();
        List<Detail> details = new ArrayList<>();
        for (int r = 0; r < order.length; r++) {
            int i = order[r];
            ScoreResponse a = r < k ? explained.get(r) : answers.get(i);
            AssetScan scan = scans.get(i);
            rows.add(row(model, req, r + 1, scan, a));
            if (r < ReportPage.CHARTED_ASSETS) {
                details.add(new Detail(scan, a, adaptive.isPresent() ? adaptive.get().historyRisks(scan)
                        : Scorer.risks(model, scan.historyVectors(),
                        Collections.nCopies(scan.historyVectors().length, Optional.of(scan.asset())))));
            }
        }
        ReportChanges.Changes changes = ReportChanges.compare(rows, req.previous());
        DriftVerdict drift = ReportDrift.judge(model, scans);
        Files.createDirectories(req.out());
        Path csv = req.out().resolve("report.csv");
        Path json = req.out().resolve("report.json");
        Path html = req.out().resolve("report.html");
        ReportFiles.writeCsv(rows, csv);
        Files.writeString(json, JSON.writeValueAsString(ReportFiles.json(model, req, rows, changes, drift)) + "\n",
                StandardCharsets.UTF_8);
        Files.writeString(html, ReportPage.html(model, req, rows, changes, details, drift), StandardCharsets.UTF_8);
        return new Result(rows, ReportPage.scoredWhen(model, req, rows), changes, html, csv, json, (System.nanoTime() - t0) / 1e9, drift);
    }

    /**
     * The answers as the service gives them: the fitted model's, or for a model scored adaptively each with its asset's
     * adaptive score (risk, band, health index; {@link AdaptiveFleet}).
     */
    private static List<ScoreResponse> served(Optional<AdaptiveFleet> adaptive, List<AssetScan> scans,
                                              List<ScoreResponse> fitted) {
        if (adaptive.isEmpty()) {
            return fitted;
        }
        List<ScoreResponse> out = new ArrayList<>(fitted.size());
        for (int i = 0; i < fitted.size(); i++) {
            out.add(adaptive.get().answer(scans.get(i), fitted.get(i)));
        }
        return out;
    }

    /**
     * Checks that scans carrying adaptive scores ({@code --scans} from the Spark job) were scored by {@code model}
     * itself: another version's scorers have other rows in their rings.
     */
    private static void carriedBy(LoadedModel model, List<AssetScan> scans) {
        String self = model.name() + ":" + model.version();
        for (AssetScan s : scans) {
            s.stream().filter(st -> !st.scorer().equals(self)).ifPresent(st -> {
                throw new InvalidSpecException("the scan of asset " + s.asset() + " carries adaptive scores of " + st.scorer()
                        + ", not of " + self + ", the model reported with: write the report input with this model");
            });
        }
    }

    /** The report's alarm threshold: the model's, or for a model scored adaptively its alarm level. */
    static double threshold(LoadedModel model) {
        return model.adaptiveAnomaly().flatMap(a -> a.adaptive()).map(s -> s.alarmLevel())
                .orElseGet(() -> model.policy().threshold());
    }

    /** A charted asset: its scan, its answer, and its risk at each recent history point. */
    record Detail(AssetScan scan, ScoreResponse answer, double[] historyRisks) {
    }

    private static ReportRow row(LoadedModel model, Request req, int rank, AssetScan scan, ScoreResponse a) {
        List<Driver> drivers = drivers(model, a);
        List<String> sensors = new ArrayList<>();
        a.explanation().ifPresent(e -> {
            if (a.anomaly().isEmpty()) {
                e.groups().stream().filter(GroupContribution::sensor).filter(g -> g.contribution() > 0).limit(3)
                        .forEach(g -> sensors.add(g.group()));
            }
        });
        // an anomaly model names the sensors its own raw score blames (for every asset, explained or not)
        a.anomaly().ifPresent(an -> an.sensors().stream().filter(c -> c.contribution() > 0).limit(3)
                .forEach(c -> sensors.add(c.sensor())));
        Map<String, Double> byComponent = a.failure().map(f -> f.byComponent()).orElse(Map.of());
        Optional<String> component = componentAtRisk(byComponent);
        RiskBand band = RiskBand.valueOf(a.risk().band().toUpperCase(Locale.ROOT));
        Action action = req.actions().forAsset(band, component, horizon(a));
        return new ReportRow(rank, scan.asset(), a.scoredAt(), a.risk().band(), a.risk().score(), byComponent, component,
                a.remainingUsefulLife().map(l -> OptionalDouble.of(l.value())).orElse(OptionalDouble.empty()),
                a.remainingUsefulLife().flatMap(RemainingLife::interval), a.healthIndex(), drivers, sensors,
                !scan.covered(), AssetFacts.of(scan, model.extractor().axis()), action);
    }

    /**
     * The answer's top features as drivers, labelled from the feature spec: those that raise the risk first, then those
     * that lower it, each in the explanation's order (largest first). A planner reads the first driver as the reason the
     * asset is at risk, so it must be one that raises it.
     */
    static List<Driver> drivers(LoadedModel model, ScoreResponse a) {
        List<Driver> out = new ArrayList<>();
        a.explanation().ifPresent(e -> {
            for (FeatureContribution f : e.topFeatures()) {
                out.add(new Driver(f.feature(), model.extractor().label(f.feature()), f.contribution()));
            }
        });
        out.sort(java.util.Comparator.comparing(d -> d.contribution() > 0 ? 0 : 1));
        return out;
    }

    /** The most probable failing component when the model has several failure classes; empty for one (or none). */
    static Optional<String> componentAtRisk(Map<String, Double> byComponent) {
        if (byComponent.size() < 2) {
            return Optional.empty();
        }
        return byComponent.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    /** The {@code {horizon}} of an action: the classifier's horizon, or a RUL model's predicted remaining life. */
    private static String horizon(ScoreResponse a) {
        if (a.failure().isPresent()) {
            return a.failure().get().horizon();
        }
        return a.remainingUsefulLife().map(l -> String.format(Locale.ROOT, "%.0f %s", l.value(), l.unit()))
                .orElse("the horizon");
    }

    /**
     * The sensors whose readings an asset's section charts: the drivers' sensors first, then the others by their
     * contribution, largest first (a sensor that lowers the risk is still worth seeing against its normal range).
     */
    static List<String> chartedSensors(ScoreResponse a, List<String> channels, int most) {
        Set<String> out = new LinkedHashSet<>();
        a.explanation().ifPresent(e -> {
            e.topFeatures().stream().map(FeatureContribution::group).filter(channels::contains).forEach(out::add);
            e.groups().stream().filter(GroupContribution::sensor)
                    .sorted((x, y) -> Double.compare(y.contribution(), x.contribution())).map(GroupContribution::group)
                    .filter(channels::contains).forEach(out::add);
        });
        return out.stream().limit(most).toList();
    }
}
