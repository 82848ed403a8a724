package org.prognos.models.tribuo;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.prognos.models.BundleFormatException;
import org.prognos.models.PredictionException;
import org.prognos.models.bundle.LoadedBundle;
import org.prognos.models.bundle.Task;
import org.prognos.models.predict.FeatureRows;
import org.prognos.models.predict.ModelInfo;
import org.prognos.models.predict.Predictions;
import org.prognos.models.predict.Predictor;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * Serves a Tribuo model stored in Tribuo's protobuf format ({@code tribuo-protobuf} payloads): {@link Label}
 * models for failure-within-horizon tasks (probabilities per class, in the manifest's class order) and
 * single-dimension {@link Regressor} models for remaining useful life.
 *
 * <p><b>Loading.</b> The payload bytes are read through {@link LoadedBundle#readVerified} (checksum checked on the
 * bytes used), parsed as a {@code ModelProto}, and the model class it names must be in
 * {@link #ALLOWED_MODEL_CLASSES} before Tribuo instantiates anything. Java deserialization is never used; nor is
 * {@code tribuo-classification-liblinear}, whose protobuf loader Java-deserializes part of the model, on the class
 * path. The model must then fit the manifest: the task's output type, classes among the task's classes, and feature names among the spec's columns.
 *
 * <p><b>Class probabilities.</b> Models that declare probabilities (XGBoost) are passed through unchanged. Models
 * that do not (CART trees report leaf class fractions, voting ensembles vote shares) have their non-negative scores
 * normalized to sum to 1; a negative score (a margin, not a vote) is refused at prediction time.
 *
 * <p><b>Missing values.</b> A {@code NaN} feature is omitted from the Tribuo example (see {@link TribuoExamples}):
 * XGBoost treats it as missing; sparse models (trees, linear) as 0, as in training. A row in which every feature the
 * model uses is {@code NaN} is refused: Tribuo cannot score an example with no known feature.
 */
public final class TribuoPredictor implements Predictor {
    /**
     * Top-level Tribuo model classes this adapter loads: gradient-boosted trees, CART trees and forests (weighted
     * ensembles), transformed (e.g. scaled) models, linear SGD models and Tribuo's dummy baselines. Any other class
     * named by a payload is refused before it is loaded.
     */
    public static final Set<String> ALLOWED_MODEL_CLASSES = Set.of(
            "org.tribuo.common.xgboost.XGBoostModel",
            "org.tribuo.common.tree.TreeModel",
            "org.tribuo.regression.rtree.IndependentRegressionTreeModel",
            "org.tribuo.ensemble.WeightedEnsembleModel",
            "org.tribuo.transform.TransformedModel",
            "org.tribuo.classification.sgd.linear.LinearSGDModel",
            "org.tribuo.regression.sgd.linear.LinearSGDModel",
            "org.tribuo.classification.baseline.DummyClassifierModel",
            "org.tribuo.regression.baseline.DummyRegressionModel");

    private final ModelInfo info;
    private final List<String> columns;
    private final boolean[] usedByModel;
    private final List<String> classes;
    private volatile Model<?> model;

    private TribuoPredictor(ModelInfo info, Model<?> model) {
        this.info = info;
        this.model = model;
        this.columns = info.featureColumns();
        this.classes = info.task().outputNames();
        ImmutableFeatureMap features = model.getFeatureIDMap();
        this.usedByModel = new boolean[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            usedByModel[c] = features.get(columns.get(c)) != null;
        }
    }

    /**
     * Loads the Tribuo model of a verified bundle and checks it fits the manifest.
     *
     * @throws BundleFormatException naming the bundle and the mismatch
     */
    public static TribuoPredictor load(LoadedBundle bundle) {
        String source = bundle.payloadPath().toString();
        Model<?> model = readModel(bundle.readVerified(bundle.manifest().payload().file()), source);
        ModelInfo info = ModelInfo.of(bundle.manifest());
        checkFits(model, info, source);
        return new TribuoPredictor(info, model);
    }

    /**
     * A predictor over an in-memory model (a training job evaluating what it is about to publish, through
     * the very code path serving will use). Checks the model fits {@code info}.
     */
    public static TribuoPredictor of(Model<?> model, ModelInfo info) {
        checkFits(model, info, "model " + info.reference());
        return new TribuoPredictor(info, model);
    }

    /**
     * Parses a Tribuo protobuf model, refusing model classes outside {@link #ALLOWED_MODEL_CLASSES}.
     *
     * @param source names the bytes in error messages
     * @throws BundleFormatException when the bytes are not such a model
     */
    public static Model<?> readModel(byte[] bytes, String source) {
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new BundleFormatException(source + ": not a Tribuo protobuf model: " + e.getMessage(), e);
        }
        String cls = proto.getClassName();
        if (!ALLOWED_MODEL_CLASSES.contains(cls)) {
            throw new BundleFormatException(source + ": Tribuo model class '" + cls + "' is not one this adapter loads;"
                    + " allowed: " + new TreeSet<>(ALLOWED_MODEL_CLASSES));
        }
        try {
            return Model.deserialize(proto);
        } catch (RuntimeException | LinkageError e) {
            throw new BundleFormatException(source + ": Tribuo cannot load the " + cls + " it holds: " + e, e);
        }
    }

    private static void checkFits(Model<?> model, ModelInfo info, String source) {
        Task task = info.task();
        Set<String> columns = new HashSet<>(info.featureColumns());
        List<String> unknown = new ArrayList<>();
        for (VariableInfo v : model.getFeatureIDMap()) {
            if (!columns.contains(v.getName())) {
                unknown.add(v.getName());
            }
        }
        if (!unknown.isEmpty()) {
            throw new BundleFormatException(source + ": the model uses features " + head(unknown) + " that are not"
                    + " among the spec's columns; it was trained on other features");
        }
        if (task.isClassification()) {
            if (!model.validate(Label.class)) {
                throw new BundleFormatException(source + ": the task is classification but the model predicts "
                        + outputType(model));
            }
            List<String> extra = new ArrayList<>();
            for (Object o : model.getOutputIDInfo().getDomain()) {
                String label = ((Label) o).getLabel();
                if (!task.outputNames().contains(label)) {
                    extra.add(label);
                }
            }
            if (!extra.isEmpty()) {
                throw new BundleFormatException(source + ": the model predicts classes " + extra + " that the task's"
                        + " classes " + task.outputNames() + " do not include");
            }
        } else {
            if (!model.validate(Regressor.class)) {
                throw new BundleFormatException(source + ": the task is regression but the model predicts "
                        + outputType(model));
            }
            if (model.getOutputIDInfo().size() != 1) {
                throw new BundleFormatException(source + ": the model predicts " + model.getOutputIDInfo().size()
                        + " regression dimensions; remaining useful life is one");
            }
        }
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public Predictions predict(double[][] featureRows) {
        Model<?> m = model;
        if (m == null) {
            throw new PredictionException("predictor " + info.reference() + " is closed");
        }
        FeatureRows.check(featureRows, columns);
        for (int r = 0; r < featureRows.length; r++) {
            requireUsableFeature(featureRows[r], r);
        }
        if (info.task().isClassification()) {
            return classify(m.castModel(Label.class), featureRows);
        }
        return regress(m.castModel(Regressor.class), featureRows);
    }

    private Predictions classify(Model<Label> m, double[][] rows) {
        List<org.tribuo.Prediction<Label>> out = m.predict(examples(rows, LabelFactory.UNKNOWN_LABEL));
        boolean normalize = !m.generatesProbabilities();
        double[][] probabilities = new double[rows.length][classes.size()];
        for (int r = 0; r < rows.length; r++) {
            Map<String, Label> scores = out.get(r).getOutputScores();
            double sum = 0;
            for (int c = 0; c < classes.size(); c++) {
                Label l = scores.get(classes.get(c));
                double score = l == null ? 0 : l.getScore();
                if (normalize && !(score >= 0)) {
                    throw new PredictionException("row " + r + ": model " + info.reference() + " scored class '"
                            + classes.get(c) + "' " + score + "; scores that are not probabilities must be"
                            + " non-negative votes or fractions");
                }
                probabilities[r][c] = score;
                sum += score;
            }
            if (normalize && sum > 0) {
                for (int c = 0; c < classes.size(); c++) {
                    probabilities[r][c] /= sum;
                }
            }
        }
        return new Predictions.Probabilities(classes, probabilities);
    }

    private Predictions regress(Model<Regressor> m, double[][] rows) {
        List<org.tribuo.Prediction<Regressor>> out = m.predict(examples(rows, RegressionFactory.UNKNOWN_REGRESSOR));
        double[] values = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            values[r] = out.get(r).getOutput().getValues()[0];
        }
        return new Predictions.Values(values);
    }

    private <T extends Output<T>> List<Example<T>> examples(double[][] rows, T unknown) {
        List<Example<T>> examples = new ArrayList<>(rows.length);
        for (double[] row : rows) {
            examples.add(TribuoExamples.of(columns, row, unknown));
        }
        return examples;
    }

    private void requireUsableFeature(double[] row, int r) {
        for (int c = 0; c < row.length; c++) {
            if (usedByModel[c] && !Double.isNaN(row[c])) {
                return;
            }
        }
        throw new PredictionException("row " + r + " has no value for any feature the model " + info.reference()
                + " uses (all NaN); a Tribuo model cannot score it");
    }

    /** Drops the model; its native memory (XGBoost boosters) is freed when it is collected. */
    @Override
    public void close() {
        model = null;
    }

    private static String outputType(Model<?> model) {
        if (model.validate(Label.class)) {
            return "Label outputs";
        }
        if (model.validate(Regressor.class)) {
            return "Regressor outputs";
        }
        return model.getOutputIDInfo().getDomain().stream().findFirst()
                .map(o -> o.getClass().getSimpleName() + " outputs").orElse("no outputs");
    }

    private static String head(List<String> names) {
        return names.size() <= 5 ? names.toString() : names.subList(0, 5) + " and " + (names.size() - 5) + " more";
    }
}
