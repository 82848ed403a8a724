package org.prognos.training.anomaly;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.prognos.PrognosException;
import org.prognos.models.anomaly.AutoencoderDetector;

/**
 * Trains the dense autoencoder of {@link DetectorSettings.Autoencoder} with DL4J and hands its weights to an
 * {@link AutoencoderDetector}, which scores rows without DL4J.
 *
 * <p><b>Rows.</b> The network reads the columns that vary on the normal training rows (a column left out by the
 * scaling is 0 on every row and would only teach the network to output 0). The last {@value #STOP_FRACTION} of the
 * rows, in the order the job gives them (sorted by asset, then time: so mostly whole assets), are held out for early
 * stopping; the rest are trained on in seeded shuffled minibatches. The weights of the epoch with the lowest held-out
 * mean squared error are kept. Neither set is the job's calibration set: those rows (other assets) never reach here.
 *
 * <p><b>Determinism.</b> Double precision; weights initialized from the seed (Xavier), minibatch order from a
 * {@link SplittableRandom} of the same seed; with {@code OMP_NUM_THREADS=1} a refit gives the same weights.
 */
final class AutoencoderTrainer {
    /** The share of the normal training rows held out to stop training. */
    static final double STOP_FRACTION = 0.15;
    /** Fewer normal training rows than this cannot both train and stop a network. */
    static final int MIN_ROWS = 10;
    private static final int EVAL_BATCH = 4096;

    private AutoencoderTrainer() {
    }

    /** Trains on {@code z}; tells {@code log} the rows used and the epoch training stopped at. */
    static AutoencoderDetector fit(DetectorSettings.Autoencoder s, double[][] z, long seed, Consumer<String> log) {
        if (z.length < MIN_ROWS) {
            throw new PrognosException("the autoencoder needs at least " + MIN_ROWS + " normal training rows, found "
                    + z.length + " (check 'task.normal')");
        }
        int columns = z[0].length;
        int[] inputs = varying(z, columns);
        if (inputs.length == 0) {
            throw new PrognosException("every feature column is constant on the normal training rows: the autoencoder has"
                    + " nothing to learn");
        }
        double[][] x = new double[z.length][inputs.length];
        for (int r = 0; r < z.length; r++) {
            for (int i = 0; i < inputs.length; i++) {
                x[r][i] = z[r][inputs[i]];
            }
        }
        int stop = Math.max(1, (int) Math.round(STOP_FRACTION * x.length));
        int train = x.length - stop;
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(s, inputs.length, seed));
        try {
            net.init();
            Stop ended = train(net, x, train, s, seed);
            log.accept(String.format(java.util.Locale.ROOT, "autoencoder: %d inputs, %d rows trained, %d held out to stop;"
                    + " %d epochs (at most %d), kept epoch %d, held-out squared error %.4g per row", inputs.length, train,
                    x.length - train, ended.epochs(), s.maxEpochs(), ended.bestEpoch(), ended.bestLoss()));
            return new AutoencoderDetector(columns, inputs, layers(net));
        } finally {
            net.close();
        }
    }

    /** inputs → hidden → bottleneck → hidden (tanh) → inputs (identity), MSE, Adam, Xavier, double precision. */
    static MultiLayerConfiguration configuration(DetectorSettings.Autoencoder s, int inputs, long seed) {
        int bottleneck = Math.max(1, Math.min(s.bottleneck(), inputs - 1));
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .updater(new Adam(s.learningRate()))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(inputs).nOut(s.hidden()).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nIn(s.hidden()).nOut(bottleneck).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nIn(bottleneck).nOut(s.hidden()).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(s.hidden()).nOut(inputs)
                        .activation(Activation.IDENTITY).build())
                .build();
    }

    /** How training ended: epochs run, the epoch kept and its held-out loss. */
    private record Stop(int epochs, int bestEpoch, double bestLoss) {
    }

    /** Epochs of shuffled minibatches on rows [0, train); keeps the parameters of the best held-out epoch. */
    private static Stop train(MultiLayerNetwork net, double[][] x, int train, DetectorSettings.Autoencoder s, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] order = new int[train];
        for (int i = 0; i < train; i++) {
            order[i] = i;
        }
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        INDArray bestParams = null;
        int epochs = 0;
        try {
            for (int epoch = 1; epoch <= s.maxEpochs() && epoch - bestEpoch <= s.patience(); epoch++) {
                epochs = epoch;
                for (int i = order.length - 1; i > 0; i--) {
                    int j = rng.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                for (int from = 0; from < order.length; from += s.batchSize()) {
                    int size = Math.min(s.batchSize(), order.length - from);
                    try (INDArray b = batch(x, order, from, size)) {
                        net.fit(b, b);
                    }
                }
                double loss = heldOutLoss(net, x, train);
                if (loss < best) {
                    best = loss;
                    bestEpoch = epoch;
                    if (bestParams != null) {
                        bestParams.close();
                    }
                    bestParams = net.params().dup();
                }
            }
            if (bestParams != null) {
                net.setParams(bestParams);
            }
            return new Stop(epochs, bestEpoch, best);
        } finally {
            if (bestParams != null) {
                bestParams.close();
            }
        }
    }

    /** Mean squared reconstruction error per row on rows [from, end). */
    private static double heldOutLoss(MultiLayerNetwork net, double[][] x, int from) {
        double sum = 0;
        for (int start = from; start < x.length; start += EVAL_BATCH) {
            int size = Math.min(EVAL_BATCH, x.length - start);
            int[] idx = new int[size];
            for (int i = 0; i < size; i++) {
                idx[i] = start + i;
            }
            try (INDArray b = batch(x, idx, 0, size); INDArray out = net.output(b, false)) {
                double[][] r = out.toDoubleMatrix();
                for (int i = 0; i < size; i++) {
                    for (int c = 0; c < r[i].length; c++) {
                        double e = x[start + i][c] - r[i][c];
                        sum += e * e;
                    }
                }
            }
        }
        return sum / (x.length - from);
    }

    private static INDArray batch(double[][] x, int[] order, int from, int size) {
        int d = x[0].length;
        double[] flat = new double[size * d];
        for (int i = 0; i < size; i++) {
            System.arraycopy(x[order[from + i]], 0, flat, i * d, d);
        }
        return Nd4j.create(flat, new long[] {size, d}, 'c');
    }

    /** The trained layers as plain arrays: DL4J's W is [in, out], ours [out][in]. */
    static List<AutoencoderDetector.Layer> layers(MultiLayerNetwork net) {
        List<AutoencoderDetector.Layer> out = new ArrayList<>();
        int n = net.getnLayers();
        for (int l = 0; l < n; l++) {
            double[][] w = net.getLayer(l).getParam("W").toDoubleMatrix();
            double[] b = net.getLayer(l).getParam("b").toDoubleVector();
            double[][] t = new double[w[0].length][w.length];
            for (int i = 0; i < w.length; i++) {
                for (int j = 0; j < w[i].length; j++) {
                    t[j][i] = w[i][j];
                }
            }
            out.add(new AutoencoderDetector.Layer(t, b, l == n - 1 ? AutoencoderDetector.Activation.IDENTITY
                    : AutoencoderDetector.Activation.TANH));
        }
        return out;
    }

    /** The columns with more than one value on the rows. */
    private static int[] varying(double[][] z, int columns) {
        return java.util.stream.IntStream.range(0, columns).filter(c -> {
            for (double[] row : z) {
                if (row[c] != z[0][c]) {
                    return true;
                }
            }
            return false;
        }).toArray();
    }
}
