package org.prognos.live.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import com.google.protobuf.ByteString;
import org.eclipse.tahu.protobuf.SparkplugBProto.DataType;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload.Metric;
import org.junit.jupiter.api.Test;
import org.prognos.live.device.DeviceMessage;
import org.prognos.live.device.DeviceMessage.DeviceEvent;
import org.prognos.live.device.DeviceMessage.Presence;
import org.prognos.live.device.DeviceMessage.Sample;
import org.prognos.live.device.DeviceMessage.Telemetry;

/** The decoder as a host application: sessions, sequence numbers, aliases, deaths, and what it refuses. */
class SparkplugDecoderTest {
    static final long T0 = 1_700_000_000_000L;
    static final long RECEIVED = T0 + 99_000;
    static final String NODE = "plant/gw-1";

    final SparkplugDecoder decoder = new SparkplugDecoder();
    final SparkplugEncoder node = new SparkplugEncoder("plant", "gw-1", 4);

    Decoded decode(SparkplugMessage message) {
        return decoder.decode(message.topic().format(), message.payload(), RECEIVED);
    }

    List<DeviceMessage> accept(SparkplugMessage message) {
        Decoded decoded = decode(message);
        return assertInstanceOf(Decoded.Accepted.class, decoded, decoded::toString).messages();
    }

    Decoded.Rejected reject(Decoded decoded) {
        return assertInstanceOf(Decoded.Rejected.class, decoded, decoded::toString);
    }

    static TreeMap<String, Double> values(String k1, double v1, String k2, double v2) {
        return new TreeMap<>(Map.of(k1, v1, k2, v2));
    }

    SparkplugMessage ddata(String device, long t, String channel, double value) {
        return node.deviceData(device, List.of(new Sample(t, Map.of(channel, value))), List.of());
    }

    static byte[] payload(long seq, Metric.Builder... metrics) {
        Payload.Builder payload = Payload.newBuilder().setTimestamp(T0).setSeq(seq);
        for (Metric.Builder metric : metrics) {
            payload.addMetrics(metric);
        }
        return payload.build().toByteArray();
    }

    @Test
    void a_device_birth_marks_it_online_and_states_its_values_a_gateway_node_says_nothing() {
        assertEquals(List.of(), accept(node.nodeBirth(T0, Map.of())));

        List<DeviceMessage> born = accept(node.deviceBirth("pump-1", T0 + 5, values("temp", 20.5, "vib", Double.NaN)));

        assertEquals(List.of(new Presence("pump-1", true, T0 + 5, "DBIRTH of device pump-1 on node " + NODE),
                new Telemetry("pump-1", List.of(new Sample(T0 + 5, values("temp", 20.5, "vib", Double.NaN))), List.of())),
                born);
    }

    @Test
    void data_by_alias_resolves_names_and_groups_readings_and_events_by_time() {
        accept(node.nodeBirth(T0, Map.of()));
        accept(node.deviceBirth("pump-1", T0, values("temp", 20.5, "vib", 0.1)));

        List<DeviceMessage> data = accept(node.deviceData("pump-1",
                List.of(new Sample(T0 + 1000, values("temp", 21.0, "vib", Double.NaN)),
                        new Sample(T0 + 2000, Map.of("temp", 21.5))),
                List.of(new DeviceEvent(T0 + 1500, "alarm", "error3"), new DeviceEvent(T0 + 2000, "failure", "comp2"))));

        assertEquals(List.of(new Telemetry("pump-1",
                List.of(new Sample(T0 + 1000, values("temp", 21.0, "vib", Double.NaN)),
                        new Sample(T0 + 2000, Map.of("temp", 21.5))),
                List.of(new DeviceEvent(T0 + 1500, "alarm", "error3"), new DeviceEvent(T0 + 2000, "failure", "comp2")))),
                data);
    }

    @Test
    void seq_wraps_from_255_to_0() throws Exception {
        accept(node.nodeBirth(T0, Map.of()));
        accept(node.deviceBirth("pump-1", T0, Map.of("temp", 1.0)));
        long wrapped = 0;
        for (int i = 2; i <= 300; i++) {
            SparkplugMessage data = ddata("pump-1", T0 + i, "temp", i);
            long seq = Payload.parseFrom(data.payload()).getSeq();
            assertEquals(i % 256, seq);
            wrapped += seq == 0 ? 1 : 0;
            assertEquals(List.of(new Telemetry("pump-1", List.of(new Sample(T0 + i, Map.of("temp", (double) i))),
                    List.of())), accept(data));
        }
        assertEquals(1, wrapped);
    }

