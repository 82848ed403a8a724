package org.prognos.inference.mqtt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.scoring.ReadingWindow;
import org.prognos.inference.scoring.TimeBounds;
import org.prognos.inference.scoring.WindowSchema;
import org.prognos.live.device.DeviceMessage;

/**
 * Turns decoded Sparkplug B telemetry into windows on a model's schema. Sparkplug devices report by exception (a
 * DDATA carries only the metrics that changed), so each asset's last value of every channel is carried forward from
 * its birth certificate and earlier data, as a host application holds a device's state; a reading is every channel's
 * current value at the sample's time. Metrics the model does not read are left out. Sample and event times are held
 * to the service's {@link TimeBounds}, as HTTP readings are. Not thread-safe (the ingest worker's).
 */
final class SparkplugWindows {
    private final Map<String, double[]> current = new HashMap<>();

    /**
     * The window of {@code t} on {@code schema}.
     *
     * @throws Rejected when the model's time axis is not a clock, a time is outside {@code bounds} ({@code future_time}
     *                  when it lies too far ahead), or times do not increase
     */
    ReadingWindow window(DeviceMessage.Telemetry t, WindowSchema schema, TimeBounds bounds) {
        if (!(schema.axis() instanceof TimeAxis.Timestamps)) {
            throw new Rejected(Rejected.INVALID, t.asset(), "model '" + schema.model() + "' reads times on a cycle axis;"
                    + " Sparkplug B timestamps need a model whose readings are timestamped", null);
        }
        TimeBounds.Range range = bounds.on(schema.axis());
        int nc = schema.channels().size();
        double[] last = current.computeIfAbsent(t.asset() + "\u0000" + schema.model(), k -> nan(nc));
        List<DeviceMessage.Sample> samples = new ArrayList<>(t.samples());
        samples.sort(Comparator.comparingLong(DeviceMessage.Sample::epochMillis));
        long[] times = new long[samples.size()];
        double[] values = new double[samples.size() * nc];
        for (int i = 0; i < samples.size(); i++) {
            DeviceMessage.Sample s = samples.get(i);
            times[i] = ticks(s.epochMillis(), range, t.asset(), "a sample's timestamp");
            if (i > 0 && times[i] == times[i - 1]) {
                throw new Rejected(Rejected.INVALID, t.asset(), "two samples at " + schema.axis().format(times[i]), null);
            }
            for (Map.Entry<String, Double> v : s.values().entrySet()) {
                Integer c = schema.channelIndex().get(v.getKey());
                if (c != null) {
                    last[c] = v.getValue();
                }
            }
            System.arraycopy(last, 0, values, i * nc, nc);
        }
        List<Event> events = new ArrayList<>(t.events().size());
        for (DeviceMessage.DeviceEvent e : t.events()) {
            events.add(new Event(t.asset(), ticks(e.epochMillis(), range, t.asset(), "an event's timestamp"),
                    kind(e, t.asset()), e.code()));
        }
        events.sort(Comparator.comparingLong(Event::time));
        return new ReadingWindow(schema, Optional.of(t.asset()), times, values, events, Map.of(), OptionalLong.empty(), List.of());
    }

    /** Forgets an asset's carried values (its device died: the next birth restates them). */
    void forget(String asset) {
        current.keySet().removeIf(k -> k.startsWith(asset + "\u0000"));
    }

    private static EventKind kind(DeviceMessage.DeviceEvent e, String asset) {
        try {
            return EventKind.valueOf(e.kind().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException x) {
            throw new Rejected(Rejected.INVALID, asset, "event kind '" + e.kind() + "' is not failure, maintenance or alarm", x);
        }
    }

    /** Epoch milliseconds as ticks of a clock axis (microseconds since the epoch), held to {@code range}. */
    private static long ticks(long epochMillis, TimeBounds.Range range, String asset, String where) {
        // Sparkplug timestamps are unsigned: a negative long is one past 2^63 ms
        if (epochMillis < 0 || epochMillis > Long.MAX_VALUE / 1000) {
            throw new Rejected(Rejected.INVALID, asset, where + ": " + Long.toUnsignedString(epochMillis)
                    + " ms since the epoch is out of range", null);
        }
        long tick = epochMillis * 1000;
        Optional<String> problem = range.problem(tick);
        if (problem.isPresent()) {
            throw new Rejected(problem.get().contains(TimeBounds.IN_THE_FUTURE) ? Rejected.FUTURE : Rejected.INVALID, asset,
                    where + ": " + problem.get(), null);
        }
        return tick;
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }
}
