package org.prognos.training.anomaly;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.prognos.PrognosException;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.ColumnScaling;
import org.prognos.models.anomaly.Detector;
import org.prognos.models.anomaly.ScoreCalibration;

/**
 * Fits an anomaly model in three steps, each on what it may see: the column scaling and the detector on the normal
 * training rows, the score calibration on held-out normal rows the detector never saw. The scaling is the fleet's
 * ({@link #fit}) or, with {@code task.scaling: asset}, each asset's own beside the fleet's ({@link #fitEachAsset}); so
 * is the detector, with {@code task.detector: asset} beside it (each asset's own fitted on its own scaled rows).
 */
public final class AnomalyFitter {
    /** The fewest normal fitting rows an asset's own scaling is fitted on (a standard deviation needs two). */
    public static final int OWN_SCALING_MIN_ROWS = 2;

    private AnomalyFitter() {
    }

    /**
     * @param columns        the feature columns
     * @param trainNormal    normal rows the scaling and the detector learn from
     * @param heldOutNormal  normal rows of other assets (or a later period) that only calibrate the score
     * @param settings       the family and its hyperparameters
     * @param falseAlarmRate the alarm threshold's share of held-out normal rows
     * @param seed           seeds any sampling
     * @throws PrognosException when either set of rows is empty
     */
    public static AnomalyModel fit(List<String> columns, double[][] trainNormal, double[][] heldOutNormal,
                                   DetectorSettings settings, double falseAlarmRate, long seed) {
        return fit(columns, trainNormal, heldOutNormal, settings, falseAlarmRate, seed, line -> { });
    }

    /** As {@link #fit(List, double[][], double[][], DetectorSettings, double, long)}, telling {@code log} how training went. */
    public static AnomalyModel fit(List<String> columns, double[][] trainNormal, double[][] heldOutNormal,
                                   DetectorSettings settings, double falseAlarmRate, long seed,
                                   java.util.function.Consumer<String> log) {
        if (trainNormal.length == 0) {
            throw new PrognosException("no normal training rows: 'task.normal' selects none of the training assets' rows");
        }
        if (heldOutNormal.length == 0) {
            throw new PrognosException("no held-out normal rows to calibrate the score: 'task.normal' selects none of the"
                    + " calibration (validation) assets' rows; widen 'task.normal' or 'split.validationFraction'");
        }
        ColumnScaling scaling = ColumnScaling.fit(trainNormal, columns.size());
        return fitScaled(columns, scaling, Map.of(), trainNormal, null, heldOutNormal, null, settings, falseAlarmRate,
                seed, false, log);
    }

    /**
     * As {@link #fit(List, double[][], double[][], DetectorSettings, double, long, java.util.function.Consumer)}, each
     * asset scaled by its own ({@code task.scaling: asset}): the fleet's scaling is fitted on every fitting row, as
     * there; each asset with at least {@value #OWN_SCALING_MIN_ROWS} fitting rows gets
     * {@link ColumnScaling#fitOwn} of exactly those rows; the others keep the fleet's. The detector is fitted on the
     * fitting rows and the calibration scores the held-out rows, each row scaled by its asset's scaling, and the model
     * carries the table ({@link AnomalyModel#withAssetScaling}).
     *
     * @param trainAssets   the asset of each row of {@code trainNormal}
     * @param heldOutAssets the asset of each row of {@code heldOutNormal}
     */
    public static AnomalyModel fitEachAsset(List<String> columns, double[][] trainNormal, List<String> trainAssets,
                                            double[][] heldOutNormal, List<String> heldOutAssets,
                                            DetectorSettings settings, double falseAlarmRate, long seed,
                                            java.util.function.Consumer<String> log) {
        return fitEachAsset(columns, trainNormal, trainAssets, heldOutNormal, heldOutAssets, settings, falseAlarmRate,
                seed, false, log);
    }

