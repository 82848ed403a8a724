package org.prognos.live.sparkplug;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.google.protobuf.InvalidProtocolBufferException;
import org.eclipse.tahu.protobuf.SparkplugBProto.DataType;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload.Metric;
import org.junit.jupiter.api.Test;
import org.prognos.live.device.DeviceMessage;
import org.prognos.live.device.DeviceMessage.DeviceEvent;
import org.prognos.live.device.DeviceMessage.Sample;

/** What the encoder writes, read with the generated protobuf classes rather than our decoder. */
class SparkplugEncoderTest {
    static final long T0 = 1_700_000_000_000L;

    final SparkplugEncoder encoder = new SparkplugEncoder("plant", "gw-1", 7);

    static Payload parse(SparkplugMessage message) throws InvalidProtocolBufferException {
        return Payload.parseFrom(message.payload());
    }

    static Map<String, Metric> byName(Payload payload) {
        Map<String, Metric> metrics = new LinkedHashMap<>();
        payload.getMetricsList().forEach(m -> metrics.put(m.getName(), m));
        return metrics;
    }

    @Test
    void nbirth_starts_at_seq_0_with_bdseq_and_the_rebirth_control() throws Exception {
        SparkplugMessage birth = encoder.nodeBirth(T0, Map.of());
        Payload payload = parse(birth);

        assertEquals("spBv1.0/plant/NBIRTH/gw-1", birth.topic().format());
        assertEquals(0, payload.getSeq());
        assertEquals(T0, payload.getTimestamp());
        Map<String, Metric> metrics = byName(payload);
        assertEquals(Set.of("bdSeq", "Node Control/Rebirth"), metrics.keySet());
        assertEquals(DataType.Int64_VALUE, metrics.get("bdSeq").getDatatype());
        assertEquals(7, metrics.get("bdSeq").getLongValue());
        assertFalse(metrics.get("Node Control/Rebirth").getBooleanValue());
    }

    @Test
    void births_declare_channels_and_event_metrics_with_aliases_unique_across_the_node() throws Exception {
        Payload node = parse(encoder.nodeBirth(T0, Map.of("cabinet", 30.0)));
        Payload d1 = parse(encoder.deviceBirth("d1", T0, Map.of("temp", 1.0, "vib", Double.NaN)));
        Payload d2 = parse(encoder.deviceBirth("d2", T0, Map.of("temp", 2.0)));

        Map<String, Metric> first = byName(d1);
        assertEquals(List.of("temp", "vib", "event/failure", "event/maintenance", "event/alarm"),
                List.copyOf(first.keySet()));
        assertEquals(DataType.Double_VALUE, first.get("temp").getDatatype());
        assertEquals(1.0, first.get("temp").getDoubleValue(), 0.0);
        assertTrue(first.get("vib").getIsNull());
        assertEquals(DataType.String_VALUE, first.get("event/alarm").getDatatype());
        assertTrue(first.get("event/alarm").getIsNull());
        Set<Long> aliases = new HashSet<>();
        for (Payload birth : List.of(node, d1, d2)) {
            birth.getMetricsList().stream().filter(Metric::hasAlias).forEach(m -> assertTrue(aliases.add(m.getAlias()),
                    "alias " + m.getAlias() + " given twice"));
        }
        assertEquals(4 + 5 + 4, aliases.size());
        assertEquals(List.of(1L, 2L), List.of(d1.getSeq(), d2.getSeq()));
    }

    @Test
    void data_is_sent_by_alias_only_with_per_metric_timestamps() throws Exception {
        encoder.nodeBirth(T0, Map.of());
        Map<String, Metric> born = byName(parse(encoder.deviceBirth("d1", T0, Map.of("temp", 1.0))));

        Payload data = parse(encoder.deviceData("d1", List.of(new Sample(T0 + 10, Map.of("temp", Double.NaN)),
                new Sample(T0 + 20, Map.of("temp", 3.0))), List.of(new DeviceEvent(T0 + 15, "alarm", "error3"))));

        assertEquals(2, data.getSeq());
        assertEquals(T0 + 20, data.getTimestamp());
        assertEquals(3, data.getMetricsCount());
        for (Metric metric : data.getMetricsList()) {
            assertFalse(metric.hasName());
            assertFalse(metric.hasDatatype());
            assertTrue(metric.hasAlias());
        }
        assertEquals(born.get("temp").getAlias(), data.getMetrics(0).getAlias());
        assertTrue(data.getMetrics(0).getIsNull());
        assertEquals(T0 + 20, data.getMetrics(1).getTimestamp());
        assertEquals(born.get("event/alarm").getAlias(), data.getMetrics(2).getAlias());
        assertEquals("error3", data.getMetrics(2).getStringValue());
        assertEquals(T0 + 15, data.getMetrics(2).getTimestamp());
    }

    @Test
    void ndeath_carries_the_bdseq_and_no_seq_and_the_next_session_counts_on() throws Exception {
        SparkplugEncoder last = new SparkplugEncoder("plant", "gw-1", 255);
        Payload death = parse(last.nodeDeath(T0));

        assertFalse(death.hasSeq());
        assertEquals(255, byName(death).get("bdSeq").getLongValue());
        last.nextSession();
        assertEquals(0, last.bdSeq());
        assertEquals(0, byName(parse(last.nodeDeath(T0))).get("bdSeq").getLongValue());
        assertThrows(IllegalStateException.class, () -> last.deviceBirth("d1", T0, Map.of("temp", 1.0)));
    }

