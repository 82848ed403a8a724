package org.prognos.live.sparkplug;

import org.prognos.live.device.DeviceMessage.DeviceEvent;
import org.prognos.live.device.DeviceMessage.Sample;
import org.prognos.live.device.DeviceMessage.Telemetry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Collects what the metrics of one message say about one asset: readings grouped by timestamp (one
 * {@link Sample} per instant, in time order), events in the order sent, and the metrics left out.
 */
final class TelemetryBuilder {
    private final TreeMap<Long, Map<String, Double>> readings = new TreeMap<>();
    private final List<DeviceEvent> events = new ArrayList<>();
    private final List<Decoded.SkippedMetric> skipped = new ArrayList<>();

    /** A reading of {@code channel} at {@code epochMillis}; a later one of the same channel and instant wins. */
    void reading(long epochMillis, String channel, double value) {
        readings.computeIfAbsent(epochMillis, t -> new LinkedHashMap<>()).put(channel, value);
    }

    void event(long epochMillis, String kind, String code) {
        events.add(new DeviceEvent(epochMillis, kind, code));
    }

    void skip(String metric, SkipReason reason, String detail) {
        skipped.add(new Decoded.SkippedMetric(metric, reason, detail));
    }

    /** The telemetry of {@code asset}, unless the message had neither readings nor events. */
    Optional<Telemetry> build(String asset) {
        if (readings.isEmpty() && events.isEmpty()) {
            return Optional.empty();
        }
        List<Sample> samples = new ArrayList<>(readings.size());
        readings.forEach((t, values) -> samples.add(new Sample(t, values)));
        return Optional.of(new Telemetry(asset, samples, events));
    }

    List<Decoded.SkippedMetric> skipped() {
        return skipped;
    }
}
