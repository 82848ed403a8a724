package org.prognos.training.sequence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.extract.FeatureTable;
import org.prognos.models.dl4j.SequenceEnsemble;
import org.prognos.models.dl4j.SequenceInput;

/**
 * Trains a sequence model (LSTM or 1-D CNN, per {@link SequenceSettings}) for remaining useful life: an ensemble of
 * networks, each stopped early on its own held-out fold of training assets.
 *
 * <p><b>What is fitted on what.</b> The feature spec (per-regime normalization) is fitted by the caller on training
 * telemetry. Here, on the labelled training rows: the channel selection ({@link ChannelSelectionRule}) and the
 * standardization of each kept channel (DL4J's {@link NormalizerStandardize}: mean and standard deviation over every
 * row and window position). The training assets are then cut into {@code k = round(1 / validationFraction)} folds of
 * whole assets ({@link AssetFold#folds}, seeded); network m learns {@code rul / cap} on the other folds and fold
 * {@code m mod k} only decides when it stops. With as many networks as folds, every training asset is learned by all
 * networks but one, and every network is validated on assets it never saw. Nothing here reads test data.
 *
 * <p><b>Training.</b> Each network runs epochs of minibatches in a seeded shuffled order (Adam, learning rate decayed
 * per epoch), computes after each epoch the validation loss of its clipped outputs, stops after {@code patience}
 * epochs without improvement and keeps the weights of its best epoch. The listener hears every epoch. Networks train
 * one after the other, or several at once with {@link #SequenceTrainer(SequenceSettings, int)}.
 *
 * <p><b>Determinism.</b> The folds, the minibatch order and weight initialization follow the seed (network m uses
 * {@code seed + m}). Dropout draws from the training thread's ND4J generator, which DL4J reseeds from the network
 * seed when it initializes the network; each network is built and trained on one thread, so the result does not
 * depend on how many threads train. With {@code OMP_NUM_THREADS=1} two runs on one machine give the same weights;
 * with several native threads, parallel reductions may change the last bits and, over many epochs, the results a
 * little. Different CPUs (ND4J picks instruction sets at run time) can differ in the same way.
 */
public final class SequenceTrainer {
    /** Rows per forward pass when computing validation loss. */
    private static final int EVAL_BATCH = 4096;

    private final SequenceSettings settings;
    private final int threads;

    /** A trainer that trains the ensemble's networks one after the other. */
    public SequenceTrainer(SequenceSettings settings) {
        this(settings, 1);
    }

    /**
     * A trainer that trains up to {@code threads} networks of the ensemble at once, each on its own thread (with
     * {@code OMP_NUM_THREADS=1}, about one core each). The result does not depend on {@code threads}.
     */
    public SequenceTrainer(SequenceSettings settings, int threads) {
        if (settings == null) {
            throw new InvalidSpecException("sequence settings are required");
        }
        if (threads < 1) {
            throw new InvalidSpecException("threads must be at least 1, found " + threads);
        }
        this.settings = settings;
        this.threads = threads;
    }

    /** The settings. */
    public SequenceSettings settings() {
        return settings;
    }

    /**
     * Trains on {@code examples}, telling {@code listener} about every epoch (from the training threads, one call
     * at a time).
     *
     * @throws SequenceTrainingException when no channel passes the selection rule, a fold has no labelled row, or
     *                                   DL4J fails
     */
    public SequenceModel fit(RulExamples examples, EpochListener listener) {
        long start = System.nanoTime();
        TrainingSettings t = settings.training();
        FeatureTable table = examples.table();
        SequenceColumns seq = SequenceColumns.of(table.columns());
        double[] rul = examples.rul();
        boolean[] all = new boolean[table.size()];
        Arrays.fill(all, true);
        ChannelSelection selection = ChannelSelection.fit(settings.channels(), table, rul, all, seq.channels(),
                seq.window());
        if (selection.kept().isEmpty()) {
            throw new SequenceTrainingException("no channel passes the selection rule " + settings.channels() + ": "
                    + selection.channels());
        }
        ChannelSelection scalarSelection = ChannelSelection.fitScalars(settings.channels(), table, rul, all,
                scalarCandidates(settings.scalars(), table.columns()));
        SequenceInput input = input(selection, scalarSelection.kept(), seq.window(), table, rul);
        Encoded data = encode(table, rul, examples.cap(), input);
        int foldCount = (int) Math.max(2, Math.round(1 / t.validationFraction()));
        List<AssetFold> folds = AssetFold.folds(table.assetOrder(), foldCount, t.seed());
        int members = t.members();
        List<AssetFold> memberFolds = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            memberFolds.add(folds.get(m % foldCount));
        }

