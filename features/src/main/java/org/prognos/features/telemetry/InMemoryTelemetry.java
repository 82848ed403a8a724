package org.prognos.features.telemetry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Telemetry held in memory, asset by asset: for tests, the scoring service's request windows, and data
 * built by code. Readings are kept in insertion order per asset; {@link #forEach} replays them asset by
 * asset.
 */
public final class InMemoryTelemetry implements TelemetrySource {
    private final String name;
    private final TimeAxis axis;
    private final List<String> channels;
    private final Map<String, Series> series = new LinkedHashMap<>();

    private static final class Series {
        long[] times = new long[16];
        double[] values;
        int size;

        Series(int width) {
            values = new double[16 * width];
        }
    }

    public InMemoryTelemetry(String name, TimeAxis axis, List<String> channels) {
        this.name = Objects.requireNonNull(name, "name");
        this.axis = Objects.requireNonNull(axis, "axis");
        this.channels = List.copyOf(channels);
    }

    /** Appends a reading; {@code values} is copied and must have one entry per channel. */
    public InMemoryTelemetry add(String asset, long time, double... values) {
        if (values.length != channels.size()) {
            throw new IllegalArgumentException("expected " + channels.size() + " values " + channels + ", got " + values.length);
        }
        Series s = series.computeIfAbsent(asset, a -> new Series(channels.size()));
        if (s.size == s.times.length) {
            s.times = Arrays.copyOf(s.times, s.size * 2);
            s.values = Arrays.copyOf(s.values, s.size * 2 * channels.size());
        }
        s.times[s.size] = time;
        System.arraycopy(values, 0, s.values, s.size * channels.size(), values.length);
        s.size++;
        return this;
    }

    /** Assets in insertion order. */
    public List<String> assets() {
        return new ArrayList<>(series.keySet());
    }

    /** Number of readings in all. */
    public long size() {
        return series.values().stream().mapToLong(s -> s.size).sum();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TimeAxis axis() {
        return axis;
    }

    @Override
    public List<String> channels() {
        return channels;
    }

    @Override
    public void forEach(ReadingSink sink) {
        int w = channels.size();
        double[] row = new double[w];
        for (Map.Entry<String, Series> e : series.entrySet()) {
            Series s = e.getValue();
            for (int i = 0; i < s.size; i++) {
                System.arraycopy(s.values, i * w, row, 0, w);
                sink.reading(e.getKey(), s.times[i], row);
            }
        }
    }
}