    @Test
    void a_sequence_gap_is_rejected_and_the_node_waits_for_a_rebirth() {
        accept(node.nodeBirth(T0, Map.of()));
        accept(node.deviceBirth("pump-1", T0, Map.of("temp", 1.0)));
        ddata("pump-1", T0 + 1, "temp", 2.0);  // lost

        Decoded.Rejected gap = reject(decode(ddata("pump-1", T0 + 2, "temp", 3.0)));
        Decoded.Rejected after = reject(decode(ddata("pump-1", T0 + 3, "temp", 4.0)));

        assertEquals(RejectReason.SEQUENCE_GAP, gap.reason());
        assertEquals("DDATA of device pump-1 on node " + NODE + ": seq 3 where 2 was next", gap.detail());
        assertTrue(gap.reason().rebirthNeeded());
        assertEquals(RejectReason.NO_BIRTH, after.reason());
        assertEquals("DDATA of device pump-1 on node " + NODE
                + " while awaiting a rebirth (sequence gap: seq 3 where 2 was next)", after.detail());

        accept(node.nodeBirth(T0 + 10, Map.of()));
        accept(node.deviceBirth("pump-1", T0 + 10, Map.of("temp", 5.0)));
        assertEquals(1, accept(ddata("pump-1", T0 + 11, "temp", 6.0)).size());
    }

    @Test
    void data_before_a_birth_is_rejected() {
        Decoded.Rejected noNode = reject(decoder.decode("spBv1.0/plant/DDATA/gw-9/pump-1", payload(1), RECEIVED));
        accept(node.nodeBirth(T0, Map.of()));
        Decoded.Rejected noDevice = reject(decoder.decode("spBv1.0/plant/DDATA/gw-1/pump-1",
                payload(1, Metric.newBuilder().setAlias(1).setDoubleValue(1.0)), RECEIVED));

        assertEquals(RejectReason.NO_BIRTH, noNode.reason());
        assertEquals("DDATA of device pump-1 on node plant/gw-9 before the node's NBIRTH", noNode.detail());
        assertEquals(RejectReason.NO_BIRTH, noDevice.reason());
        assertEquals("DDATA of device pump-1 on node " + NODE + " before the device's DBIRTH", noDevice.detail());
        assertTrue(noDevice.reason().rebirthNeeded());
    }

    @Test
    void an_unknown_alias_or_name_rejects_the_message_and_later_data_still_flows() {
        accept(node.nodeBirth(T0, Map.of()));
        accept(node.deviceBirth("pump-1", T0, Map.of("temp", 1.0)));
        String topic = "spBv1.0/plant/DDATA/gw-1/pump-1";

        Decoded.Rejected alias = reject(decoder.decode(topic,
                payload(2, Metric.newBuilder().setAlias(1).setDoubleValue(2.0),
                        Metric.newBuilder().setAlias(999).setDoubleValue(3.0)), RECEIVED));
        Decoded.Rejected name = reject(decoder.decode(topic,
                payload(3, Metric.newBuilder().setName("pressure").setDatatype(DataType.Double_VALUE)
                        .setDoubleValue(3.0)), RECEIVED));
        Decoded.Rejected neither = reject(decoder.decode(topic,
                payload(4, Metric.newBuilder().setDoubleValue(3.0)), RECEIVED));
        Decoded.Accepted byName = assertInstanceOf(Decoded.Accepted.class, decoder.decode(topic,
                payload(5, Metric.newBuilder().setName("temp").setDoubleValue(7.0)), RECEIVED));

        assertEquals(new Decoded.Rejected(RejectReason.UNKNOWN_ALIAS,
                "DDATA of device pump-1 on node " + NODE + ": alias 999 was not in the birth"), alias);
        assertEquals(new Decoded.Rejected(RejectReason.UNKNOWN_METRIC,
                "DDATA of device pump-1 on node " + NODE + ": metric 'pressure' was not in the birth"), name);
        assertEquals(RejectReason.MALFORMED_PAYLOAD, neither.reason());
        assertEquals(List.of(new Telemetry("pump-1", List.of(new Sample(T0, Map.of("temp", 7.0))), List.of())),
                byName.messages());
    }

