package org.prognos.models.tribuo;

import java.util.List;
import org.prognos.models.Fixtures;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

/** Tiny Tribuo models trained on {@link Fixtures#rows} with examples built by {@link TribuoExamples}. */
public final class TrainedModels {
    static final int TREES = 5;
    static final int ROWS = 200;
    static final long SEED = 7;

    private TrainedModels() {
    }

    public static MutableDataset<Label> failureData(List<String> columns, double[][] x) {
        LabelFactory f = new LabelFactory();
        MutableDataset<Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance("synthetic failures", f), f);
        double[] y = Fixtures.failureLabels(x);
        for (int r = 0; r < x.length; r++) {
            ds.add(TribuoExamples.of(columns, x[r], new Label(y[r] == 1 ? "failure" : "none")));
        }
        return ds;
    }

    public static MutableDataset<Regressor> rulData(List<String> columns, double[][] x) {
        RegressionFactory f = new RegressionFactory();
        MutableDataset<Regressor> ds = new MutableDataset<>(new SimpleDataSourceProvenance("synthetic rul", f), f);
        double[] y = Fixtures.rulLabels(x);
        for (int r = 0; r < x.length; r++) {
            ds.add(TribuoExamples.of(columns, x[r], new Regressor("rul", y[r])));
        }
        return ds;
    }

    public static Model<Label> xgbClassifier(List<String> columns) {
        return new XGBoostClassificationTrainer(TREES).train(failureData(columns, Fixtures.rows(ROWS, SEED)));
    }

    public static Model<Regressor> xgbRegressor(List<String> columns) {
        return new XGBoostRegressionTrainer(TREES).train(rulData(columns, Fixtures.rows(ROWS, SEED)));
    }

    public static Model<Label> cartClassifier(List<String> columns) {
        return new CARTClassificationTrainer(4).train(failureData(columns, Fixtures.rows(ROWS, SEED)));
    }

    public static Model<Regressor> cartRegressor(List<String> columns) {
        return new CARTRegressionTrainer(4).train(rulData(columns, Fixtures.rows(ROWS, SEED)));
    }
}
