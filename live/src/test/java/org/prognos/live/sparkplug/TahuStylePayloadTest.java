package org.prognos.live.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.tahu.protobuf.SparkplugBProto.DataType;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload.Metric;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload.PropertySet;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload.PropertyValue;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload.Template;
import org.junit.jupiter.api.Test;
import org.prognos.live.device.DeviceMessage.DeviceEvent;
import org.prognos.live.device.DeviceMessage.Presence;
import org.prognos.live.device.DeviceMessage.Sample;
import org.prognos.live.device.DeviceMessage.Telemetry;

/**
 * Payloads built with the generated protobuf builders the way Eclipse Tahu's example edge nodes fill them (aliases
 * from 0, datatypes restated in data, integers in the Java library's and the Python library's encodings, templates,
 * properties), not by our encoder: the decoder reads what other edge nodes send, not only what we write.
 */
class TahuStylePayloadTest {
    static final long T0 = 1_712_000_000_000L;
    static final long RECEIVED = T0 + 60_000;
    static final double EXACT = 0.0;

    final SparkplugDecoder decoder = new SparkplugDecoder();

    static Metric.Builder metric(String name, long alias, DataType type) {
        return Metric.newBuilder().setName(name).setAlias(alias).setTimestamp(T0).setDatatype(type.getNumber());
    }

    static Metric.Builder byAlias(long alias, DataType type, long timestamp) {
        return Metric.newBuilder().setAlias(alias).setTimestamp(timestamp).setDatatype(type.getNumber());
    }

    static byte[] nodeBirth() {
        return Payload.newBuilder().setTimestamp(T0).setSeq(0)
                .addMetrics(Metric.newBuilder().setName("bdSeq").setTimestamp(T0).setDatatype(DataType.Int64_VALUE)
                        .setLongValue(0))
                .addMetrics(metric("Node Control/Next Server", 0, DataType.Boolean).setBooleanValue(false))
                .addMetrics(metric("Node Control/Rebirth", 1, DataType.Boolean).setBooleanValue(false))
                .addMetrics(metric("Node Control/Reboot", 2, DataType.Boolean).setBooleanValue(false))
                .addMetrics(metric("Node Metric0", 3, DataType.String).setStringValue("hello node"))
                .addMetrics(metric("Node Metric1", 4, DataType.Boolean).setBooleanValue(true))
                .addMetrics(metric("Node Metric2", 5, DataType.Int16).setIntValue(13)
                        .setProperties(PropertySet.newBuilder().addKeys("engUnit").addValues(PropertyValue
                                .newBuilder().setType(DataType.String_VALUE).setStringValue("MyCustomUnits"))))
                .addMetrics(Metric.newBuilder().setName("_types_/Custom_Motor").setTimestamp(T0)
                        .setDatatype(DataType.Template_VALUE).setTemplateValue(Template.newBuilder()
                                .setIsDefinition(true).addMetrics(Metric.newBuilder().setName("RPMs")
                                        .setDatatype(DataType.Int32_VALUE).setIntValue(0))))
                .build().toByteArray();
    }

    static byte[] deviceBirth() {
        return Payload.newBuilder().setTimestamp(T0).setSeq(1)
                .addMetrics(metric("input/Device Metric0", 6, DataType.String).setStringValue("hello device"))
                .addMetrics(metric("input/Device Metric1", 7, DataType.Boolean).setBooleanValue(true))
                .addMetrics(metric("output/Device Metric2", 8, DataType.Int16).setIntValue(16))
                .addMetrics(metric("int8/python", 9, DataType.Int8).setIntValue(255))             // -1 + 2^8
                .addMetrics(metric("int8/java", 10, DataType.Int8).setIntValue(-2))               // sign-extended
                .addMetrics(metric("int16/python", 11, DataType.Int16).setIntValue(65536 - 300))  // -300
                .addMetrics(metric("int64/python", 12, DataType.Int64).setLongValue(-5L))         // 2^64 - 5
                .addMetrics(metric("uint32/long", 13, DataType.UInt32).setLongValue(4_000_000_000L))
                .addMetrics(metric("uint32/int", 14, DataType.UInt32).setIntValue((int) 4_000_000_000L))
                .addMetrics(metric("uint64/max", 15, DataType.UInt64).setLongValue(-1L))          // 2^64 - 1
                .addMetrics(metric("float", 16, DataType.Float).setFloatValue(1.5f))
                .addMetrics(metric("uint8", 17, DataType.UInt8).setIntValue(200))
                .addMetrics(metric("started", 18, DataType.DateTime).setLongValue(T0 - 5))
                .addMetrics(Metric.newBuilder().setName("My Custom Motor").setAlias(19).setTimestamp(T0)
                        .setDatatype(DataType.Template_VALUE).setTemplateValue(Template.newBuilder()
                                .setTemplateRef("Custom_Motor").addMetrics(Metric.newBuilder().setName("RPMs")
                                        .setDatatype(DataType.Int32_VALUE).setIntValue(123))))
                .build().toByteArray();
    }