    @Test
    void ndeath_marks_every_online_device_and_the_node_offline_at_the_received_time() {
        accept(node.nodeBirth(T0, Map.of("cabinet-temp", 30.0)));
        for (String device : List.of("pump-1", "pump-2", "pump-3")) {
            accept(node.deviceBirth(device, T0, Map.of("temp", 1.0)));
        }
        assertEquals(List.of(new Presence("pump-2", false, T0 + 7, "DDEATH of device pump-2 on node " + NODE)),
                accept(node.deviceDeath("pump-2", T0 + 7)));

        List<DeviceMessage> death = accept(node.nodeDeath(T0 - 1000));

        String why = "NDEATH of node " + NODE;
        assertEquals(List.of(new Presence("pump-1", false, RECEIVED, why), new Presence("pump-3", false, RECEIVED, why),
                new Presence("gw-1", false, RECEIVED, why)), death);
        assertEquals(RejectReason.NO_BIRTH, reject(decode(ddata("pump-1", T0 + 8, "temp", 1.0))).reason());
        assertInstanceOf(Decoded.Ignored.class, decode(node.nodeDeath(T0)));
    }

    @Test
    void a_node_with_channels_is_an_asset_of_its_own() {
        List<DeviceMessage> birth = accept(node.nodeBirth(T0, Map.of("cabinet-temp", 30.0)));
        List<DeviceMessage> data = accept(node.nodeData(List.of(new Sample(T0 + 1, Map.of("cabinet-temp", 31.0))),
                List.of(new DeviceEvent(T0 + 1, "maintenance", "fan"))));

        assertEquals(List.of(new Presence("gw-1", true, T0, "NBIRTH of node " + NODE),
                new Telemetry("gw-1", List.of(new Sample(T0, Map.of("cabinet-temp", 30.0))), List.of())), birth);
        assertEquals(List.of(new Telemetry("gw-1", List.of(new Sample(T0 + 1, Map.of("cabinet-temp", 31.0))),
                List.of(new DeviceEvent(T0 + 1, "maintenance", "fan")))), data);
    }

    @Test
    void an_ndeath_of_an_earlier_connection_is_ignored() {
        SparkplugEncoder earlier = new SparkplugEncoder("plant", "gw-1", 3);
        accept(node.nodeBirth(T0, Map.of()));
        accept(node.deviceBirth("pump-1", T0, Map.of("temp", 1.0)));

        Decoded stale = decode(earlier.nodeDeath(T0));

        assertEquals(new Decoded.Ignored("NDEATH of node " + NODE
                + ": bdSeq 3 is not the session's 4 (the will of an earlier connection)"), stale);
        assertEquals(1, accept(ddata("pump-1", T0 + 1, "temp", 2.0)).size());
    }

    @Test
    void a_rebirth_keeps_devices_online_until_the_node_dies_but_forgets_their_aliases() {
        accept(node.nodeBirth(T0, Map.of()));
        accept(node.deviceBirth("pump-1", T0, Map.of("temp", 1.0)));
        SparkplugEncoder sameSession = new SparkplugEncoder("plant", "gw-1", 4);
        accept(sameSession.nodeBirth(T0 + 5, Map.of()));

        Decoded.Rejected data = reject(decoder.decode("spBv1.0/plant/DDATA/gw-1/pump-1",
                payload(1, Metric.newBuilder().setAlias(1).setDoubleValue(1.0)), RECEIVED));
        List<DeviceMessage> death = accept(sameSession.nodeDeath(T0 + 9));

        assertEquals(RejectReason.NO_BIRTH, data.reason());
        assertEquals(List.of(new Presence("pump-1", false, RECEIVED, "NDEATH of node " + NODE)), death);
    }

    @Test
    void a_malformed_payload_is_rejected_with_a_short_detail() {
        accept(node.nodeBirth(T0, Map.of()));

        Decoded.Rejected truncated = reject(decoder.decode("spBv1.0/plant/NDATA/gw-1", new byte[] {0x12, 0x10, 0x01},
                RECEIVED));
        Decoded.Rejected zeroTag = reject(decoder.decode("spBv1.0/plant/NDATA/gw-1", new byte[] {0x00}, RECEIVED));
        Decoded.Rejected noSeq = reject(decoder.decode("spBv1.0/plant/NDATA/gw-1",
                Payload.newBuilder().setTimestamp(T0).build().toByteArray(), RECEIVED));
        Decoded.Rejected bigSeq = reject(decoder.decode("spBv1.0/plant/NDATA/gw-1", payload(256), RECEIVED));

        for (Decoded.Rejected r : List.of(truncated, zeroTag, noSeq, bigSeq)) {
            assertEquals(RejectReason.MALFORMED_PAYLOAD, r.reason());
            assertEquals("malformed_payload", r.reason().label());
            assertTrue(r.detail().startsWith("NDATA of node " + NODE), r.detail());
            assertTrue(r.detail().length() <= 200, r.detail());
            assertFalse(r.reason().rebirthNeeded());
        }
        assertEquals("NDATA of node " + NODE + " without seq", noSeq.detail());
        assertEquals("NDATA of node " + NODE + ": seq 256 outside 0..255", bigSeq.detail());
        assertEquals("NDATA of node " + NODE + ": Protocol message contained an invalid tag (zero).",
                zeroTag.detail());
    }

