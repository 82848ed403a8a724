package org.prognos.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.prognos.training.TrainingJob;
import org.prognos.training.config.ConfigReader;
import org.prognos.training.config.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code prognos train}: runs a training job config and publishes the model to a registry. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a failure-prediction or remaining-useful-life model from a job config (JSON or YAML):",
            "split by asset, features fitted on training assets only, model and baselines evaluated on held-out",
            "data, bundle published atomically to the registry (alias 'candidate')."},
        footer = {"", "Example:", "  prognos train --config notebooks-data/jobs/cmapss-fd001-xgboost.yaml"})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Option(names = "--config", required = true, description = "Job config (.json, .yaml or .yml).")
    Path config;

    @Override
    public Integer call() throws Exception {
        var out = command.commandLine().getOut();
        TrainingConfig cfg = ConfigReader.read(config);
        Path base = config.toAbsolutePath().getParent();
        String[] stages = {"split", "rows:", "training", "trained", "test ", "published"};
        try (Progress bar = new Progress("train " + cfg.name(), stages.length, "steps", System.err)) {
            int[] done = {0};
            TrainingJob.Result r = new TrainingJob(cfg, base, line -> {
                out.println(line);
                for (int i = done[0]; i < stages.length; i++) {
                    if (line.startsWith(stages[i])) {
                        done[0] = i + 1;
                        bar.stepTo(done[0]);
                    }
                }
            }).run();
            bar.stepTo(stages.length);
            out.printf(Locale.ROOT, "done in %.1f s: %s -> %s%n", r.trainSeconds(), r.published(), r.bundleDirectory());
        }
        return 0;
    }
}
