package org.prognos.live.sparkplug;

import com.google.protobuf.InvalidProtocolBufferException;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload.Metric;
import org.prognos.live.device.DeviceMessage;
import org.prognos.live.device.DeviceMessage.Presence;
import org.prognos.live.sparkplug.EdgeNodeState.Session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Reads Sparkplug B messages as a host application does, into {@link DeviceMessage}s.
 *
 * <p>It follows each edge node's session: an {@code NBIRTH} defines the node's metrics (names, aliases, datatypes),
 * its {@code bdSeq} and the first {@code seq}; a {@code DBIRTH} defines a device's metrics; data messages may name
 * metrics by alias only. Every message after the NBIRTH but the NDEATH carries the next {@code seq} (0..255,
 * wrapping to 0). Births mark their asset online, {@code DDEATH} its device offline, {@code NDEATH} every online
 * device of the node and the node itself (when its birth made it an asset, see {@link AssetMapping}); an NDEATH whose
 * {@code bdSeq} is not the session's is a stale will and is ignored.
 *
 * <p>Nothing a device sends makes it throw. A lost message (a gap in {@code seq}), data before a birth, or an alias
 * or name its birth did not define is {@link Decoded.Rejected} with a reason whose
 * {@link RejectReason#rebirthNeeded()} says to ask the node for a rebirth; after a gap the node's data is rejected
 * ({@link RejectReason#NO_BIRTH}) until its next NBIRTH, since what it defined in between is unknown. Metrics that
 * are no reading are left out one by one ({@link Decoded.SkippedMetric}).
 *
 * <p>Times: a metric's timestamp, else its payload's, else the time the caller received the message. An NDEATH's
 * presence takes the received time: the broker publishes a will when the connection is lost, long after the node
 * wrote its timestamp.
 *
 * <p>Not thread-safe: one decoder holds the state of all the edge nodes it has seen, and must see each node's
 * messages one at a time in the order they arrived (one MQTT callback thread, or one decoder per partition of nodes).
 */
public final class SparkplugDecoder {
    private static final int MAX_DETAIL = 200;

    private final AssetMapping assets;
    private final Map<NodeKey, EdgeNodeState> nodes = new HashMap<>();

    /** An edge node, by group and node id. */
    private record NodeKey(String group, String node) {
    }

    /** A decoder naming assets by {@link AssetMapping#DEFAULT}. */
    public SparkplugDecoder() {
        this(AssetMapping.DEFAULT);
    }

    /** A decoder naming assets by {@code assets}. */
    public SparkplugDecoder(AssetMapping assets) {
        this.assets = Objects.requireNonNull(assets, "assets");
    }

    /**
     * Decodes one MQTT message.
     *
     * @param topic          the MQTT topic; one that is not Sparkplug B is {@link RejectReason#INVALID_TOPIC}
     * @param payload        the payload bytes (not kept)
     * @param receivedMillis when the message arrived, epoch milliseconds: the time of what carries none
     */
    public Decoded decode(String topic, byte[] payload, long receivedMillis) {
        SparkplugTopic parsed;
        try {
            parsed = SparkplugTopic.parse(topic);
        } catch (InvalidTopicException e) {
            return new Decoded.Rejected(RejectReason.INVALID_TOPIC, shortened(e.getMessage()));
        }
        return decode(parsed, payload, receivedMillis);
    }

    /** Decodes one MQTT message whose topic is already parsed; see {@link #decode(String, byte[], long)}. */
    public Decoded decode(SparkplugTopic topic, byte[] payload, long receivedMillis) {
        if (!(topic instanceof SparkplugTopic.Edge edge)) {
            return new Decoded.Ignored("a host application's state");
        }
        if (edge.type() == MessageType.NCMD || edge.type() == MessageType.DCMD) {
            return new Decoded.Ignored(describe(edge) + ": a command, not for a host to read");
        }
        Payload parsed;
        try {
            parsed = Payload.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            return new Decoded.Rejected(RejectReason.MALFORMED_PAYLOAD,
                    shortened(describe(edge) + ": " + firstSentence(String.valueOf(e.getMessage()))));
        }
        Message message = new Message(edge, new NodeKey(edge.group(), edge.edgeNode()), parsed,
                parsed.hasTimestamp() ? parsed.getTimestamp() : receivedMillis, receivedMillis, describe(edge));
        try {
            return switch (edge.type()) {
                case NBIRTH -> nodeBirth(message);
                case NDEATH -> nodeDeath(message);
                case NDATA -> nodeData(message);
                case DBIRTH -> deviceBirth(message);
                case DDATA -> deviceData(message);
                case DDEATH -> deviceDeath(message);
                case NCMD, DCMD, STATE -> new Decoded.Ignored(message.what());
            };
        } catch (MessageRejected e) {
            return e.result();
        }
    }

    /** One message on its way through: its topic, payload, send time, and the phrase that names it in details. */
    private record Message(SparkplugTopic.Edge topic, NodeKey key, Payload payload, long sentMillis,
                           long receivedMillis, String what) {
        String device() {
            return topic.device().orElseThrow();
        }
    }

    private Decoded nodeBirth(Message m) throws MessageRejected {
        long seq = seq(m);
        MetricTable metrics = MetricTable.born(m.payload().getMetricsList(), m.what());
        boolean nodeIsAsset = metrics.describesAsset();
        nodes.computeIfAbsent(m.key(), k -> new EdgeNodeState()).born(bdSeq(m.payload()), metrics, seq, nodeIsAsset);
        return born(m, metrics, nodeAsset(m), nodeIsAsset);
    }

    private Decoded deviceBirth(Message m) throws MessageRejected {
        EdgeNodeState node = node(m);
        Session live = node.liveSession(m.what());
        node.advance(live, seq(m), m.what());
        MetricTable metrics = MetricTable.born(m.payload().getMetricsList(), m.what());
        live.deviceBorn(m.device(), metrics);
        node.deviceOnline(m.device());
        return born(m, metrics, deviceAsset(m, m.device()), true);
    }

    /** A birth's presence (when it makes an asset) and the values it states. */
    private static Decoded born(Message m, MetricTable metrics, String asset, boolean isAsset) throws MessageRejected {
        List<DeviceMessage> out = new ArrayList<>(2);
        if (isAsset) {
            out.add(new Presence(asset, true, m.sentMillis(), m.what()));
        }
        TelemetryBuilder telemetry = read(m, metrics);
        telemetry.build(asset).ifPresent(out::add);
        return new Decoded.Accepted(out, telemetry.skipped());
    }

    private Decoded nodeData(Message m) throws MessageRejected {
        EdgeNodeState node = node(m);
        Session live = node.liveSession(m.what());
        node.advance(live, seq(m), m.what());
        return data(m, live.nodeMetrics(), nodeAsset(m));
    }

    private Decoded deviceData(Message m) throws MessageRejected {
        EdgeNodeState node = node(m);
        Session live = node.liveSession(m.what());
        node.advance(live, seq(m), m.what());
        MetricTable metrics = live.deviceMetrics(m.device()).orElseThrow(
                () -> new MessageRejected(RejectReason.NO_BIRTH, m.what() + " before the device's DBIRTH"));
        return data(m, metrics, deviceAsset(m, m.device()));
    }

    private static Decoded data(Message m, MetricTable metrics, String asset) throws MessageRejected {
        TelemetryBuilder telemetry = read(m, metrics);
        return new Decoded.Accepted(telemetry.build(asset).stream().map(DeviceMessage.class::cast).toList(),
                telemetry.skipped());
    }

    private Decoded deviceDeath(Message m) throws MessageRejected {
        EdgeNodeState node = node(m);
        Session live = node.liveSession(m.what());
        node.advance(live, seq(m), m.what());
        live.deviceDied(m.device());
        if (!node.deviceOffline(m.device())) {
            return new Decoded.Ignored(m.what() + ": the device was not online");
        }
        return new Decoded.Accepted(List.of(new Presence(deviceAsset(m, m.device()), false, m.sentMillis(), m.what())),
                List.of());
    }

    private Decoded nodeDeath(Message m) {
        EdgeNodeState node = nodes.get(m.key());
        if (node == null || node.session().isEmpty()) {
            return new Decoded.Ignored(m.what() + ": the node is not online");
        }
        OptionalLong died = bdSeq(m.payload());
        OptionalLong born = node.session().get().bdSeq();
        if (died.isPresent() && born.isPresent() && died.getAsLong() != born.getAsLong()) {
            return new Decoded.Ignored(m.what() + ": bdSeq " + died.getAsLong() + " is not the session's "
                    + born.getAsLong() + " (the will of an earlier connection)");
        }
        boolean nodeWasOnline = node.nodeOnline();
        List<DeviceMessage> out = new ArrayList<>();
        for (String device : node.died()) {
            out.add(new Presence(deviceAsset(m, device), false, m.receivedMillis(), m.what()));
        }
        if (nodeWasOnline) {
            out.add(new Presence(nodeAsset(m), false, m.receivedMillis(), m.what()));
        }
        nodes.remove(m.key());
        return new Decoded.Accepted(out, List.of());
    }

    /** Reads every metric of the message against the birth's definitions; one undefined metric rejects it all. */
    private static TelemetryBuilder read(Message m, MetricTable metrics) throws MessageRejected {
        TelemetryBuilder telemetry = new TelemetryBuilder();
        for (Metric metric : m.payload().getMetricsList()) {
            MetricDefinition def = metrics.resolve(metric, m.what());
            def.read(metric, metric.hasTimestamp() ? metric.getTimestamp() : m.sentMillis(), telemetry);
        }
        return telemetry;
    }

    private EdgeNodeState node(Message m) throws MessageRejected {
        EdgeNodeState node = nodes.get(m.key());
        if (node == null) {
            throw new MessageRejected(RejectReason.NO_BIRTH, m.what() + " before the node's NBIRTH");
        }
        return node;
    }

    /** The payload's seq, which every message but NDEATH must carry. */
    private static long seq(Message m) throws MessageRejected {
        Payload payload = m.payload();
        if (!payload.hasSeq()) {
            throw new MessageRejected(RejectReason.MALFORMED_PAYLOAD, m.what() + " without seq");
        }
        if (payload.getSeq() < 0 || payload.getSeq() > 255) {
            throw new MessageRejected(RejectReason.MALFORMED_PAYLOAD,
                    m.what() + ": seq " + Long.toUnsignedString(payload.getSeq()) + " outside 0..255");
        }
        return payload.getSeq();
    }

    /** The value of the {@code bdSeq} metric of an NBIRTH or NDEATH, when it has one. */
    private static OptionalLong bdSeq(Payload payload) {
        for (Metric metric : payload.getMetricsList()) {
            if ("bdSeq".equals(metric.getName())) {
                if (metric.hasLongValue()) {
                    return OptionalLong.of(metric.getLongValue());
                }
                if (metric.hasIntValue()) {
                    return OptionalLong.of(Integer.toUnsignedLong(metric.getIntValue()));
                }
            }
        }
        return OptionalLong.empty();
    }

    private String nodeAsset(Message m) {
        return assets.node(m.topic().group(), m.topic().edgeNode());
    }

    private String deviceAsset(Message m, String device) {
        return assets.device(m.topic().group(), m.topic().edgeNode(), device);
    }

    private static String describe(SparkplugTopic.Edge topic) {
        return topic.type() + " of " + topic.device().map(d -> "device " + d + " on ").orElse("")
                + "node " + topic.group() + "/" + topic.edgeNode();
    }

    /** Protobuf explains at length; its first sentence says what went wrong. */
    private static String firstSentence(String message) {
        int end = message.indexOf(". ");
        return end < 0 ? message : message.substring(0, end + 1);
    }

    private static String shortened(String detail) {
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 3) + "...";
    }
}
