package org.prognos.training.anomaly;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.Detector;
import org.prognos.training.evaluation.RowTimes;

/**
 * Whether every evaluated asset can alarm at all. A detector whose raw score has a ceiling
 * ({@link Detector#ceiling()}: the isolation forest's, bounded because a row far out is isolated at the outermost split
 * however far it lies) never gives a row more; where the calibration's threshold lies above it, the assets that
 * detector scores can never alarm, whatever they do. With {@code task.detector: asset} that happens when another asset's
 * held-out rows, scored by its own detector near that detector's ceiling, set the one pooled threshold above what this
 * asset's own detector can give (training/ANOMALY.md, "Why a forest per file loses"); with one detector it can happen
 * when the held-out rows are fewer than 1 / falseAlarmRate, so the threshold lies in the calibration's tail beyond the
 * largest of them.
 *
 * <p>The job warns and refuses nothing: the model is what was asked for, and the warning tells which assets it is deaf
 * on. Checked once per detector, from the fitted detector (never by probing rows); a family without a ceiling (knn, pca,
 * the autoencoder, the z-score baseline: a distance or an error grows with the row) is never named. A ceiling that is an
 * upper bound rather than exact ({@code Detector.ceiling}) can only miss a deaf asset, never name one that can alarm.
 *
 * @param threshold the calibration's raw alarm threshold (a row alarms at raw ≥ threshold)
 */
public record CeilingCheck(double threshold) {
    /** The assets a warning names, first by name; the rest are counted. */
    public static final int NAMED_ASSETS = 10;

    /**
     * The warnings for {@code contender}'s {@code model} on the evaluated rows {@code at} with their {@code alarms}: one
     * for the assets on detectors of their own that can never alarm, one for those on the fleet's; empty when every
     * asset can. An asset with an alarming row can alarm and is not searched (a ceiling is a search, cheap only where
     * the detector is small).
     */
    public List<String> warnings(String contender, AnomalyModel model, RowTimes at, boolean[] alarms) {
        Set<String> assets = new LinkedHashSet<>(List.of(at.assets()));
        Set<String> alarmed = new HashSet<>();
        for (int r = 0; r < alarms.length; r++) {
            if (alarms[r]) {
                alarmed.add(at.asset(r));
            }
        }
        TreeMap<String, Double> own = new TreeMap<>();
        TreeMap<String, Double> fleet = new TreeMap<>();
        OptionalDouble fleetCeiling = assets.stream().anyMatch(a -> !alarmed.contains(a) && !model.hasOwnDetector(Optional.of(a)))
                ? model.detector().ceiling() : OptionalDouble.empty();       // computed once, and only where it is asked
        for (String a : assets) {
            boolean hasOwn = model.hasOwnDetector(Optional.of(a));
            OptionalDouble ceiling = alarmed.contains(a) ? OptionalDouble.empty()
                    : hasOwn ? model.detectorOf(Optional.of(a)).ceiling() : fleetCeiling;
            if (ceiling.isPresent() && ceiling.getAsDouble() < threshold) {
                (hasOwn ? own : fleet).put(a, ceiling.getAsDouble());
            }
        }
        String calibration = model.assetDetectors().isEmpty() ? "the calibration set" : "the pooled calibration set";
        List<String> out = new ArrayList<>();
        if (!own.isEmpty()) {
            out.add(warning(contender, own, assets.size(), own.size() == 1 ? "its own detector scores" : "their own detectors"
                    + " score", calibration));
        }
        if (!fleet.isEmpty()) {
            out.add(warning(contender, fleet, assets.size(), "the fleet's detector, which scores " + (fleet.size() == 1
                    ? "it" : "them") + ", scores", calibration));
        }
        return out;
    }

    private String warning(String contender, TreeMap<String, Double> deaf, int assets, String who, String calibration) {
        double low = deaf.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double high = deaf.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        int d = decimals(high);
        String atMost = low == high ? fixed(high, d) : fixed(low, d) + " to " + fixed(high, d);
        List<String> named = deaf.keySet().stream().limit(NAMED_ASSETS).map(a -> "'" + a + "'").toList();
        return String.format(Locale.ROOT, "%s: %d of %d %s can never alarm: %s at most %s, below the threshold %s %s: %s%s",
                contender, deaf.size(), assets, assets == 1 ? "asset" : "assets", who, atMost, fixed(threshold, d),
                calibration, String.join(", ", named),
                deaf.size() > NAMED_ASSETS ? " and " + (deaf.size() - NAMED_ASSETS) + " more" : "");
    }

    /** Three decimals, or as many more as it takes to tell {@code ceiling} from the threshold above it. */
    private int decimals(double ceiling) {
        int d = 3;
        while (d < 17 && fixed(ceiling, d).equals(fixed(threshold, d))) {
            d++;
        }
        return d;
    }

    private static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
