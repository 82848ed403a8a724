package org.prognos.cli;

import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.io.Datasets;
import org.prognos.models.batch.DatasetScorer;
import org.prognos.models.bundle.ManifestJson;
import org.prognos.models.bundle.Task;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.training.BundleEvaluation;
import org.prognos.training.HeldOutAssets;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code prognos evaluate}: a published model on a held-out dataset, metrics as JSON. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Scores a published model on a held-out dataset with the bundle's own fitted feature spec and"
            + " prints the metrics as JSON (C-MAPSS: --last scores each test unit at its last cycle against the RUL file).",
            "--held-out limits the data to the assets the job held out for test, as the bundle records them.",
            "An anomaly model is judged against labelled periods (--periods or --label-column): every row scored as"
            + " 'prognos score' scores it, its alarms against the periods with the job's figures (training/ANOMALY.md,"
            + " \"Evaluating against labelled anomalies\"), for the fitted model and, when served adaptively, the adaptive score."},
        footer = {"", "Examples:",
            "  prognos evaluate --registry registry --model cmapss-fd001-rul@candidate --data notebooks-data/cmapss --subset FD001:test --last",
            "  prognos evaluate --registry registry --model ai4i-failure@candidate --data notebooks-data/ai4i2020 --held-out",
            "  prognos evaluate --registry registry --model nab-machine-temperature-periods --data notebooks-data/nab/data/realKnownCause/machine_temperature_system_failure.csv --periods notebooks-data/nab/labels/combined_windows.json --from '2013-12-14 16:50:00'"})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Option(names = "--registry", required = true, description = "Registry directory.")
    Path registry;

    @Option(names = "--model", required = true, description = "Model reference: name, name:VERSION or name@ALIAS.")
    String model;

    @Option(names = "--data", required = true, description = "Dataset (descriptor or directory).")
    Path data;

    @Option(names = "--subset", description = "C-MAPSS subset/part, e.g. FD001:test.")
    String subset;

    @Mixin
    FilePickOptions files;

    @Option(names = "--last", description = "Score each asset once, at its last row (C-MAPSS protocol).")
    boolean last;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Limit limit = new Limit();

    /** Which assets of the data are scored: the bundle's held-out ones, a listed set, or (neither) all. */
    static final class Limit {
        @Option(names = "--held-out", description = {"Only the assets the job held out for test (never trained on), as the"
            + " bundle's metrics.json records them (testAssets); --data must be the data the job was trained on."})
        boolean heldOut;

        @Option(names = "--assets-file", paramLabel = "FILE", description = "Only the asset ids listed in FILE, one a line (# comments).")
        Path file;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Labels labels = new Labels();

    /** An anomaly model's truth: labelled periods from a file or a 0/1 column of the data (a job's {@code evaluation}). */
    static final class Labels {
        @Option(names = "--periods", paramLabel = "FILE", description = {"Anomaly models: the labelled periods, a CSV"
            + " asset,start,end or NAB's windows JSON (as a job's evaluation.periods)."})
        Path periods;

        @Option(names = "--label-column", paramLabel = "COL", description = {"Anomaly models: a 0/1 column of the data whose"
            + " runs of 1s are the labelled periods (as a job's evaluation.labelColumn); the spec must not read it."})
        String column;
    }

    @Option(names = "--from", paramLabel = "TIME", description = {"Anomaly models: judge only the rows at or after TIME"
        + " (e.g. the job's split cutoff); every row is still scored, so an adaptive score warms up as the job's did."})
    String from;

    @Mixin
    TrustOption trust;

    @Override
    public Integer call() throws Exception {
        var bundle = new ModelRegistry(registry).load(model, trust.trust());
        boolean labelled = labels.periods != null || labels.column != null;
        if (bundle.manifest().task() instanceof Task.Anomaly a) {
            return anomaly(a, bundle.manifest().name() + ":" + bundle.manifest().version(), labelled);
        }
        if (labelled || from != null) {
            throw new InvalidSpecException(bundle.manifest().name() + ":" + bundle.manifest().version() + " is a "
                    + bundle.manifest().task().typeName() + " model: --periods, --label-column and --from judge anomaly models"
                    + " only; a supervised model is evaluated against its own labels (leave them out)");
        }
        BundleEvaluation.requireEvaluable(bundle);
        var err = command.commandLine().getErr();
        var dataset = Datasets.open(data, subset, files.pick());
        if (limit.heldOut) {
            dataset = HeldOutAssets.of(bundle).restrict(dataset, err::println);
        } else if (limit.file != null) {
            dataset = HeldOutAssets.listedIn(limit.file).restrict(dataset, err::println);
        }
        var metrics = BundleEvaluation.evaluate(bundle, dataset, last, Predictors.standard(), err::println);
        command.commandLine().getOut().println(ManifestJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(metrics));
        return 0;
    }

    /** An anomaly model against labelled periods ({@link AnomalyEvaluation}); refused without them. */
    private int anomaly(Task.Anomaly task, String ref, boolean labelled) throws Exception {
        if (!labelled) {
            throw new InvalidSpecException(ref + " is an anomaly model (" + task.family() + "): evaluate judges it against"
                    + " labelled periods: give --periods FILE (CSV asset,start,end, or NAB's windows JSON) or --label-column"
                    + " COL (a 0/1 column of the data). Its job's held-out figures are in the bundle's metrics.json"
                    + " ('evaluation') and report.html");
        }
        if (last || limit.heldOut || limit.file != null) {
            throw new InvalidSpecException(ref + " is an anomaly model: --last, --held-out and --assets-file apply to"
                    + " failure-within-horizon and remaining-useful-life models; use --from to judge the rows from a time on");
        }
        var err = command.commandLine().getErr();
        try (DatasetScorer scorer = DatasetScorer.load(registry, model, trust.trust())) {
            OptionalLong since = OptionalLong.empty();
            if (from != null) {
                try {
                    since = OptionalLong.of(scorer.extractor().axis().parse(from));
                } catch (IllegalArgumentException e) {
                    throw new InvalidSpecException("--from: " + e.getMessage());
                }
            }
            var labels = this.labels.periods != null ? new AnomalyEvaluation.Labels.File(this.labels.periods)
                    : new AnomalyEvaluation.Labels.Column(this.labels.column);
            var metrics = new AnomalyEvaluation(labels, since).evaluate(scorer, task, Datasets.open(data, subset, files.pick()),
                    Runtime.getRuntime().availableProcessors(), err::println);
            command.commandLine().getOut().println(ManifestJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(metrics));
        }
        return 0;
    }
}
