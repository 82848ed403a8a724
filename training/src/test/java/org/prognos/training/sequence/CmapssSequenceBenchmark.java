package org.prognos.training.sequence;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.dl4j.Dl4jPredictor;
import org.prognos.models.predict.Predictions;
import org.prognos.models.predict.Predictor;
import org.prognos.models.registry.BundleRef;
import org.prognos.models.registry.ModelRegistry;

/**
 * Trains a sequence model on C-MAPSS subsets and prints the standard protocol's figures beside the baselines (not a
 * test: it takes minutes). Command and measured figures: {@code training/SEQUENCE_MODELS.md}.
 *
 * <pre>
 * CmapssSequenceBenchmark [FD001 FD003 ...] [--arch cnn|lstm] [--members N] [--seed S] [--epochs MAX PATIENCE]
 *     [--lr RATE DECAY] [--l2 X] [--batch N] [--cnn LAYERS FILTERS KERNEL DENSE DROPOUT] [--lstm LAYERS UNITS DENSE DROPOUT]
 *     [--min-correlation R] [--threads N] [--validation-only] [--quiet] [--registry DIR] [--spec FILE]
 *     [--scalars COLUMN,COLUMN...]
 * </pre>
 *
 * {@code --validation-only} prints validation figures and never touches the test set (for tuning);
 * {@code --registry DIR} also publishes each model as a bundle there, reloads it with {@link Dl4jPredictor} and
 * checks the predictions match.
 */
