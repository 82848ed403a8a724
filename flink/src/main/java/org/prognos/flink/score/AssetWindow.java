package org.prognos.flink.score;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;
import org.prognos.live.device.DeviceMessage;

/**
 * The readings and events of one device message, flat (strings and arrays) so that Flink's serializers carry it
 * without Kryo: sample {@code i}'s value of {@code channels[c]} is {@code values[i * channels.length + c]}, NaN where
 * the message had none. Times are epoch milliseconds, as devices send them.
 *
 * @param asset        the asset id (the key)
 * @param channels     the channel names the samples carry
 * @param sampleMillis each sample's time
 * @param values       the samples' values, sample-major
 * @param eventMillis  each event's time
 * @param eventKinds   each event's kind: {@code failure}, {@code maintenance} or {@code alarm}
 * @param eventCodes   each event's code (the component or alarm code)
 */
public record AssetWindow(String asset, String[] channels, long[] sampleMillis, double[] values, long[] eventMillis,
                          String[] eventKinds, String[] eventCodes) implements Serializable {
    public AssetWindow {
        Objects.requireNonNull(asset, "asset");
        channels = channels.clone();
        sampleMillis = sampleMillis.clone();
        values = values.clone();
        eventMillis = eventMillis.clone();
        eventKinds = eventKinds.clone();
        eventCodes = eventCodes.clone();
        if (values.length != sampleMillis.length * channels.length) {
            throw new IllegalArgumentException("values: " + values.length + " for " + sampleMillis.length
                    + " samples of " + channels.length + " channels");
        }
        if (eventKinds.length != eventMillis.length || eventCodes.length != eventMillis.length) {
            throw new IllegalArgumentException("events: " + eventMillis.length + " times, " + eventKinds.length
                    + " kinds, " + eventCodes.length + " codes");
        }
    }

    /** The window of a decoded device message (the live module's JSON or Sparkplug B decoders). */
    public static AssetWindow of(DeviceMessage.Telemetry t) {
        String[] channels = t.samples().stream().flatMap(s -> s.values().keySet().stream()).distinct().sorted()
                .toArray(String[]::new);
        List<DeviceMessage.Sample> samples = new ArrayList<>(t.samples());
        samples.sort(Comparator.comparingLong(DeviceMessage.Sample::epochMillis));
        long[] times = new long[samples.size()];
        double[] values = new double[samples.size() * channels.length];
        Arrays.fill(values, Double.NaN);
        for (int i = 0; i < times.length; i++) {
            times[i] = samples.get(i).epochMillis();
            for (int c = 0; c < channels.length; c++) {
                Double v = samples.get(i).values().get(channels[c]);
                if (v != null) {
                    values[i * channels.length + c] = v;
                }
            }
        }
        List<DeviceMessage.DeviceEvent> events = t.events();
        return new AssetWindow(t.asset(), channels, times, values,
                events.stream().mapToLong(DeviceMessage.DeviceEvent::epochMillis).toArray(),
                events.stream().map(DeviceMessage.DeviceEvent::kind).toArray(String[]::new),
                events.stream().map(DeviceMessage.DeviceEvent::code).toArray(String[]::new));
    }

    /** Sample {@code i}'s values in {@code channelIndex} order (a model's input channels), NaN where missing. */
    double[] sample(int i, Map<String, Integer> channelIndex, double[] out) {
        Arrays.fill(out, Double.NaN);
        for (int c = 0; c < channels.length; c++) {
            Integer to = channelIndex.get(channels[c]);
            if (to != null) {
                out[to] = values[i * channels.length + c];
            }
        }
        return out;
    }

    /** The events on a timestamp axis (a tick is a microsecond), in time order. */
    List<Event> events() {
        List<Event> out = new ArrayList<>(eventMillis.length);
        for (int i = 0; i < eventMillis.length; i++) {
            out.add(new Event(asset, ticks(eventMillis[i]), EventKind.valueOf(eventKinds[i].toUpperCase(Locale.ROOT)),
                    eventCodes[i]));
        }
        out.sort(Comparator.comparingLong(Event::time));
        return out;
    }

    /** Epoch milliseconds as ticks of a timestamp axis (microseconds). */
    static long ticks(long epochMillis) {
        return Math.multiplyExact(epochMillis, 1000L);
    }
}
