package org.prognos.inference.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.api.AssetHistory;
import org.prognos.inference.scoring.ReadingWindow;
import org.prognos.inference.scoring.WindowSchema;
import org.prognos.models.runtime.answer.ModelRef;

/**
 * One asset's recent scores and readings: two ring buffers of fixed capacity in primitive arrays, allocated once, so
 * an asset's trail never grows. Kept for one schema (the model's channels and axis); readings of another schema (the
 * asset now follows another model, or a reload changed the channels) start it anew. Guarded by its own lock.
 */
final class Trail {
    /** What one formatted time costs: a String and its bytes (an ISO time of 20-30 characters). */
    static final long TIME_TEXT_BYTES = 80;
    private final WindowSchema schema;
    private final int capacity;
    private final int width;
    private ModelRef model;
    /** The risk of the latest score: what the history ranks trails by when it must make room. */
    private volatile double latestRisk = Double.NEGATIVE_INFINITY;
    private final String[] scoreTimes;
    private final double[] risks;
    private final String[] bands;
    private int scores;
    private int nextScore;
    private final long[] readingTimes;
    private final double[] values;
    private int readings;
    private int nextReading;

    Trail(WindowSchema schema, ModelRef model, int capacity) {
        this.schema = schema;
        this.model = model;
        this.capacity = capacity;
        this.width = schema.channels().size();
        this.scoreTimes = new String[capacity];
        this.risks = new double[capacity];
        this.bands = new String[capacity];
        this.readingTimes = new long[capacity];
        this.values = new double[capacity * width];
    }

    /**
     * Bytes a trail of {@code channels} channels holds: its arrays, and the score times as the scores formatted them
     * (counted at {@value #TIME_TEXT_BYTES} bytes each); the band labels are shared constants.
     */
    static long bytes(int channels, int capacity) {
        return 64L + capacity * (8L + 8L + 8L + TIME_TEXT_BYTES) + capacity * 8L * (1 + channels);
    }

    long bytes() {
        return bytes(width, capacity);
    }

    double latestRisk() {
        return latestRisk;
    }

    /** Whether this trail keeps readings of {@code other}'s shape (channels and axis). */
    boolean fits(WindowSchema other) {
        return schema.channels().equals(other.channels()) && schema.axis().equals(other.axis());
    }

    /** Keeps one score and the last {@code capacity} readings of the window it follows. */
    synchronized void add(ModelRef by, String time, double risk, String band, ReadingWindow window) {
        model = by;
        latestRisk = risk;
        scoreTimes[nextScore] = time;
        risks[nextScore] = risk;
        bands[nextScore] = band;
        nextScore = (nextScore + 1) % capacity;
        scores = Math.min(capacity, scores + 1);
        long[] times = window.times();
        double[] v = window.values();
        for (int i = Math.max(0, times.length - capacity); i < times.length; i++) {
            readingTimes[nextReading] = times[i];
            System.arraycopy(v, i * width, values, nextReading * width, width);
            nextReading = (nextReading + 1) % capacity;
            readings = Math.min(capacity, readings + 1);
        }
    }

    /** A copy of what the trail holds, oldest first, times formatted on the model's axis. */
    synchronized AssetHistory view(String asset) {
        TimeAxis axis = schema.axis();
        List<String> st = new ArrayList<>(scores);
        List<Double> sr = new ArrayList<>(scores);
        List<String> sb = new ArrayList<>(scores);
        for (int k = 0; k < scores; k++) {
            int i = Math.floorMod(nextScore - scores + k, capacity);
            st.add(scoreTimes[i]);
            sr.add(risks[i]);
            sb.add(bands[i]);
        }
        List<String> rt = new ArrayList<>(readings);
        Map<String, List<Double>> rv = new LinkedHashMap<>();
        schema.channels().forEach(c -> rv.put(c, new ArrayList<>(readings)));
        for (int k = 0; k < readings; k++) {
            int i = Math.floorMod(nextReading - readings + k, capacity);
            rt.add(axis.format(readingTimes[i]));
            for (int c = 0; c < width; c++) {
                double x = values[i * width + c];
                rv.get(schema.channels().get(c)).add(Double.isNaN(x) ? null : x);
            }
        }
        return new AssetHistory(asset, model, capacity, new AssetHistory.Scores(st, sr, sb),
                new AssetHistory.Readings(schema.channels(), rt, rv));
    }
}
