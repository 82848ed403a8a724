package org.prognos.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.prognos.features.io.Datasets;
import org.prognos.models.bundle.ManifestJson;
import org.prognos.models.predict.Predictors;
import org.prognos.models.registry.ModelRegistry;
import org.prognos.training.BundleEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code prognos evaluate}: a published model on a held-out dataset, metrics as JSON. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Scores a published model on a held-out dataset with the bundle's own fitted feature spec and",
            "prints the metrics as JSON (C-MAPSS: --last scores each test unit at its last cycle against the RUL file)."},
        footer = {"", "Example:",
            "  prognos evaluate --registry registry --model cmapss-fd001-rul@candidate --data notebooks-data/cmapss --subset FD001:test --last"})
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

    @Option(names = "--last", description = "Score each asset once, at its last row (C-MAPSS protocol).")
    boolean last;

    @Mixin
    TrustOption trust;

    @Override
    public Integer call() throws Exception {
        var bundle = new ModelRegistry(registry).load(model, trust.trust());
        var err = command.commandLine().getErr();
        var metrics = BundleEvaluation.evaluate(bundle, Datasets.open(data, subset), last, Predictors.standard(), err::println);
        command.commandLine().getOut().println(ManifestJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(metrics));
        return 0;
    }
}