    @Test
    void a_tahu_style_node_and_device_birth_are_read_with_every_integer_encoding() {
        Decoded.Accepted node = assertInstanceOf(Decoded.Accepted.class,
                decoder.decode("spBv1.0/Sparkplug B Devices/NBIRTH/Java Sparkplug B Example", nodeBirth(), RECEIVED));
        Decoded.Accepted device = assertInstanceOf(Decoded.Accepted.class, decoder.decode(
                "spBv1.0/Sparkplug B Devices/DBIRTH/Java Sparkplug B Example/SparkplugAERO", deviceBirth(), RECEIVED));

        String nodeId = "Java Sparkplug B Example";
        assertEquals(List.of(new Presence(nodeId, true, T0, "NBIRTH of node Sparkplug B Devices/" + nodeId),
                new Telemetry(nodeId, List.of(new Sample(T0, Map.of("Node Metric1", 1.0, "Node Metric2", 13.0))),
                        List.of())), node.messages());
        assertEquals(List.of("Node Metric0", "_types_/Custom_Motor"),
                node.skipped().stream().map(Decoded.SkippedMetric::metric).toList());

        Telemetry readings = assertInstanceOf(Telemetry.class, device.messages().get(1));
        Map<String, Double> values = readings.samples().get(0).values();
        assertEquals(1.0, values.get("input/Device Metric1"), EXACT);
        assertEquals(16.0, values.get("output/Device Metric2"), EXACT);
        assertEquals(-1.0, values.get("int8/python"), EXACT);
        assertEquals(-2.0, values.get("int8/java"), EXACT);
        assertEquals(-300.0, values.get("int16/python"), EXACT);
        assertEquals(-5.0, values.get("int64/python"), EXACT);
        assertEquals(4.0e9, values.get("uint32/long"), EXACT);
        assertEquals(4.0e9, values.get("uint32/int"), EXACT);
        assertEquals(18_446_744_073_709_551_615.0, values.get("uint64/max"), EXACT);
        assertEquals(1.5, values.get("float"), EXACT);
        assertEquals(200.0, values.get("uint8"), EXACT);
        assertEquals(11, values.size());
        assertEquals(Map.of("input/Device Metric0", "datatype String", "started", "datatype DateTime",
                        "My Custom Motor", "datatype Template"),
                device.skipped().stream().collect(Collectors.toMap(Decoded.SkippedMetric::metric,
                        Decoded.SkippedMetric::detail)));
    }

    @Test
    void tahu_style_data_with_aliases_and_restated_datatypes_is_resolved() {
        decoder.decode("spBv1.0/Sparkplug B Devices/NBIRTH/edge", nodeBirth(), RECEIVED);
        decoder.decode("spBv1.0/Sparkplug B Devices/DBIRTH/edge/aero", deviceBirth(), RECEIVED);
        byte[] data = Payload.newBuilder().setTimestamp(T0 + 1000).setSeq(2)
                .addMetrics(byAlias(7, DataType.Boolean, T0 + 1000).setBooleanValue(false))
                .addMetrics(byAlias(8, DataType.Int16, T0 + 1000).setIntValue(65535))            // -1, Python style
                .addMetrics(byAlias(6, DataType.String, T0 + 1000).setStringValue("qwertyuiopas"))
                .addMetrics(Metric.newBuilder().setName("float").setTimestamp(T0 + 900).setFloatValue(2.25f))
                .build().toByteArray();

        Decoded.Accepted decoded = assertInstanceOf(Decoded.Accepted.class,
                decoder.decode("spBv1.0/Sparkplug B Devices/DDATA/edge/aero", data, RECEIVED));

        assertEquals(List.of(new Telemetry("aero", List.of(new Sample(T0 + 900, Map.of("float", 2.25)),
                new Sample(T0 + 1000, Map.of("input/Device Metric1", 0.0, "output/Device Metric2", -1.0))),
                List.of())), decoded.messages());
        assertEquals(List.of(new Decoded.SkippedMetric("input/Device Metric0", SkipReason.UNSUPPORTED_DATATYPE,
                "datatype String")), decoded.skipped());
    }

    @Test
    void a_tahu_style_event_metric_becomes_an_event() {
        decoder.decode("spBv1.0/g/NBIRTH/edge", nodeBirth(), RECEIVED);
        decoder.decode("spBv1.0/g/DBIRTH/edge/aero", Payload.newBuilder().setTimestamp(T0).setSeq(1)
                .addMetrics(metric("event/failure", 30, DataType.String).setIsNull(true))
                .build().toByteArray(), RECEIVED);

        Decoded decoded = decoder.decode("spBv1.0/g/DDATA/edge/aero", Payload.newBuilder().setTimestamp(T0 + 5)
                .setSeq(2).addMetrics(byAlias(30, DataType.String, T0 + 4).setStringValue("comp4"))
                .build().toByteArray(), RECEIVED);

        assertEquals(List.of(new Telemetry("aero", List.of(),
                        List.of(new DeviceEvent(T0 + 4, "failure", "comp4")))),
                decoded.messages());
    }
}
