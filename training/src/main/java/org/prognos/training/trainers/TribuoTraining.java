package org.prognos.training.trainers;

import java.util.Arrays;
import java.util.List;
import org.prognos.models.tribuo.TribuoExamples;
import org.prognos.training.data.LabeledRows;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.tree.ExtraTreesTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

/**
 * Trains a {@link TribuoFamily} on labelled rows. Examples are built by {@link TribuoExamples} — the same
 * code that builds them at serving time — so missing values ({@code NaN}) are absent features in both.
 * Class imbalance is handled with example weights computed on the training rows only ("balanced":
 * N / (K · n_k)); linear models standardize features with statistics of the training rows only.
 */
public final class TribuoTraining {
    private TribuoTraining() {
    }

    /** A classifier over {@code classes} (label = class index into it). */
    public static Model<Label> classifier(TribuoFamily family, LabeledRows train, List<String> classes, long seed, int threads) {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance("prognos training rows", factory), factory);
        double[] weights = balancedWeights(train.classes(), classes.size());
        for (int i = 0; i < train.size(); i++) {
            var ex = TribuoExamples.of(train.columns(), train.x()[i], new Label(classes.get((int) train.y()[i])));
            ex.setWeight((float) weights[(int) train.y()[i]]);
            ds.add(ex);
        }
        Trainer<Label> trainer;
        if (family instanceof TribuoFamily.Xgboost x) {
            trainer = new XGBoostClassificationTrainer(XGBoostTrainer.BoosterType.GBTREE,
                    XGBoostTrainer.TreeMethod.HIST, x.trees(), x.eta(), x.gamma(), x.maxDepth(), x.minChildWeight(),
                    x.subsample(), x.colsample(), x.lambda(), 0, threads, XGBoostTrainer.LoggingVerbosity.SILENT, seed);
        } else if (family instanceof TribuoFamily.Forest f) {
            var cart = new CARTClassificationTrainer(f.maxDepth(), 1f, 0f, (float) f.featureFraction(), f.extraTrees(),
                    new GiniIndex(), seed);
            trainer = f.extraTrees() ? new ExtraTreesTrainer<>(cart, new FullyWeightedVotingCombiner(), f.trees(), seed)
                    : new RandomForestTrainer<>(cart, new FullyWeightedVotingCombiner(), f.trees(), seed);
        } else {
            trainer = standardized(new LogisticRegressionTrainer());
        }
        return trainer.train(ds);
    }

    /** A regressor of the single target {@code rul}. */
    public static Model<Regressor> regressor(TribuoFamily family, LabeledRows train, long seed, int threads) {
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> ds = new MutableDataset<>(new SimpleDataSourceProvenance("prognos training rows", factory), factory);
        for (int i = 0; i < train.size(); i++) {
            ds.add(TribuoExamples.of(train.columns(), train.x()[i], new Regressor("rul", train.y()[i])));
        }
        Trainer<Regressor> trainer;
        if (family instanceof TribuoFamily.Xgboost x) {
            trainer = new XGBoostRegressionTrainer(XGBoostTrainer.BoosterType.GBTREE,
                    XGBoostTrainer.TreeMethod.HIST, XGBoostRegressionTrainer.RegressionType.LINEAR, x.trees(), x.eta(),
                    x.gamma(), x.maxDepth(), x.minChildWeight(), x.subsample(), x.colsample(), x.lambda(), 0, threads,
                    XGBoostTrainer.LoggingVerbosity.SILENT, seed);
        } else if (family instanceof TribuoFamily.Forest f) {
            var cart = new CARTRegressionTrainer(f.maxDepth(), 3f, 0f, (float) f.featureFraction(), f.extraTrees(),
                    new MeanSquaredError(), seed);
            trainer = f.extraTrees() ? new ExtraTreesTrainer<>(cart, new AveragingCombiner(), f.trees(), seed)
                    : new RandomForestTrainer<>(cart, new AveragingCombiner(), f.trees(), seed);
        } else {
            TribuoFamily.Linear l = (TribuoFamily.Linear) family;
            trainer = standardized(new LinearSGDTrainer(new SquaredLoss(), new AdaGrad(l.learningRate()), l.epochs(), seed));
        }
        return trainer.train(ds);
    }

    private static <T extends org.tribuo.Output<T>> Trainer<T> standardized(Trainer<T> inner) {
        return new TransformTrainer<>(inner, new TransformationMap(List.of(new MeanStdDevTransformation())), true);
    }

    /** N / (K · n_k) per class, 1 for classes absent from the rows. */
    static double[] balancedWeights(int[] labels, int classes) {
        long[] n = new long[classes];
        for (int y : labels) {
            n[y]++;
        }
        double[] w = new double[classes];
        int present = (int) Arrays.stream(n).filter(c -> c > 0).count();
        for (int k = 0; k < classes; k++) {
            w[k] = n[k] == 0 ? 1 : labels.length / (double) (present * n[k]);
        }
        return w;
    }

}