    /**
     * As {@link #fitEachAsset(List, double[][], List, double[][], List, DetectorSettings, double, long,
     * java.util.function.Consumer)}, and with {@code ownDetectors} ({@code task.detector: asset}) each asset with its
     * own scaling, at least {@link DetectorSettings#ownDetectorMinRows} normal fitting rows and a column that
     * varies on them also gets its own detector: {@code settings} fitted with {@code seed} on exactly its own fitting
     * rows scaled by its own scaling, in their order. The fleet's detector is fitted on every fitting row, as without;
     * the others keep it. One calibration: the held-out rows, each scored by its asset's detector (see
     * {@link AnomalyModel}); the model carries the table ({@link AnomalyModel#withAssetDetectors}).
     */
    public static AnomalyModel fitEachAsset(List<String> columns, double[][] trainNormal, List<String> trainAssets,
                                            double[][] heldOutNormal, List<String> heldOutAssets,
                                            DetectorSettings settings, double falseAlarmRate, long seed,
                                            boolean ownDetectors, java.util.function.Consumer<String> log) {
        if (trainAssets.size() != trainNormal.length || heldOutAssets.size() != heldOutNormal.length) {
            throw new IllegalArgumentException("one asset per row: " + trainNormal.length + " fitting rows and "
                    + trainAssets.size() + " assets, " + heldOutNormal.length + " held-out rows and " + heldOutAssets.size());
        }
        if (trainNormal.length == 0 || heldOutNormal.length == 0) {
            return fit(columns, trainNormal, heldOutNormal, settings, falseAlarmRate, seed, log);   // its refusals
        }
        ColumnScaling fleet = ColumnScaling.fit(trainNormal, columns.size());
        Map<String, ColumnScaling> own = new TreeMap<>();
        byAsset(trainNormal, trainAssets).forEach((asset, rows) -> {
            if (rows.size() >= OWN_SCALING_MIN_ROWS) {
                own.put(asset, ColumnScaling.fitOwn(rows.toArray(double[][]::new), fleet));
            }
        });
        return fitScaled(columns, fleet, own, trainNormal, trainAssets, heldOutNormal, heldOutAssets, settings,
                falseAlarmRate, seed, ownDetectors, log);
    }

    /**
     * Which of {@code assets} {@code model} scales by the fleet's scaling, in words: every asset of a fleet-scaled
     * model; under {@code task.scaling: asset}, those with too few normal fitting rows, by name (the first ten).
     */
    public static String describeScaling(AnomalyModel model, java.util.Collection<String> assets) {
        if (model.assetScaling().isEmpty()) {
            return "one for the fleet (every asset scaled by the mean and standard deviation of all normal"
                    + " fitting rows)";
        }
        List<String> onFleet = assets.stream().filter(a -> !model.scalesOwn(java.util.Optional.of(a))).toList();
        return "each asset its own (" + assets.size() + " assets; " + onFleet.size() + " on the fleet's: fewer"
                + " than " + OWN_SCALING_MIN_ROWS + " normal fitting rows" + firstTen(onFleet) + ")";
    }

    /**
     * Which of {@code assets} {@code model} scores by the fleet's detector, in words: every asset of a model with one
     * detector; under {@code task.detector: asset}, those with too few normal fitting rows for {@code settings}' family
     * over {@code width} columns (or none varying), by name (the first ten).
     */
    public static String describeDetectors(AnomalyModel model, java.util.Collection<String> assets,
                                           DetectorSettings settings, int width) {
        if (model.assetDetectors().isEmpty()) {
            return "one for the fleet (fitted on every asset's normal fitting rows)";
        }
        List<String> onFleet = assets.stream().filter(a -> !model.hasOwnDetector(java.util.Optional.of(a))).toList();
        return "each asset its own (" + assets.size() + " assets; " + onFleet.size() + " on the fleet's: fewer than "
                + settings.ownDetectorMinRows(width) + " normal fitting rows, or none varying" + firstTen(onFleet)
                + "; one calibration on the held-out rows, each scored by its asset's detector)";
    }