    @Test
    void a_topic_that_is_not_sparkplug_is_rejected() {
        Decoded.Rejected r = reject(decoder.decode("spBv1.0/plant/NFOO/gw-1", payload(0), RECEIVED));

        assertEquals(RejectReason.INVALID_TOPIC, r.reason());
        assertTrue(r.detail().contains("unknown message type 'NFOO'"), r.detail());
    }

    @Test
    void commands_and_host_states_are_ignored() {
        SparkplugMessage rebirth = SparkplugEncoder.rebirthRequest("plant", "gw-1", T0);

        assertEquals("spBv1.0/plant/NCMD/gw-1", rebirth.topic().format());
        assertInstanceOf(Decoded.Ignored.class, decode(rebirth));
        assertInstanceOf(Decoded.Ignored.class,
                decoder.decode("spBv1.0/plant/DCMD/gw-1/pump-1", new byte[] {0x00}, RECEIVED));
        assertInstanceOf(Decoded.Ignored.class,
                decoder.decode("spBv1.0/STATE/scada", "{\"online\":true}".getBytes(), RECEIVED));
    }

    @Test
    void metrics_that_are_no_reading_are_skipped_one_by_one_with_a_reason() {
        accept(node.nodeBirth(T0, Map.of()));
        String topic = "spBv1.0/plant/DBIRTH/gw-1/pump-1";
        byte[] birth = payload(1,
                Metric.newBuilder().setName("temp").setAlias(10).setDatatype(DataType.Double_VALUE).setDoubleValue(5),
                Metric.newBuilder().setName("table").setAlias(11).setDatatype(DataType.DataSet_VALUE)
                        .setDatasetValue(Payload.DataSet.newBuilder().setNumOfColumns(1).addColumns("c")),
                Metric.newBuilder().setName("motor").setAlias(12).setDatatype(DataType.Template_VALUE)
                        .setTemplateValue(Payload.Template.newBuilder().setTemplateRef("Motor")),
                Metric.newBuilder().setName("blob").setAlias(13).setDatatype(DataType.Bytes_VALUE)
                        .setBytesValue(ByteString.copyFrom(new byte[] {1, 2})),
                Metric.newBuilder().setName("Properties/Make").setAlias(14).setDatatype(DataType.String_VALUE)
                        .setStringValue("Acme"),
                Metric.newBuilder().setName("rpm").setAlias(15).setDatatype(DataType.Int32_VALUE)
                        .setStringValue("fast"),
                Metric.newBuilder().setName("event/explosion").setAlias(16).setDatatype(DataType.String_VALUE)
                        .setStringValue("big"),
                Metric.newBuilder().setName("event/alarm").setAlias(17).setDatatype(DataType.Int32_VALUE)
                        .setIntValue(3),
                Metric.newBuilder().setName("Device Control/Reboot").setAlias(18)
                        .setDatatype(DataType.Boolean_VALUE).setBooleanValue(false));

        Decoded.Accepted decoded = assertInstanceOf(Decoded.Accepted.class, decoder.decode(topic, birth, RECEIVED));

        assertEquals(List.of(new Presence("pump-1", true, T0, "DBIRTH of device pump-1 on node " + NODE),
                new Telemetry("pump-1", List.of(new Sample(T0, Map.of("temp", 5.0))), List.of())), decoded.messages());
        assertEquals(List.of(
                new Decoded.SkippedMetric("table", SkipReason.UNSUPPORTED_DATATYPE, "datatype DataSet"),
                new Decoded.SkippedMetric("motor", SkipReason.UNSUPPORTED_DATATYPE, "datatype Template"),
                new Decoded.SkippedMetric("blob", SkipReason.UNSUPPORTED_DATATYPE, "datatype Bytes"),
                new Decoded.SkippedMetric("Properties/Make", SkipReason.UNSUPPORTED_DATATYPE, "datatype String"),
                new Decoded.SkippedMetric("rpm", SkipReason.VALUE_MISMATCH, "Int32 holding STRING_VALUE"),
                new Decoded.SkippedMetric("event/explosion", SkipReason.UNKNOWN_EVENT_KIND,
                        "kinds are failure, maintenance and alarm"),
                new Decoded.SkippedMetric("event/alarm", SkipReason.UNSUPPORTED_DATATYPE,
                        "event metric of datatype Int32 (String expected)")), decoded.skipped());

        Decoded.Accepted data = assertInstanceOf(Decoded.Accepted.class, decoder.decode(
                "spBv1.0/plant/DDATA/gw-1/pump-1", payload(2,
                        Metric.newBuilder().setAlias(13).setBytesValue(ByteString.EMPTY),
                        Metric.newBuilder().setAlias(10).setIsNull(true)), RECEIVED));
        assertEquals(List.of(new Telemetry("pump-1", List.of(new Sample(T0, Map.of("temp", Double.NaN))),
                List.of())), data.messages());
        assertEquals(List.of(new Decoded.SkippedMetric("blob", SkipReason.UNSUPPORTED_DATATYPE, "datatype Bytes")),
                data.skipped());
        assertEquals("unsupported_datatype", SkipReason.UNSUPPORTED_DATATYPE.label());
    }

