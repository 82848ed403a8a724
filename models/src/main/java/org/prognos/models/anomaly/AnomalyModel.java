package org.prognos.models.anomaly;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.prognos.models.BundleFormatException;
import org.prognos.models.bundle.Payload;
import org.prognos.models.bundle.PayloadKind;
import org.prognos.models.predict.Predictions;

/**
 * A fitted anomaly model, the whole {@code anomaly-json} payload: the columns it reads, their scaling, the detector
 * and the score calibration (see the package description for how a row is scored). Immutable.
 *
 * @param format      {@value #FORMAT}
 * @param columns     the feature columns a row holds, in order
 * @param scaling     the columns' normal-row scaling
 * @param detector    the fitted detector, over the scaled columns
 * @param calibration the raw score's calibration on held-out normal rows
 * @param scoring     how the service scores a row: alone ({@link AnomalyScoring#STATIC}) or through a per-asset
 *                    {@link AdaptiveScorer}
 * @param assetScaling each asset's own scaling, fitted on its own normal rows ({@code task.scaling: asset}); empty
 *                    when the fleet shares {@code scaling}. An asset without one here (one that joined after
 *                    training) is scored on {@code scaling}, the fleet's. Written only when not empty, so a model
 *                    without it writes the bytes it always did.
 * @param assetDetectors each asset's own detector, fitted on its own normal rows scaled by its own scaling
 *                    ({@code task.detector: asset}); empty when the fleet shares {@code detector}. An asset without one
 *                    here is scored by {@code detector}. Written only when not empty, as {@code assetScaling}.
 */
