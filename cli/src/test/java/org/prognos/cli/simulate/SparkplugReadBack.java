package org.prognos.cli.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;
import org.prognos.live.device.DeviceMessage;
import org.prognos.live.device.DeviceMessage.DeviceEvent;
import org.prognos.live.device.DeviceMessage.Sample;
import org.prognos.live.sparkplug.Decoded;
import org.prognos.live.sparkplug.MessageType;
import org.prognos.live.sparkplug.SparkplugDecoder;
import org.prognos.live.sparkplug.SparkplugTopic;

/**
 * What a host reads from the simulator's Sparkplug B messages: each decoded in arrival order by the live module's
 * {@link SparkplugDecoder} (the service's), with per node and per device the message types and, read from the raw
 * payload, the {@code seq} of every message; and the same of a dataset slice, to compare with.
 */
final class SparkplugReadBack {
    /** Microseconds of a clock axis per Sparkplug millisecond. */
    static final long MICROS_PER_MILLI = 1_000;

    /** Readings by asset, in arrival order. */
    final Map<String, List<Sample>> readings = new TreeMap<>();
    /** Events by asset, in arrival order (assets with events only). */
    final Map<String, List<DeviceEvent>> events = new TreeMap<>();
    /** Presence changes by asset, in arrival order (true: online). */
    final Map<String, List<Boolean>> presence = new TreeMap<>();
    /** Message types by device, in arrival order. */
    final Map<String, List<MessageType>> deviceTypes = new TreeMap<>();
    /** Message types by edge node (its devices' included), in arrival order. */
    final Map<String, List<MessageType>> nodeTypes = new TreeMap<>();
    /** The seq of each of an edge node's messages but NDEATH, in arrival order. */
    final Map<String, List<Long>> seqs = new TreeMap<>();
    /** The edge node of each device. */
    final Map<String, String> nodeOf = new TreeMap<>();
    /** Every message as decoded, commands left out. */
    final List<Decoded> decoded = new ArrayList<>();

    private SparkplugReadBack() {
    }

    /** Decodes {@code messages} in order, as one host subscribed to them all. */
    static SparkplugReadBack of(List<TestSubscriber.Message> messages) {
        SparkplugReadBack back = new SparkplugReadBack();
        SparkplugDecoder decoder = new SparkplugDecoder();
        for (TestSubscriber.Message m : messages) {
            SparkplugTopic.Edge topic = (SparkplugTopic.Edge) SparkplugTopic.parse(m.topic());
            if (topic.type() == MessageType.NCMD) {
                continue;
            }
            back.decoded.add(decoder.decode(m.topic(), m.bytes(), 0));
            back.record(topic, m.bytes());
        }
        for (Decoded d : back.decoded) {
            for (DeviceMessage dm : d.messages()) {
                if (dm instanceof DeviceMessage.Telemetry t) {
                    back.readings.computeIfAbsent(t.asset(), a -> new ArrayList<>()).addAll(t.samples());
                    if (!t.events().isEmpty()) {
                        back.events.computeIfAbsent(t.asset(), a -> new ArrayList<>()).addAll(t.events());
                    }
                } else if (dm instanceof DeviceMessage.Presence p) {
                    back.presence.computeIfAbsent(p.asset(), a -> new ArrayList<>()).add(p.online());
                }
            }
        }
        return back;
    }

    private void record(SparkplugTopic.Edge topic, byte[] payload) {
        nodeTypes.computeIfAbsent(topic.edgeNode(), n -> new ArrayList<>()).add(topic.type());
        topic.device().ifPresent(d -> {
            deviceTypes.computeIfAbsent(d, x -> new ArrayList<>()).add(topic.type());
            nodeOf.put(d, topic.edgeNode());
        });
        if (topic.type() != MessageType.NDEATH) {
            try {
                seqs.computeIfAbsent(topic.edgeNode(), n -> new ArrayList<>()).add(Payload.parseFrom(payload).getSeq());
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError(topic.format() + ": no Sparkplug B payload", e);
            }
        }
    }

    /** Asserts that every message was read, none rejected, no metric left out. */
    void assertAllAccepted() {
        for (Decoded d : decoded) {
            assertTrue(d instanceof Decoded.Accepted, d.toString());
            assertEquals(List.of(), ((Decoded.Accepted) d).skipped());
        }
    }

    /** Asserts that each node's seq starts at 0 at every NBIRTH and counts on by one, wrapping at 256. */
    void assertSeqContinuous() {
        seqs.forEach((node, s) -> {
            List<MessageType> types = nodeTypes.get(node).stream().filter(t -> t != MessageType.NDEATH).toList();
            for (int i = 0; i < s.size(); i++) {
                long expected = types.get(i) == MessageType.NBIRTH ? 0 : (s.get(i - 1) + 1) % 256;
                assertEquals(expected, s.get(i), "seq of message " + i + " (" + types.get(i) + ") of " + node);
            }
        });
    }

    /** The readings of a slice of {@code data}, as Sparkplug samples: epoch milliseconds, values by channel. */
    static Map<String, List<Sample>> expectedReadings(Dataset data, ReplaySlice slice) throws IOException {
        Map<String, List<Sample>> rows = new TreeMap<>();
        Set<String> wanted = Set.copyOf(slice.assets());
        List<String> channels = data.telemetry().channels();
        data.telemetry().forEach((asset, time, values) -> {
            if ((wanted.isEmpty() || wanted.contains(asset)) && slice.includes(time)) {
                Map<String, Double> byName = new HashMap<>();
                for (int c = 0; c < channels.size(); c++) {
                    byName.put(channels.get(c), values[c]);
                }
                rows.computeIfAbsent(asset, a -> new ArrayList<>()).add(new Sample(time / MICROS_PER_MILLI, byName));
            }
        });
        return rows;
    }

    /** The events of {@code assets} before the slice's end, history included, as Sparkplug events. */
    static Map<String, List<DeviceEvent>> expectedEvents(Dataset data, ReplaySlice slice, Set<String> assets) {
        Map<String, List<DeviceEvent>> events = new TreeMap<>();
        for (String asset : assets) {
            List<DeviceEvent> of = new ArrayList<>();
            for (Event e : data.events().of(asset)) {
                if (slice.beforeEnd(e.time())) {
                    of.add(new DeviceEvent(e.time() / MICROS_PER_MILLI, e.kind().name().toLowerCase(Locale.ROOT), e.code()));
                }
            }
            if (!of.isEmpty()) {
                events.put(asset, of);
            }
        }
        return events;
    }
}
