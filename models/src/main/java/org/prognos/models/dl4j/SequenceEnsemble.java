package org.prognos.models.dl4j;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.prognos.models.BundleFormatException;
import org.prognos.models.PredictionException;
import org.prognos.models.bundle.Payload;
import org.prognos.models.bundle.PayloadKind;

/**
 * One or more DL4J networks that map a {@link SequenceInput} block to a scaled remaining useful life, averaged: the
 * model behind a {@code dl4j-zip} payload, used the same way by training (to evaluate) and by
 * {@link Dl4jPredictor} (to serve). Each network takes {@code [rows, channels, window]} (NCW) and returns
 * {@code [rows, 1]}; the prediction is the members' mean times {@code outputScale} (a network trained on RUL / 125
 * has scale 125), clipped to [0, cap].
 *
 * <p>Owns its networks' native memory: {@link #close()} releases it. {@code predict} may be called from several
 * threads; calls are serialized (DL4J networks are not safe for concurrent inference), and must not race with close.
 */
public final class SequenceEnsemble implements AutoCloseable {
    /** The main payload file: the first network. */
    public static final String FIRST_NETWORK = "model.zip";

    private final List<MultiLayerNetwork> networks;
    private final SequenceInput input;
    private final double outputScale;
    private final OptionalDouble cap;
    private boolean closed;

    /**
     * @param networks    the members (this ensemble takes ownership and closes them)
     * @param input       how rows become network input
     * @param outputScale network output × scale = remaining life in the task's unit
     * @param cap         the upper clip of predictions, the label cap if training used one
     */
    public SequenceEnsemble(List<MultiLayerNetwork> networks, SequenceInput input, double outputScale,
                            OptionalDouble cap) {
        if (networks == null || networks.isEmpty() || input == null) {
            throw new BundleFormatException("a sequence ensemble needs at least one network and its input");
        }
        if (!(outputScale > 0) || !Double.isFinite(outputScale)) {
            throw new BundleFormatException("the output scale must be positive and finite, found " + outputScale);
        }
        this.networks = List.copyOf(networks);
        this.input = input;
        this.outputScale = outputScale;
        this.cap = cap == null ? OptionalDouble.empty() : cap;
    }

    /** How rows become network input. */
    public SequenceInput input() {
        return input;
    }

    /** Network output × scale = remaining life. */
    public double outputScale() {
        return outputScale;
    }

    /** The number of member networks. */
    public int size() {
        return networks.size();
    }

    /** The upper clip of predictions. */
    public OptionalDouble cap() {
        return cap;
    }

    /**
     * Predicts feature rows.
     *
     * @param indices where {@link SequenceInput#columns()} sit in the rows ({@link SequenceInput#indicesIn})
     */
    public double[] predict(double[][] rows, int[] indices) {
        return predictEncoded(input.encode(rows, indices), rows.length);
    }

    /**
     * Predicts feature rows with one member network alone (scaled and clipped as the ensemble's mean is). Training uses
     * it for out-of-fold estimates: each member stopped early on its own fold of training assets and never learned them,
     * so its estimates there are the calibration rows of a conformal interval. Serving always uses {@link #predict}.
     *
     * @param member 0-based, below {@link #size()}
     */
    public double[] predictMember(int member, double[][] rows, int[] indices) {
        if (member < 0 || member >= networks.size()) {
            throw new PredictionException("no member network " + member + " in an ensemble of " + networks.size());
        }
        return run(input.encode(rows, indices), rows.length, List.of(networks.get(member)));
    }

    /** Predicts rows already encoded by {@link SequenceInput#encode} ({@code rows} blocks of depth × window). */
    public double[] predictEncoded(float[] encoded, int rows) {
        return run(encoded, rows, networks);
    }

    /** The mean output of {@code nets} on encoded rows, scaled and clipped to [0, cap]. */
    private double[] run(float[] encoded, int rows, List<MultiLayerNetwork> nets) {
        int width = input.width();
        if (encoded.length != rows * width) {
            throw new PredictionException("expected " + rows + " encoded rows of " + width + " values, found "
                    + encoded.length + " values");
        }
        double[] sum = new double[rows];
        if (rows == 0) {
            return sum;
        }
        synchronized (this) {
            if (closed) {
                throw new PredictionException("the sequence model is closed");
            }
            try (INDArray x = Nd4j.create(encoded, new long[] {rows, input.depth(), input.window()}, 'c')) {
                for (MultiLayerNetwork net : nets) {
                    try (INDArray out = net.output(x, false)) {
                        if (out.rank() != 2 || out.size(0) != rows || out.size(1) != 1) {
                            throw new PredictionException("a member network returned shape "
                                    + Arrays.toString(out.shape()) + "; expected [" + rows + ", 1]");
                        }
                        double[] v = out.toDoubleVector();
                        for (int r = 0; r < rows; r++) {
                            sum[r] += v[r];
                        }
                    }
                }
            }
        }
        double upper = cap.orElse(Double.POSITIVE_INFINITY);
        for (int r = 0; r < rows; r++) {
            double rul = sum[r] / nets.size() * outputScale;
            sum[r] = Math.min(upper, Math.max(0, rul));
        }
        return sum;
    }

    /**
     * The bundle payload: {@value #FIRST_NETWORK} (then {@code model-2.zip}, … for further members) written by
     * {@link Dl4jZip#write}, and {@value SequenceEnsembleJson#FILE} with the input, scale and member files.
     */
    public Payload payload() {
        List<String> files = new ArrayList<>();
        for (int i = 0; i < networks.size(); i++) {
            files.add(i == 0 ? FIRST_NETWORK : "model-" + (i + 1) + ".zip");
        }
        String json = SequenceEnsembleJson.write(new SequenceEnsembleJson.Descriptor(SequenceEnsembleJson.FORMAT,
                input, outputScale, files));
        return new Payload(PayloadKind.DL4J_ZIP, FIRST_NETWORK, dir -> {
            synchronized (this) {
                for (int i = 0; i < networks.size(); i++) {
                    Dl4jZip.write(networks.get(i), dir.resolve(files.get(i)));
                }
            }
            Files.writeString(dir.resolve(SequenceEnsembleJson.FILE), json + "\n");
        });
    }

    /** Releases the networks' parameters and workspaces; later predictions fail. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            for (MultiLayerNetwork net : networks) {
                net.close();
            }
        }
    }
}
