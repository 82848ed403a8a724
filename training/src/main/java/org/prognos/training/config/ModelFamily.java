package org.prognos.training.config;

/**
 * The model families a job can name ({@code model.family}): the Tribuo families, trained on feature rows, the
 * DL4J sequence families, trained on windows of each channel, and the anomaly detectors, fitted on normal rows
 * without labels ({@code task.type: anomaly}). Written in a config by its {@link #toString() name}.
 */
public enum ModelFamily {
    /** Gradient-boosted trees (XGBoost). */
    XGBOOST,
    /** Random forest (CART members). */
    RANDOM_FOREST,
    /** Extra trees (random split points). */
    EXTRA_TREES,
    /** Logistic regression: failure-within-horizon tasks. */
    LOGISTIC,
    /** Linear regression: remaining-useful-life tasks. */
    LINEAR,
    /** A 1-D convolutional network over the last cycles of each channel (remaining useful life). */
    CNN,
    /** An LSTM over the last cycles of each channel (remaining useful life). */
    LSTM,
    /** Anomaly: PCA of the normal rows, scored with Hotelling T² and Q (SPE). */
    PCA,
    /** Anomaly: distance to the nearest remembered normal rows (MSET-like similarity). */
    KNN,
    /** Anomaly baseline: the largest per-feature z-score. */
    ZSCORE,
    /** Anomaly: an isolation forest (random trees on subsamples of normal rows; short paths are anomalous). */
    ISOLATION_FOREST,
    /** Anomaly: a dense autoencoder (DL4J) over the feature row; the reconstruction error is the score. */
    AUTOENCODER;

    /**
     * Whether this family is an anomaly detector ({@code pca}, {@code knn}, {@code zscore}, {@code isolation-forest},
     * {@code autoencoder}), trained by the anomaly job.
     */
    public boolean isAnomaly() {
        return this == PCA || this == KNN || this == ZSCORE || this == ISOLATION_FOREST || this == AUTOENCODER;
    }

    /** Whether this family is a sequence model ({@code cnn}, {@code lstm}), trained by the sequence job. */
    public boolean isSequence() {
        return this == CNN || this == LSTM;
    }

    /**
     * The family a config names.
     *
     * @throws org.prognos.features.InvalidSpecException naming {@code model.family} and every family
     */
    public static ModelFamily parse(String name) {
        return WireNames.parse(ModelFamily.class, "model.family", name);
    }

    /** The name a config writes ({@code random-forest}); metrics and reports call the model by it. */
    @Override
    public String toString() {
        return WireNames.of(this);
    }
}