    @Test
    void the_same_calls_write_the_same_bytes() {
        SparkplugEncoder other = new SparkplugEncoder("plant", "gw-1", 7);
        Map<String, Double> channels = Map.of("a", 1.0, "b", 2.0, "c", 3.0, "d", 4.0);

        encoder.nodeBirth(T0, Map.of());
        other.nodeBirth(T0, Map.of());

        assertArrayEquals(encoder.deviceBirth("d1", T0, channels).payload(),
                other.deviceBirth("d1", T0, Map.copyOf(channels)).payload());
        assertEquals(encoder.deviceData("d1", List.of(new Sample(T0, channels)), List.of()),
                other.deviceData("d1", List.of(new Sample(T0, Map.copyOf(channels))), List.of()));
    }

    @Test
    void what_a_birth_did_not_declare_cannot_be_sent() throws Exception {
        assertThrows(IllegalStateException.class, () -> encoder.nodeData(List.of(), List.of()));
        encoder.nodeBirth(T0, Map.of());
        encoder.deviceBirth("d1", T0, Map.of("temp", 1.0));

        IllegalArgumentException channel = assertThrows(IllegalArgumentException.class,
                () -> encoder.deviceData("d1", List.of(new Sample(T0, Map.of("rpm", 1.0))), List.of()));
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                () -> encoder.deviceData("d1", List.of(), List.of(new DeviceEvent(T0, "explosion", "x"))));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> encoder.deviceData("d1", List.of(), List.of()));
        IllegalStateException unborn = assertThrows(IllegalStateException.class,
                () -> encoder.deviceData("d2", List.of(new Sample(T0, Map.of("temp", 1.0))), List.of()));

        assertEquals("device d1: 'rpm' was not declared in its birth", channel.getMessage());
        assertEquals("device d1: 'event/explosion' was not declared in its birth", kind.getMessage());
        assertEquals("device d1: a data message needs a sample or an event", empty.getMessage());
        assertEquals("device d2 has no DBIRTH in this session", unborn.getMessage());
        assertThrows(IllegalArgumentException.class, () -> encoder.deviceBirth("d3", T0, Map.of("event/x", 1.0)));
        assertThrows(IllegalArgumentException.class, () -> encoder.deviceBirth("d3", T0, Map.of("bdSeq", 1.0)));
        assertEquals(2, parse(encoder.deviceBirth("d3", T0, Map.of("temp", 1.0))).getSeq(),
                "a refused birth takes no seq");
        assertThrows(IllegalArgumentException.class, () -> new SparkplugEncoder("plant", "gw-1", 256));
        assertThrows(InvalidTopicException.class, () -> new SparkplugEncoder("plant", "gw/1", 0));
    }

    @Test
    void a_device_birth_carries_its_history_as_historical_event_metrics_that_decode_with_its_reading() throws Exception {
        SparkplugMessage node = encoder.nodeBirth(T0, Map.of());
        List<DeviceEvent> history = List.of(new DeviceEvent(T0 - 2000, "maintenance", "comp1"),
                new DeviceEvent(T0 - 1000, "maintenance", "comp2"), new DeviceEvent(T0, "alarm", "error1"));
        SparkplugMessage birth = encoder.deviceBirth("d1", T0, Map.of("temp", 1.5), history);
        Payload payload = parse(birth);

        List<Metric> events = payload.getMetricsList().stream().filter(Metric::hasStringValue).toList();
        assertEquals(List.of("comp1", "comp2", "error1"), events.stream().map(Metric::getStringValue).toList());
        assertTrue(events.stream().allMatch(Metric::getIsHistorical));
        assertEquals(byName(payload).get("event/maintenance").getAlias(), events.get(0).getAlias(), "the declared alias");
        assertEquals(List.of(T0 - 2000, T0 - 1000, T0), events.stream().map(Metric::getTimestamp).toList());

        SparkplugDecoder decoder = new SparkplugDecoder();
        decoder.decode(node.topic().format(), node.payload(), T0);
        Decoded decoded = decoder.decode(birth.topic().format(), birth.payload(), T0);
        DeviceMessage.Telemetry telemetry = decoded.messages().stream().filter(DeviceMessage.Telemetry.class::isInstance)
                .map(DeviceMessage.Telemetry.class::cast).findFirst().orElseThrow();
        assertEquals(List.of(new Sample(T0, Map.of("temp", 1.5))), telemetry.samples());
        assertEquals(history, telemetry.events());
        assertThrows(IllegalArgumentException.class, () -> encoder.deviceBirth("d2", T0, Map.of("temp", 1.0),
                List.of(new DeviceEvent(T0, "explosion", "x"))));
        assertEquals(2, parse(encoder.deviceData("d1", List.of(new Sample(T0 + 1, Map.of("temp", 2.0))), List.of())).getSeq(),
                "a refused birth takes no seq");
    }

    @Test
    void an_edge_node_recognises_the_rebirth_request_a_host_sends_and_nothing_else() {
        assertTrue(SparkplugEncoder.isRebirthRequest(SparkplugEncoder.rebirthRequest("plant", "gw-1", T0).payload()));
        assertFalse(SparkplugEncoder.isRebirthRequest(encoder.nodeBirth(T0, Map.of()).payload()), "Rebirth = false");
        assertFalse(SparkplugEncoder.isRebirthRequest(encoder.nodeDeath(T0).payload()));
        assertFalse(SparkplugEncoder.isRebirthRequest(new byte[] {(byte) 0xff, 1, 2}));
    }

    @Test
    void a_message_does_not_share_its_payload() {
        byte[] bytes = {1, 2, 3};
        SparkplugMessage message = new SparkplugMessage(SparkplugTopic.node("g", MessageType.NDATA, "n"), bytes);
        bytes[0] = 9;
        message.payload()[1] = 9;

        assertArrayEquals(new byte[] {1, 2, 3}, message.payload());
        assertEquals("SparkplugMessage[spBv1.0/g/NDATA/n, 3 bytes]", message.toString());
    }
}
