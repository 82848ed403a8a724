package org.prognos.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.prognos.features.io.Datasets;
import org.prognos.models.bundle.ManifestJson;
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
        description = {"Scores a published model on a held-out dataset with the bundle's own fitted feature spec and",
            "prints the metrics as JSON (C-MAPSS: --last scores each test unit at its last cycle against the RUL file).",
            "--held-out limits the data to the assets the job held out for test, as the bundle records them."},
        footer = {"", "Examples:",
            "  prognos evaluate --registry registry --model cmapss-fd001-rul@candidate --data notebooks-data/cmapss --subset FD001:test --last",
            "  prognos evaluate --registry registry --model ai4i-failure@candidate --data notebooks-data/ai4i2020 --held-out"})
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
        @Option(names = "--held-out", description = {"Only the assets the job held out for test (never trained on), as the",
            "bundle's metrics.json records them (testAssets); --data must be the data the job was trained on."})
        boolean heldOut;

        @Option(names = "--assets-file", paramLabel = "FILE", description = "Only the asset ids listed in FILE, one a line (# comments).")
        Path file;
    }

    @Mixin
    TrustOption trust;

    @Override
    public Integer call() throws Exception {
        var bundle = new ModelRegistry(registry).load(model, trust.trust());
        BundleEvaluation.requireEvaluable(bundle);   // before --held-out, whose refusal would not say why
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
}
