package org.prognos.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.io.Datasets;
import org.prognos.inference.report.FleetReport;
import org.prognos.inference.report.ReportActions;
import org.prognos.inference.report.ReportInput;
import org.prognos.inference.report.ReportRow;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.models.runtime.LoadedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code prognos report}: ranks a fleet by risk and writes report.html, report.csv and report.json. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Scores every asset at its latest readings (or as of a time) with a published model, ranks the fleet"
            + " by risk and writes a self-contained report.html (risk distribution, every asset in a searchable table and"
            + " a section with its component at risk, drivers, attributes, last maintenance and recommended action; charts"
            + " for the top assets), report.csv and report.json; --previous adds what changed and why. With --scans"
            + " instead of --data, the assets come already scanned by the Spark job (ScoreJob --report-input)."},
        footer = {"", "Example:",
            "  prognos report --registry registry --model azure-24h --data notebooks-data/azure-pdm --out out/report"})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Option(names = "--registry", required = true, description = "Registry directory.")
    Path registry;

    @Option(names = "--model", required = true, description = "Model: NAME (its production alias, else its latest version), NAME:VERSION or NAME@ALIAS.")
    String model;

    @Option(names = "--data", description = "Dataset (descriptor or directory). Either --data or --scans.")
    Path data;

    @Option(names = "--scans", description = "The fleet's scans instead of --data: a directory (or file) of the JSON lines"
            + " the Spark job's --report-input wrote with this model's feature spec (for an anomaly model scored adaptively,"
            + " with this model itself: each line then carries its asset's adaptive score).")
    Path scans;

    @Option(names = "--subset", description = "C-MAPSS subset/part, e.g. FD001:test.")
    String subset;

    @Mixin
    FilePickOptions files;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Option(names = "--as-of", description = "Score as of this time (data strictly before it), e.g. '2015-12-01 00:00:00' or a cycle.")
    String asOf;

    @Option(names = "--previous", description = "An earlier report directory to compare with.")
    Path previous;

    @Option(names = "--explain", description = "Top assets whose drivers are found (default: every asset).")
    int explain = FleetReport.EXPLAIN_ALL;

    @Option(names = "--actions", description = "YAML file whose 'report:' section sets the action and lead time per band"
            + " and per component (see inference/REPORT.md); default: Prognos's suggestions.")
    Path actions;

    @Option(names = "--threads", description = "Worker threads (default: available processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Mixin
    TrustOption trust;

    @Override
    public Integer call() throws Exception {
        ModelRegistry reg = new ModelRegistry(registry);
        String ref = model.contains("@") || model.contains(":") ? model
                : reg.find(model + "@production").isPresent() ? model + "@production" : model;
        LoadedModel m = LoadedModel.load(reg.load(ref, trust.trust()));   // the service's own runtime: same numbers
        try {
            if ((data == null) == (scans == null)) {
                throw new InvalidSpecException("give either --data (a dataset to scan) or --scans (scans a Spark job wrote)");
            }
            if (scans != null && !files.pick().picksAll()) {
                throw new InvalidSpecException("--files / --exclude pick the files of --data; --scans is read whole");
            }
            ReportInput input = scans != null ? new ReportInput.Scanned(scans)
                    : new ReportInput.History(Datasets.open(data, subset, files.pick()));
            OptionalLong at = OptionalLong.empty();
            if (asOf != null) {
                try {
                    at = OptionalLong.of(m.extractor().axis().parse(asOf));
                } catch (IllegalArgumentException e) {
                    throw new InvalidSpecException("--as-of: " + e.getMessage());
                }
            }
            FleetReport.Result r;
            try (Progress bar = input instanceof ReportInput.History h
                    ? Progress.overReadings("report " + ref, h.data().telemetry(), System.err) : Progress.none()) {
                r = FleetReport.generate(m, new FleetReport.Request(input, at, Optional.ofNullable(previous), out, threads, explain,
                        actions == null ? ReportActions.defaults() : ReportActions.read(actions)), bar::stepTo);
            }
            var o = command.commandLine().getOut();
            long alarms = r.rows().stream().filter(x -> x.band().equals("high") || x.band().equals("critical")).count();
            o.printf(Locale.ROOT, "%d assets scored with %s in %.1f s: %d at risk (high or critical)%n", r.rows().size(), ref,
                    r.seconds(), alarms);
            o.println("scored " + r.scoredWhen());
            r.rows().stream().limit(5).forEach(x -> o.println(topLine(x)));
            if (r.changes().compared()) {
                o.println("changes: " + r.changes().summary());
            }
            o.println(driftLine(r.drift()));
            o.println("wrote " + r.html() + ", " + r.csv() + ", " + r.json());
        } finally {
            m.close();
        }
        return 0;
    }

    /** An asset of the top five: rank, id, band, risk, component at risk, strongest driver, action. */
    static String topLine(ReportRow x) {
        return String.format(Locale.ROOT, "  %2d. %-14s %-8s risk %.3f%s  %s  -> %s%s", x.rank(), x.asset(), x.band(), x.risk(),
                x.componentAtRisk().map(c -> "  " + c).orElse(""),
                x.drivers().isEmpty() ? String.join(", ", x.sensors()) : x.drivers().get(0).text(), x.action().action(),
                x.action().leadTime().isEmpty() ? "" : " (" + x.action().leadTime() + ")");
    }

    /** One line on the report's inputs against the training profile: status, vectors, the largest PSIs. */
    static String driftLine(org.prognos.models.drift.DriftVerdict d) {
        StringBuilder sb = new StringBuilder("input drift against the training profile: " + d.label() + " over " + d.rows()
                + (d.rows() == 1 ? " vector" : " vectors"));
        if (d instanceof org.prognos.models.drift.DriftVerdict.Judged j) {
            sb.append("; largest PSI: ").append(String.join(", ", j.byPsi().stream().limit(3)
                    .map(f -> String.format(Locale.ROOT, "%s %.2f (%s)", f.feature(), f.psi(), f.status().label())).toList()));
        }
        return sb.toString();
    }
}
