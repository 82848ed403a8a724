package org.prognos.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.prognos.FileProblems;
import org.prognos.models.signing.BundleSigner;
import org.prognos.training.TrainingJob;
import org.prognos.training.config.ConfigReader;
import org.prognos.training.config.TrainingConfig;
import org.prognos.training.sequence.EpochReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code prognos train}: runs a training job config and publishes the model to a registry. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a failure-prediction or remaining-useful-life model from a job config (JSON or YAML):",
            "split by asset, features fitted on training assets only, model and baselines evaluated on held-out"
            + " data, bundle published atomically to the registry (alias 'candidate')."},
        footer = {"", "Examples:", "  prognos train --config notebooks-data/jobs/cmapss-fd001-xgboost.yaml",
            "  prognos train --config notebooks-data/jobs/cmapss-fd001-cnn.yaml    # DL4J 1-D CNN; progress per epoch",
            "  prognos train --config notebooks-data/jobs/azure-24h-xgboost.yaml --sign-key keys/ops.key"})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Option(names = "--config", required = true, description = "Job config (.json, .yaml or .yml).")
    Path config;

    @Option(names = "--sign-key", paramLabel = "FILE", description = "Sign the published bundle with this private key"
            + " (NAME.key from 'prognos keys generate'); the version appears signed.")
    Path signKey;

    @Override
    public Integer call() throws Exception {
        var out = command.commandLine().getOut();
        TrainingConfig cfg = ConfigReader.read(config);
        Optional<BundleSigner> signer = Optional.ofNullable(signKey).map(BundleSigner::read);   // a bad key fails before training
        Path base = config.toAbsolutePath().getParent();
        if (cfg.model().family().isSequence()) {
            return trainSequenceModel(cfg, base, signer, out);
        }
        try (TrainingStages stages = TrainingStages.onTerminal("train " + cfg.name(), System.err)) {
            TrainingJob.Result r = signed(new TrainingJob(cfg, base, line -> {
                out.println(line);
                stages.logged(line);
            }), signer).run();
            stages.done();
            out.printf(Locale.ROOT, "done in %.1f s: %s -> %s%n", r.trainSeconds(), r.published(), FileProblems.absolute(r.bundleDirectory()));
        }
        return 0;
    }

    /**
     * A sequence model (cnn, lstm): the bar counts epochs over all networks, a network stopped early counting as
     * done, so its ETA is the time left if no other network stops early; after the bar, the latest epoch's losses.
     */
    private int trainSequenceModel(TrainingConfig cfg, Path base, Optional<BundleSigner> signer, PrintWriter out) throws Exception {
        EpochBar epochs = new EpochBar();
        try (Progress bar = Progress.withoutSpeed("train " + cfg.name(), 1, "epochs", System.err)) {
            epochs.bar = bar;
            TrainingJob.Result r = signed(new TrainingJob(cfg, base, out::println, epochs::update), signer).run();
            bar.stepTo(Math.max(1, epochs.total));
            out.printf(Locale.ROOT, "done in %.1f s: %s -> %s%n", r.trainSeconds(), r.published(), FileProblems.absolute(r.bundleDirectory()));
        }
        return 0;
    }

    private static TrainingJob signed(TrainingJob job, Optional<BundleSigner> signer) {
        return signer.isPresent() ? job.signedWith(signer.get()) : job;
    }

    /** Epochs done per network; a network is done when it stops early or reaches its last epoch. */
    private static final class EpochBar {
        Progress bar;
        long total;
        private final Map<Integer, Integer> done = new HashMap<>();

        void update(EpochReport r) {
            if (total == 0) {
                total = (long) r.members() * r.maxEpochs();
                bar.maxHint(total);
            }
            done.put(r.member(), r.stopping() ? r.maxEpochs() : r.epoch());
            bar.stepTo(done.values().stream().mapToLong(Integer::longValue).sum());
            bar.message(String.format(Locale.ROOT, "net %d/%d epoch %d loss %.4f val %.4f (RMSE %.1f)%s",
                    r.member(), r.members(), r.epoch(), r.trainLoss(), r.validationLoss(), r.validationRmse(),
                    r.stopping() ? ", stopped" : ""));
        }
    }
}
