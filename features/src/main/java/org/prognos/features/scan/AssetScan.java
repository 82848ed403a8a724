package org.prognos.features.scan;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.prognos.features.telemetry.Event;

/**
 * What a fleet scan found for one asset: the input of its line in the at-risk report. Arrays are copied in; callers
 * treat the ones they read back as read-only (a report holds a scan per asset, so accessors do not copy again).
 *
 * @param asset          asset id
 * @param time           the scoring time: the asset's latest time, or the as-of time
 * @param vector         the feature vector at {@code time}, in the spec's column order
 * @param covered        whether the asset's history covers the spec's windows at {@code time}
 * @param readings       readings seen before {@code time}
 * @param historyTimes   one time per recent day (or bucket of cycles), oldest first
 * @param historyVectors the feature row at each of those times
 * @param trendTimes     the times of the last raw readings, oldest first
 * @param trendValues    those readings, in the spec's channel order
 * @param attributes     the asset's static attributes
 * @param events         the asset's events before {@code time} that the report shows: those since the earliest history
 *                       or trend time (the charts' span) and each component's last maintenance; sorted by time,
 *                       kind and code
 * @param stream         what a scorer of the asset's whole stream computed in the scan's pass, when one ran (an anomaly
 *                       model scored adaptively needs it; {@link StreamScores}); its history matches {@code historyTimes}
 */
public record AssetScan(String asset, long time, double[] vector, boolean covered, long readings, long[] historyTimes,
                        double[][] historyVectors, long[] trendTimes, double[][] trendValues,
                        Map<String, String> attributes, List<Event> events, Optional<StreamScores> stream) {
    /** A scan without stream scores. */
    public AssetScan(String asset, long time, double[] vector, boolean covered, long readings, long[] historyTimes,
                     double[][] historyVectors, long[] trendTimes, double[][] trendValues,
                     Map<String, String> attributes, List<Event> events) {
        this(asset, time, vector, covered, readings, historyTimes, historyVectors, trendTimes, trendValues, attributes,
                events, Optional.empty());
    }

    public AssetScan {
        Objects.requireNonNull(asset, "asset");
        vector = vector.clone();
        historyTimes = historyTimes.clone();
        historyVectors = deepCopy(historyVectors);
        trendTimes = trendTimes.clone();
        trendValues = deepCopy(trendValues);
        if (historyTimes.length != historyVectors.length || trendTimes.length != trendValues.length) {
            throw new IllegalArgumentException("asset " + asset + ": history or trend times and values differ in length");
        }
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
        events = List.copyOf(events);
        Objects.requireNonNull(stream, "stream");
        if (stream.isPresent() && stream.get().history().length != historyTimes.length) {
            throw new IllegalArgumentException("asset " + asset + ": " + stream.get().history().length
                    + " stream scores for " + historyTimes.length + " history times");
        }
    }

    /** This scan carrying {@code scores}. */
    public AssetScan withStream(StreamScores scores) {
        return new AssetScan(asset, time, vector, covered, readings, historyTimes, historyVectors, trendTimes, trendValues,
                attributes, events, Optional.of(scores));
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