public record AnomalyModel(String format, List<String> columns, ColumnScaling scaling, Detector detector,
                           ScoreCalibration calibration, AnomalyScoring scoring,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, ColumnScaling> assetScaling,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Detector> assetDetectors) {
    /** The payload format this code reads and writes. */
    public static final String FORMAT = "prognos-anomaly/1";
    /** The payload file name in a bundle. */
    public static final String FILE = "anomaly.json";

    public AnomalyModel {
        if (!FORMAT.equals(format)) {
            throw new BundleFormatException("anomaly payload format must be '" + FORMAT + "', found '" + format + "'");
        }
        if (columns == null || columns.isEmpty() || scaling == null || detector == null || calibration == null
                || scoring == null) {
            throw new BundleFormatException("an anomaly model needs columns, scaling, detector, calibration and scoring");
        }
        columns = List.copyOf(columns);
        assetScaling = assetScaling == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(assetScaling));
        for (Map.Entry<String, ColumnScaling> own : assetScaling.entrySet()) {
            if (own.getValue() == null || own.getValue().width() != columns.size()) {
                throw new BundleFormatException("asset '" + own.getKey() + "': its own scaling must cover the model's "
                        + columns.size() + " columns");
            }
        }
        if (scaling.width() != columns.size() || detector.width() != columns.size()) {
            throw new BundleFormatException("an anomaly model over " + columns.size() + " columns has a scaling of "
                    + scaling.width() + " and a detector of " + detector.width() + " columns");
        }
        assetDetectors = checkOwn(assetDetectors, columns.size(), detector, assetScaling);
    }

    /**
     * {@code own} as an unmodifiable sorted table, each detector checked: of the fleet's family (the bundle's task names
     * one), reading {@code width} columns, for an asset with its own scaling.
     *
     * @throws BundleFormatException naming the asset that breaks one of these
     */
    private static Map<String, Detector> checkOwn(Map<String, Detector> own, int width, Detector fleet,
                                                  Map<String, ColumnScaling> ownScaling) {
        if (own == null || own.isEmpty()) {
            return Map.of();
        }
        for (Map.Entry<String, Detector> e : own.entrySet()) {
            String asset = "asset '" + e.getKey() + "': its own detector";
            if (e.getValue() == null || e.getValue().width() != width) {
                throw new BundleFormatException(asset + " must read the model's " + width + " columns"
                        + (e.getValue() == null ? "" : ", found " + e.getValue().width()));
            }
            if (!e.getValue().family().equals(fleet.family())) {
                throw new BundleFormatException(asset + " is a " + e.getValue().family() + " detector, the model's is "
                        + fleet.family());
            }
            if (!ownScaling.containsKey(e.getKey())) {
                throw new BundleFormatException(asset + " needs its own scaling (it reads the asset's rows scaled by"
                        + " it), and the model has none for it");
            }
        }
        return java.util.Collections.unmodifiableMap(new TreeMap<>(own));
    }

    /** The model of these parts, in the current format, scoring each row alone. */
    public static AnomalyModel of(List<String> columns, ColumnScaling scaling, Detector detector, ScoreCalibration calibration) {
        return new AnomalyModel(FORMAT, columns, scaling, detector, calibration, AnomalyScoring.STATIC, Map.of(),
                Map.of());
    }

    /** A copy in which each asset of {@code own} is scaled by its own scaling ({@code task.scaling: asset}). */
    public AnomalyModel withAssetScaling(Map<String, ColumnScaling> own) {
        return new AnomalyModel(format, columns, scaling, detector, calibration, scoring, own, assetDetectors);
    }

    /**
     * A copy in which each asset of {@code own} is scored by its own detector ({@code task.detector: asset}); each such
     * asset must have its own scaling here.
     */
    public AnomalyModel withAssetDetectors(Map<String, Detector> own) {
        return new AnomalyModel(format, columns, scaling, detector, calibration, scoring, assetScaling, own);
    }

    /** The scaling {@code asset}'s rows are scored with: its own when this model has one, else the fleet's. */
    public ColumnScaling scalingOf(Optional<String> asset) {
        ColumnScaling own = asset.isEmpty() ? null : assetScaling.get(asset.get());
        return own != null ? own : scaling;
    }

    /** Whether {@code asset} is scored on a scaling of its own. */
    public boolean scalesOwn(Optional<String> asset) {
        return asset.isPresent() && assetScaling.containsKey(asset.get());
    }

    /** The detector {@code asset}'s rows are scored by: its own when this model has one, else the fleet's. */
    public Detector detectorOf(Optional<String> asset) {
        Detector own = asset.isEmpty() ? null : assetDetectors.get(asset.get());
        return own != null ? own : detector;
    }

    /** Whether {@code asset} is scored by a detector of its own. */
    public boolean hasOwnDetector(Optional<String> asset) {
        return asset.isPresent() && assetDetectors.containsKey(asset.get());
    }

    /**
     * The model {@code asset} is scored with, as a model of one scaling and one detector: {@code asset}'s own scaling
     * and detector in place of the fleet's where it has them, without the asset tables; this model itself when it has
     * no table. What a per-asset {@link AdaptiveScorer} is made with, so that the scorer needs to know nothing of other
     * assets.
     */
    public AnomalyModel forAsset(Optional<String> asset) {
        return assetScaling.isEmpty() && assetDetectors.isEmpty() ? this
                : new AnomalyModel(format, columns, scalingOf(asset), detectorOf(asset), calibration, scoringOf(asset),
                        Map.of(), Map.of());
    }

    /**
     * How {@code asset} is scored: this model's scoring, except that an asset with its own scaling learns none in its
     * warm-up ({@link AdaptiveScoring#withLearnedScaling} is for assets on the fleet's).
     */
    private AnomalyScoring scoringOf(Optional<String> asset) {
        return scoring instanceof AnomalyScoring.Adaptive a && a.settings().learnScaling() && scalesOwn(asset)
                ? new AnomalyScoring.Adaptive(a.settings().withLearnedScaling(false)) : scoring;
    }

    /**
     * Whether an {@link AdaptiveScorer} made with this model (a {@link #forAsset} view) learns the asset's scaling in
     * its warm-up: the model is scored adaptively with {@code learnScaling}, and the view's scaling is the fleet's.
     */
    public boolean learnsScaling() {
        return adaptive().map(AdaptiveScoring::learnScaling).orElse(false);
    }

    /**
     * A copy scaled by {@code to} in place of the fleet's scaling: the view an {@link AdaptiveScorer} scores an asset
     * with once it has learned the asset's scaling; scored as this model is, with no scaling to learn.
     */
    public AnomalyModel withScaling(ColumnScaling to) {
        AnomalyScoring learned = scoring instanceof AnomalyScoring.Adaptive a
                ? new AnomalyScoring.Adaptive(a.settings().withLearnedScaling(false)) : scoring;
        return new AnomalyModel(format, columns, to, detector, calibration, learned, assetScaling, assetDetectors);
    }

    /** A copy the service scores with {@code to}. */
    public AnomalyModel withScoring(AnomalyScoring to) {
        return new AnomalyModel(format, columns, scaling, detector, calibration, to, assetScaling, assetDetectors);
    }

    /** The adaptive settings the service runs, when this model is scored adaptively. */
    public java.util.Optional<AdaptiveScoring> adaptive() {
        return scoring instanceof AnomalyScoring.Adaptive a ? java.util.Optional.of(a.settings()) : java.util.Optional.empty();
    }

    /** The raw score of one row on the fleet's scaling and detector (no calibration). */
    public double raw(double[] row) {
        return detector.score(scaling.apply(row), new double[columns.size()]);
    }

    /**
     * Scores rows already checked by {@link org.prognos.models.predict.FeatureRows#check}: calibrated score, raw
     * score and per-column contributions. Each row is scored alone, so a batch gives the same bits as its rows one
     * by one.
     */
    public Predictions.Anomalies score(double[][] rows) {
        return score(rows, java.util.Collections.nCopies(rows.length, Optional.empty()));
    }

    /**
     * As {@link #score(double[][])}, each row scaled as {@link #scalingOf} its asset and scored by {@link #detectorOf}
     * it ({@code assets}, one per row, empty where unknown).
     */
    public Predictions.Anomalies score(double[][] rows, List<Optional<String>> assets) {
        if (assets.size() != rows.length) {
            throw new IllegalArgumentException(rows.length + " rows and " + assets.size() + " assets");
        }
        double[] scores = new double[rows.length];
        double[] raw = new double[rows.length];
        double[][] contributions = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            contributions[r] = new double[columns.size()];
            raw[r] = detectorOf(assets.get(r)).score(scalingOf(assets.get(r)).apply(rows[r]), contributions[r]);
            scores[r] = calibration.score(raw[r]);
        }
        return new Predictions.Anomalies(scores, raw, calibration.threshold(), contributions);
    }

    /** This model as a bundle payload. */
    public Payload payload() {
        String json = AnomalyJson.write(this);
        return new Payload(PayloadKind.ANOMALY_JSON, FILE, dir -> Files.writeString(dir.resolve(FILE), json + "\n"));
    }

    /** A copy calibrated with {@code calibration}. */
    public AnomalyModel withCalibration(ScoreCalibration calibration) {
        return new AnomalyModel(format, columns, scaling, detector, calibration, scoring, assetScaling, assetDetectors);
    }
}