        MultiLayerNetwork[] networks = new MultiLayerNetwork[members];
        SequenceModel.MemberSummary[] summaries = new SequenceModel.MemberSummary[members];
        List<List<EpochReport>> histories = new ArrayList<>();
        EpochListener shared = report -> {
            synchronized (listener) {
                listener.epochFinished(report);
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, members), runnable -> {
            Thread th = new Thread(runnable, "prognos-sequence-training");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<List<EpochReport>>> done = new ArrayList<>();
            for (int m = 0; m < members; m++) {
                int member = m;
                done.add(pool.submit(() -> {
                    long memberStart = System.nanoTime();
                    long seed = t.seed() + member;
                    AssetFold fold = memberFolds.get(member);
                    int[] fitRows = data.rowsOf(fold.fit());
                    int[] valRows = data.rowsOf(fold.validation());
                    if (fitRows.length == 0 || valRows.length == 0) {
                        throw new SequenceTrainingException("network " + (member + 1) + " has " + fitRows.length
                                + " labelled rows to fit and " + valRows.length + " to validate on; it needs both");
                    }
                    // built, initialized and trained on this thread: DL4J seeds this thread's ND4J generator
                    MultiLayerNetwork net = new MultiLayerNetwork(settings.architecture()
                            .configuration(input.depth(), input.window(), t, seed));
                    networks[member] = net;
                    net.init();
                    List<EpochReport> reports = train(net, data, fitRows, valRows, seed, member + 1, examples.cap(),
                            shared);
                    EpochReport best = reports.get(reports.get(reports.size() - 1).bestEpoch() - 1);
                    summaries[member] = new SequenceModel.MemberSummary(seed, fold, reports.size(), best.epoch(),
                            valRows.length, best.validationRmse(), (System.nanoTime() - memberStart) / 1e9);
                    return reports;
                }));
            }
            for (Future<List<EpochReport>> f : done) {
                histories.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeAll(networks);
            throw new SequenceTrainingException("training interrupted", e);
        } catch (ExecutionException e) {
            closeAll(networks);
            Throwable cause = e.getCause();
            if (cause instanceof SequenceTrainingException ste) {
                throw ste;
            }
            throw new SequenceTrainingException("training the " + settings.architecture().type() + " failed: " + cause,
                    cause);
        } finally {
            pool.shutdownNow();
        }
        List<EpochReport> history = histories.stream().flatMap(List::stream).toList();
        SequenceEnsemble ensemble = new SequenceEnsemble(List.of(networks), input, examples.cap(),
                OptionalDouble.of(examples.cap()));
        return new SequenceModel(ensemble, settings, selection, scalarSelection, List.of(summaries), history,
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * The feature columns {@code patterns} name besides the sequences, in column order: a pattern is a column name, or
     * a glob where {@code *} stands for any characters ({@code *_ewma_0.1}; {@code *} alone takes every column that
     * is not a sequence position).
     *
     * @throws SequenceTrainingException when a pattern names no column
     */
    static List<String> scalarCandidates(List<String> patterns, List<String> columns) {
        List<String> others = columns.stream().filter(c -> !c.matches(".+_seq_\\d+")).toList();
        Set<String> matched = new HashSet<>();
        for (String p : patterns) {
            Pattern glob = Pattern.compile(
                    Arrays.stream(p.split("\\*", -1)).map(Pattern::quote)
                            .collect(Collectors.joining(".*")));
            List<String> hits = others.stream().filter(c -> glob.matcher(c).matches()).toList();
            if (hits.isEmpty()) {
                throw new SequenceTrainingException("scalars " + List.of(p) + " are not columns of the feature rows;"
                        + " the spec emits " + others + " besides the sequences");
            }
            matched.addAll(hits);
        }
        return others.stream().filter(matched::contains).toList();
    }

    private static void closeAll(MultiLayerNetwork[] networks) {
        for (MultiLayerNetwork n : networks) {
            if (n != null) {
                n.close();
            }
        }
    }

    /**
     * The kept channels and the scalars with their standardization, fitted by DL4J's {@link NormalizerStandardize} on
     * the labelled training rows' raw (per-regime-normalized) windows: mean and standard deviation per channel over
     * every row and every window position (for a scalar, over the rows). Only the two arrays are kept, in
     * {@code sequence-model.json}; the normalizer itself is never serialized.
     */
    private static SequenceInput input(ChannelSelection selection, List<String> scalars, int window, FeatureTable table,
                                       double[] rul) {
        List<String> kept = selection.kept();
        int depth = kept.size() + scalars.size();
        double[] zero = new double[depth];
        double[] one = new double[depth];
        Arrays.fill(one, 1.0);
        SequenceInput raw = new SequenceInput(window, kept, scalars, zero, one);
        int[] indices = raw.indicesIn(table.columns());
        int n = (int) Arrays.stream(rul).filter(v -> !Double.isNaN(v)).count();
        float[] x = new float[n * raw.width()];
        for (int i = 0, r = 0; i < table.size(); i++) {
            if (!Double.isNaN(rul[i])) {
                raw.encodeRow(table.row(i), indices, x, r++ * raw.width());
            }
        }
        NormalizerStandardize normalizer = new NormalizerStandardize();
        try (INDArray features = Nd4j.create(x, new long[] {n, depth, window}, 'c')) {
            normalizer.fit(new DataSet(features, null));
        }
        double[] mean = normalizer.getMean().toDoubleVector();
        double[] std = normalizer.getStd().toDoubleVector();
        for (int c = 0; c < std.length; c++) {
            std[c] = std[c] > 1e-12 && Double.isFinite(std[c]) ? std[c] : 1.0;
        }
        return new SequenceInput(window, kept, scalars, mean, std);
    }

    /**
     * The labelled rows, encoded once and shared read-only by every network: x holds rows × (channels × window)
     * values (NCW blocks), y the scaled targets, assets the asset of each row.
     */
    private record Encoded(float[] x, float[] y, String[] assets, int channels, int window) {
        int width() {
            return channels * window;
        }

        int[] rowsOf(List<String> wanted) {
            Set<String> set = new HashSet<>(wanted);
            return IntStream.range(0, assets.length).filter(i -> set.contains(assets[i])).toArray();
        }

        /** Rows {@code rows[from, from + size)} as one NCW array. */
        INDArray batch(int[] rows, int from, int size) {
            int width = width();
            float[] bx = new float[size * width];
            for (int i = 0; i < size; i++) {
                System.arraycopy(x, rows[from + i] * width, bx, i * width, width);
            }
            return Nd4j.create(bx, new long[] {size, channels, window}, 'c');
        }
    }

    private static Encoded encode(FeatureTable table, double[] rul, double cap, SequenceInput input) {
        int[] indices = input.indicesIn(table.columns());
        int n = (int) Arrays.stream(rul).filter(v -> !Double.isNaN(v)).count();
        int width = input.width();
        float[] x = new float[n * width];
        float[] y = new float[n];
        String[] assets = new String[n];
        int r = 0;
        for (int i = 0; i < table.size(); i++) {
            if (!Double.isNaN(rul[i])) {
                input.encodeRow(table.row(i), indices, x, r * width);
                y[r] = (float) (rul[i] / cap);
                assets[r] = table.asset(i);
                r++;
            }
        }
        return new Encoded(x, y, assets, input.depth(), input.window());
    }

    private List<EpochReport> train(MultiLayerNetwork net, Encoded data, int[] fitRows, int[] valRows, long seed,
                                    int member, double cap, EpochListener listener) {
        TrainingSettings t = settings.training();
        SplittableRandom rng = new SplittableRandom(seed);
        int[] order = fitRows.clone();
        List<EpochReport> reports = new ArrayList<>();
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        INDArray bestParams = null;
        try {
            for (int epoch = 1; epoch <= t.maxEpochs(); epoch++) {
                long epochStart = System.nanoTime();
                shuffle(order, rng);
                double lossSum = 0;
                for (int from = 0; from < order.length; from += t.batchSize()) {
                    int size = Math.min(t.batchSize(), order.length - from);
                    float[] by = new float[size];
                    for (int i = 0; i < size; i++) {
                        by[i] = data.y[order[from + i]];
                    }
                    try (INDArray x = data.batch(order, from, size);
                         INDArray y = Nd4j.create(by, new long[] {size, 1}, 'c')) {
                        net.fit(x, y);
                    }
                    lossSum += net.score() * size;
                }
                net.incrementEpochCount();
                double valLoss = loss(net, data, valRows);
                if (valLoss < bestLoss) {
                    bestLoss = valLoss;
                    bestEpoch = epoch;
                    if (bestParams != null) {
                        bestParams.close();
                    }
                    bestParams = net.params().dup();
                }
                EpochReport report = new EpochReport(member, t.members(), epoch, t.maxEpochs(),
                        lossSum / order.length, valLoss, Math.sqrt(valLoss) * cap, bestEpoch,
                        (System.nanoTime() - epochStart) / 1e9,
                        epoch - bestEpoch >= t.patience() || epoch == t.maxEpochs());
                reports.add(report);
                listener.epochFinished(report);
                if (report.stopping()) {
                    break;
                }
            }
            net.setParams(bestParams);
        } finally {
            if (bestParams != null) {
                bestParams.close();
            }
        }
        return reports;
    }

    /**
     * Mean squared error (scaled target) over {@code rows}, without dropout, of the outputs clipped to [0, 1] as
     * {@link SequenceEnsemble} clips predictions to [0, cap]: early stopping judges what will be served.
     */
    private static double loss(MultiLayerNetwork net, Encoded data, int[] rows) {
        double sum = 0;
        for (int from = 0; from < rows.length; from += EVAL_BATCH) {
            int size = Math.min(EVAL_BATCH, rows.length - from);
            try (INDArray x = data.batch(rows, from, size);
                 INDArray out = net.output(x, false)) {
                float[] p = out.toFloatVector();
                for (int i = 0; i < size; i++) {
                    double e = Math.min(1, Math.max(0, p[i])) - data.y[rows[from + i]];
                    sum += e * e;
                }
            }
        }
        return sum / rows.length;
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
