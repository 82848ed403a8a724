package org.prognos.models.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.prognos.models.BundleFormatException;
import org.prognos.models.PredictionException;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.Task;
import org.prognos.models.predict.FeatureRows;
import org.prognos.models.predict.ModelInfo;
import org.prognos.models.predict.Predictions;
import org.prognos.models.predict.Predictor;

/**
 * Serves a {@code dl4j-zip} payload: a {@link SequenceEnsemble} of DL4J networks over a {@code sequence} feature
 * group, predicting remaining useful life in the task's unit (cycles for C-MAPSS), clipped to [0, cap].
 *
 * <p>{@link org.prognos.models.predict.Predictors#standard()} loads {@code dl4j-zip} bundles with it, through
 * {@link Dl4jPredictorFactory}.
 *
 * <p><b>Loading.</b> {@value SequenceEnsembleJson#FILE} and every member zip are read through
 * {@link LoadedBundle#readVerified} (checksums checked on the bytes used); networks are restored by
 * {@link Dl4jZip#read}, which never lets DL4J Java-deserialize anything. Each network is then probed with one
 * all-zero input and must return one value per row, so a payload whose network does not fit its declared input
 * fails at load time, not at the first request.
 *
 * <p><b>Rows.</b> Checked by {@link FeatureRows#check}; {@code NaN} sequence values become the training mean (see
 * {@link SequenceInput}). Predictions go through {@link SequenceEnsemble#predict}, the same code training evaluates.
 */
public final class Dl4jPredictor implements Predictor {
    private final ModelInfo info;
    private final SequenceEnsemble ensemble;
    private final int[] indices;

    private Dl4jPredictor(ModelInfo info, SequenceEnsemble ensemble, int[] indices) {
        this.info = info;
        this.ensemble = ensemble;
        this.indices = indices;
    }

    /**
     * Loads the networks of a verified bundle and checks they fit its task and feature columns.
     *
     * @throws BundleFormatException naming the bundle file and the mismatch
     */
    public static Dl4jPredictor load(LoadedBundle bundle) {
        ModelInfo info = ModelInfo.of(bundle.manifest());
        String source = bundle.directory().resolve(SequenceEnsembleJson.FILE).toString();
        if (!(info.task() instanceof Task.RemainingUsefulLife rul)) {
            throw new BundleFormatException(bundle.payloadPath() + ": a DL4J sequence model predicts remaining"
                    + " useful life; the bundle's task needs class probabilities over " + info.task().outputNames());
        }
        SequenceEnsembleJson.Descriptor d = SequenceEnsembleJson.parse(bundle.readVerified(SequenceEnsembleJson.FILE),
                source);
        if (!d.networks().get(0).equals(bundle.manifest().payload().file())) {
            throw new BundleFormatException(source + ": the first network is '" + d.networks().get(0)
                    + "' but the manifest's payload file is '" + bundle.manifest().payload().file() + "'");
        }
        int[] indices = d.input().indicesIn(info.featureColumns());
        List<MultiLayerNetwork> networks = new ArrayList<>();
        try {
            for (String file : d.networks()) {
                networks.add(Dl4jZip.read(bundle.readVerified(file), bundle.directory().resolve(file).toString()));
            }
        } catch (RuntimeException e) {
            networks.forEach(MultiLayerNetwork::close);
            throw e;
        }
        SequenceEnsemble ensemble = new SequenceEnsemble(networks, d.input(), d.outputScale(), rul.cap());
        try {
            ensemble.predictEncoded(new float[d.input().width()], 1);
        } catch (RuntimeException e) {
            ensemble.close();
            throw new BundleFormatException(bundle.payloadPath() + ": the networks do not take the declared input of "
                    + d.input().depth() + " channels by " + d.input().window() + " positions: " + e.getMessage(), e);
        }
        return new Dl4jPredictor(info, ensemble, indices);
    }

    /**
     * Serves networks still in memory (a job evaluating the model it just trained, before publishing it): the same
     * prediction path as a loaded bundle. Closing the predictor closes {@code ensemble}.
     *
     * @throws BundleFormatException when {@code info}'s columns lack the ensemble's input or its task is not
     *                               remaining useful life
     */
    public static Dl4jPredictor of(SequenceEnsemble ensemble, ModelInfo info) {
        if (!(info.task() instanceof Task.RemainingUsefulLife)) {
            throw new BundleFormatException("a DL4J sequence model predicts remaining useful life, not "
                    + info.task().outputNames());
        }
        return new Dl4jPredictor(info, ensemble, ensemble.input().indicesIn(info.featureColumns()));
    }

    /** The input layout and standardization the networks take. */
    public SequenceInput input() {
        return ensemble.input();
    }

    /** The number of member networks averaged. */
    public int members() {
        return ensemble.size();
    }

    /** The upper clip of predictions (the task's cap). */
    public OptionalDouble cap() {
        return ensemble.cap();
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public Predictions predict(double[][] featureRows) {
        FeatureRows.check(featureRows, info.featureColumns());
        try {
            return new Predictions.Values(ensemble.predict(featureRows, indices));
        } catch (PredictionException e) {
            throw new PredictionException("predictor " + info.reference() + ": " + e.getMessage(), e);
        }
    }

    /** Releases the networks' native memory (parameters, workspaces); later predictions fail. */
    @Override
    public void close() {
        ensemble.close();
    }
}