    /**
     * Detector on the scaled fitting rows (and, with {@code ownDetectors}, each asset's own on its own), calibration on
     * the scaled held-out rows, each scored by its asset's detector; {@code null} assets: the fleet's.
     */
    private static AnomalyModel fitScaled(List<String> columns, ColumnScaling fleet, Map<String, ColumnScaling> own,
                                          double[][] trainNormal, List<String> trainAssets, double[][] heldOutNormal,
                                          List<String> heldOutAssets, DetectorSettings settings, double falseAlarmRate,
                                          long seed, boolean ownDetectors, java.util.function.Consumer<String> log) {
        double[][] z = new double[trainNormal.length][];
        for (int r = 0; r < z.length; r++) {
            z[r] = of(own, fleet, trainAssets, r).apply(trainNormal[r]);
        }
        Detector detector = settings.fit(z, seed, log);
        Map<String, Detector> detectors = ownDetectors ? fitOwnDetectors(z, trainAssets, own, settings, seed, log) : Map.of();
        double[] raw = new double[heldOutNormal.length];
        double[] scratch = new double[columns.size()];
        for (int r = 0; r < raw.length; r++) {
            Detector d = heldOutAssets == null ? detector : detectors.getOrDefault(heldOutAssets.get(r), detector);
            raw[r] = d.score(of(own, fleet, heldOutAssets, r).apply(heldOutNormal[r]), scratch);
        }
        return AnomalyModel.of(columns, fleet, detector, ScoreCalibration.fit(raw, falseAlarmRate)).withAssetScaling(own)
                .withAssetDetectors(detectors);
    }

    /**
     * Each asset's own detector on its own scaled fitting rows {@code z} (in their order), for the assets with their own
     * scaling, enough rows ({@link DetectorSettings#ownDetectorMinRows}) and a column varying on them.
     */
    private static Map<String, Detector> fitOwnDetectors(double[][] z, List<String> assets, Map<String, ColumnScaling> own,
                                                         DetectorSettings settings, long seed,
                                                         java.util.function.Consumer<String> log) {
        int needed = settings.ownDetectorMinRows(z.length == 0 ? 0 : z[0].length);
        Map<String, Detector> detectors = new TreeMap<>();
        byAsset(z, assets).forEach((asset, rows) -> {
            double[][] x = rows.toArray(double[][]::new);
            if (own.containsKey(asset) && x.length >= needed && varies(x)) {
                detectors.put(asset, settings.fit(x, seed, line -> log.accept("asset " + asset + ": " + line)));
            }
        });
        return detectors;
    }

    /** {@code ": a, b, …"} naming the first ten of {@code names} (" and N more" beyond); empty for none. */
    private static String firstTen(List<String> names) {
        return names.isEmpty() ? "" : ": " + String.join(", ", names.subList(0, Math.min(10, names.size())))
                + (names.size() > 10 ? " and " + (names.size() - 10) + " more" : "");
    }

    /** {@code rows} grouped by their asset ({@code assets}, one per row), assets and rows in their order. */
    private static Map<String, List<double[]>> byAsset(double[][] rows, List<String> assets) {
        Map<String, List<double[]>> byAsset = new LinkedHashMap<>();
        for (int r = 0; r < rows.length; r++) {
            byAsset.computeIfAbsent(assets.get(r), a -> new ArrayList<>()).add(rows[r]);
        }
        return byAsset;
    }

    /** Whether some column takes two values on {@code rows} (a detector learns nothing from rows that never vary). */
    private static boolean varies(double[][] rows) {
        for (int c = 0; c < rows[0].length; c++) {
            for (double[] row : rows) {
                if (Double.compare(row[c], rows[0][c]) != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static ColumnScaling of(Map<String, ColumnScaling> own, ColumnScaling fleet, List<String> assets, int r) {
        return assets == null ? fleet : own.getOrDefault(assets.get(r), fleet);
    }
}