public final class CmapssSequenceBenchmark {
    private CmapssSequenceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> subsets = new ArrayList<>();
        SequenceArchitecture arch = CnnArchitecture.defaults();
        TrainingSettings training = TrainingSettings.standard(42);
        ChannelSelectionRule rule = ChannelSelectionRule.defaults();
        boolean validationOnly = false;
        boolean quiet = false;
        Path registry = null;
        int threads = 1;
        Path spec = CmapssData.SPEC;
        List<String> scalars = List.of();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--arch" -> arch = args[++i].equals("lstm") ? LstmArchitecture.defaults() : CnnArchitecture.defaults();
                case "--members" -> training = training.withMembers(Integer.parseInt(args[++i]));
                case "--seed" -> training = training.withSeed(Long.parseLong(args[++i]));
                case "--epochs" -> training = training.withEpochs(Integer.parseInt(args[++i]), Integer.parseInt(args[++i]));
                case "--lr" -> training = training.withOptimizer(Double.parseDouble(args[++i]),
                        Double.parseDouble(args[++i]), training.l2());
                case "--l2" -> training = training.withOptimizer(training.learningRate(), training.learningRateDecay(),
                        Double.parseDouble(args[++i]));
                case "--batch" -> training = training.withBatchSize(Integer.parseInt(args[++i]));
                case "--cnn" -> arch = new CnnArchitecture(Integer.parseInt(args[++i]), Integer.parseInt(args[++i]),
                        Integer.parseInt(args[++i]), Integer.parseInt(args[++i]), Double.parseDouble(args[++i]));
                case "--lstm" -> arch = new LstmArchitecture(Integer.parseInt(args[++i]), Integer.parseInt(args[++i]),
                        Integer.parseInt(args[++i]), Double.parseDouble(args[++i]));
                case "--min-correlation" -> rule = new ChannelSelectionRule(rule.minStd(), Double.parseDouble(args[++i]));
                case "--validation-only" -> validationOnly = true;
                case "--quiet" -> quiet = true;
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--registry" -> registry = Path.of(args[++i]);
                case "--spec" -> spec = Path.of(args[++i]);
                case "--scalars" -> scalars = List.of(args[++i].split(","));
                default -> subsets.add(a);
            }
        }
        if (subsets.isEmpty()) {
            subsets = List.of("FD001", "FD003");
        }
        SequenceSettings settings = new SequenceSettings(arch, training, rule, scalars);
        System.out.println("settings: " + settings);
        System.out.println("OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS") + ", cores "
                + Runtime.getRuntime().availableProcessors() + ", training threads " + threads);
        for (String subset : subsets) {
            run(subset, spec, settings, threads, validationOnly, quiet, registry);
        }
    }

    private static void run(String subset, Path spec, SequenceSettings settings, int threads, boolean validationOnly,
                            boolean quiet, Path registry) throws Exception {
        long start = System.nanoTime();
        CmapssData data = CmapssData.load(subset, 2, spec);
        System.out.printf(Locale.ROOT, "%n== %s: %d training rows, %d test rows; spec fitted and rows extracted in %.1f s%n",
                data.subset(), data.training().table().size(), data.test().size(), data.seconds());
        EpochListener progress = quiet ? EpochListener.NONE : r -> System.out.printf(Locale.ROOT,
                "  net %d/%d epoch %2d/%d  train loss %.5f  validation loss %.5f  validation RMSE %6.2f %s (%.1f s)%n",
                r.member(), r.members(), r.epoch(), r.maxEpochs(), r.trainLoss(), r.validationLoss(),
                r.validationRmse(), r.improved() ? "*" : " ", r.seconds());
        try (SequenceModel model = new SequenceTrainer(settings, threads).fit(data.training(), progress)) {
            double total = (System.nanoTime() - start) / 1e9;
            System.out.println("channels kept " + model.selection().kept() + "; dropped " + model.selection().dropped());
            for (ChannelSelection.ChannelStatistics c : model.selection().channels()) {
                System.out.printf(Locale.ROOT, "    %-10s std %.3f  mean within-unit |r| %.3f %s%n",
                        c.channel(), c.std(), c.meanAbsCorrelation(), c.kept() ? "kept" : "");
            }
            System.out.println("scalars kept " + model.scalarSelection().kept() + "; dropped "
                    + model.scalarSelection().dropped());
            for (SequenceModel.MemberSummary m : model.members()) {
                System.out.printf(Locale.ROOT, "  network seed %d: %d epochs, best epoch %d, validation RMSE %.2f on"
                        + " %d held-out units, %.0f s%n", m.seed(), m.epochs(), m.bestEpoch(), m.validationRmse(),
                        m.fold().validation().size(), m.seconds());
            }
            System.out.printf(Locale.ROOT, "  validation RMSE pooled over the networks' folds (all cycles): %.2f%n",
                    model.validationRmse());
            System.out.printf(Locale.ROOT, "  training %.0f s (networks), %.0f s including reading and feature extraction%n",
                    model.seconds(), total);
            if (validationOnly) {
                return;
            }
            CmapssProtocol.Evaluation e = CmapssProtocol.evaluate(data.subset(), model, data.training(), data.test(),
                    data.testRul());
            String name = settings.architecture().type() + " x" + model.members().size();
            System.out.print(e.format(name));
            if (registry != null) {
                checkBundle(registry, data, model, e);
            }
        }
    }

    private static void checkBundle(Path root, CmapssData data, SequenceModel model, CmapssProtocol.Evaluation e)
            throws Exception {
        ObjectNode metrics = JsonNodeFactory.instance.objectNode();
        metrics.put("rmseCapped", e.model().rmseCapped());
        metrics.put("rmse", e.model().rmse());
        metrics.put("phm08", e.model().phm08());
        metrics.put("baselineMeanRmseCapped", e.meanRul().rmseCapped());
        metrics.put("baselineLinearRmseCapped", e.linear().rmseCapped());
        Files.createDirectories(root);
        ModelRegistry registry = new ModelRegistry(root);
        String name = "cmapss-" + data.subset().toLowerCase(Locale.ROOT) + "-" + model.settings().architecture().type();
        BundleRef ref = registry.publish(model.bundle(name, data.spec(), data.labeler(), "cycle", data.fingerprint(),
                metrics));
        LoadedBundle bundle = registry.load(ref.name() + ":" + ref.version());
        int[] last = CmapssProtocol.lastCycleRows(data.test());
        double[][] rows = Arrays.stream(last).mapToObj(data.test()::row).toArray(double[][]::new);
        try (Predictor p = Dl4jPredictor.load(bundle)) {
            double[] served = ((Predictions.Values) p.predict(rows)).values();
            double maxDiff = 0;
            for (int i = 0; i < served.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(served[i] - e.predicted()[i]));
            }
            System.out.printf(Locale.ROOT, "  bundle %s: reloaded, max |served - trained| = %.2e cycles%n",
                    bundle.directory(), maxDiff);
        }
    }
}