    @Test
    void an_alias_given_to_two_metrics_in_a_birth_is_malformed() {
        accept(node.nodeBirth(T0, Map.of()));

        Decoded.Rejected r = reject(decoder.decode("spBv1.0/plant/DBIRTH/gw-1/pump-1", payload(1,
                Metric.newBuilder().setName("a").setAlias(1).setDatatype(DataType.Double_VALUE).setDoubleValue(1),
                Metric.newBuilder().setName("b").setAlias(1).setDatatype(DataType.Double_VALUE).setDoubleValue(2)),
                RECEIVED));

        assertEquals(RejectReason.MALFORMED_PAYLOAD, r.reason());
        assertTrue(r.detail().contains("alias 1 given to two metrics"), r.detail());
    }

    @Test
    void times_fall_back_from_metric_to_payload_to_arrival() {
        accept(node.nodeBirth(T0, Map.of()));
        accept(node.deviceBirth("pump-1", T0, Map.of("temp", 1.0)));
        Payload noTimes = Payload.newBuilder().setSeq(2)
                .addMetrics(Metric.newBuilder().setAlias(1).setDoubleValue(2.0)).build();
        Payload payloadTime = Payload.newBuilder().setSeq(3).setTimestamp(T0 + 50)
                .addMetrics(Metric.newBuilder().setAlias(1).setDoubleValue(3.0))
                .addMetrics(Metric.newBuilder().setAlias(1).setTimestamp(T0 + 40).setDoubleValue(4.0)).build();

        List<DeviceMessage> arrival = decoder.decode("spBv1.0/plant/DDATA/gw-1/pump-1", noTimes.toByteArray(), RECEIVED)
                .messages();
        List<DeviceMessage> mixed = decoder.decode("spBv1.0/plant/DDATA/gw-1/pump-1", payloadTime.toByteArray(),
                RECEIVED).messages();

        assertEquals(List.of(new Telemetry("pump-1", List.of(new Sample(RECEIVED, Map.of("temp", 2.0))), List.of())),
                arrival);
        assertEquals(List.of(new Telemetry("pump-1", List.of(new Sample(T0 + 40, Map.of("temp", 4.0)),
                new Sample(T0 + 50, Map.of("temp", 3.0))), List.of())), mixed);
    }

    @Test
    void assets_are_named_by_the_mapping() {
        SparkplugDecoder mapped = new SparkplugDecoder(new AssetMapping("{group}.{node}.{device}", "{group}.{node}"));
        mapped.decode("spBv1.0/plant/NBIRTH/gw-1", node.nodeBirth(T0, Map.of("cabinet-temp", 30.0)).payload(),
                RECEIVED);

        List<DeviceMessage> born = mapped.decode("spBv1.0/plant/DBIRTH/gw-1/pump-1",
                node.deviceBirth("pump-1", T0, Map.of("temp", 1.0)).payload(), RECEIVED).messages();
        List<DeviceMessage> died = mapped.decode("spBv1.0/plant/NDEATH/gw-1", node.nodeDeath(T0).payload(), RECEIVED)
                .messages();

        assertEquals(List.of("plant.gw-1.pump-1", "plant.gw-1.pump-1"), born.stream().map(DeviceMessage::asset).toList());
        assertEquals(List.of("plant.gw-1.pump-1", "plant.gw-1"), died.stream().map(DeviceMessage::asset).toList());
    }
}
