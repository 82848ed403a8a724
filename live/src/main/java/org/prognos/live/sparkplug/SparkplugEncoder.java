package org.prognos.live.sparkplug;

import com.google.protobuf.InvalidProtocolBufferException;
import org.eclipse.tahu.protobuf.SparkplugBProto.DataType;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload.Metric;
import org.prognos.features.telemetry.EventKind;
import org.prognos.live.device.DeviceMessage.DeviceEvent;
import org.prognos.live.device.DeviceMessage.Sample;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes what one Sparkplug B edge node publishes, for the fleet simulator: births with aliases, data by alias only
 * (as real edge nodes send it), deaths, with the payload {@code seq} numbered 0..255 from each NBIRTH and the
 * {@code bdSeq} of the MQTT session in NBIRTH and NDEATH.
 *
 * <p>Channels are Double metrics named after the channel ({@code NaN} is sent as {@code is_null}). A device's birth,
 * and a node's birth with channels of its own, also declare the three event metrics {@code event/failure}, {@code event/maintenance} and
 * {@code event/alarm} (String, null), so that data can carry an event's code by alias; a device's birth may carry the
 * events it reports as it comes online (its history) as further occurrences of those metrics. Aliases are unique
 * across the edge node and given in channel-name order, so the same calls write the same bytes.
 *
 * <p>A session: {@link #nodeDeath} is the will to register when connecting (it changes nothing), {@link #nodeBirth}
 * once connected, then device births, data and deaths; a new {@link #nodeBirth} and every device's birth when a host
 * asks for a rebirth ({@link #isRebirthRequest}); {@link #nextSession} before connecting again. Not
 * thread-safe: one encoder per simulated edge node, used by one thread at a time.
 */
public final class SparkplugEncoder {
    private static final int SEQ_MODULUS = 256;
    private static final String REBIRTH = "Node Control/Rebirth";

    private final String group;
    private final String edgeNode;
    private long bdSeq;
    private long seq;
    private long nextAlias;
    private boolean born;
    private Map<String, Long> nodeAliases = Map.of();
    private final Map<String, Map<String, Long>> deviceAliases = new HashMap<>();

    /**
     * An edge node about to connect.
     *
     * @param group    the group id
     * @param edgeNode the edge node id
     * @param bdSeq    the birth/death sequence of this connection, 0..255 (one more than the previous connection's)
     * @throws InvalidTopicException when an id cannot be part of a topic
     */
    public SparkplugEncoder(String group, String edgeNode, long bdSeq) {
        SparkplugTopic.node(group, MessageType.NBIRTH, edgeNode);
        if (bdSeq < 0 || bdSeq >= SEQ_MODULUS) {
            throw new IllegalArgumentException("bdSeq " + bdSeq + " outside 0..255");
        }
        this.group = group;
        this.edgeNode = edgeNode;
        this.bdSeq = bdSeq;
    }

    /** The bdSeq of the current connection. */
    public long bdSeq() {
        return bdSeq;
    }

    /** Moves to the next connection: bdSeq + 1 (wrapping at 256); births are needed again. */
    public void nextSession() {
        bdSeq = (bdSeq + 1) % SEQ_MODULUS;
        born = false;
        nodeAliases = Map.of();
        deviceAliases.clear();
    }

    /**
     * The NDEATH of the current connection: register it as the MQTT will when connecting, or publish it before a
     * clean disconnect. Changes nothing.
     */
    public SparkplugMessage nodeDeath(long epochMillis) {
        Payload payload = Payload.newBuilder().setTimestamp(epochMillis).addMetrics(bdSeqMetric(epochMillis)).build();
        return message(SparkplugTopic.node(group, MessageType.NDEATH, edgeNode), payload);
    }

    /**
     * The NBIRTH that starts a session (seq 0): bdSeq, {@code Node Control/Rebirth}, and the node's own channels
     * with their current values (none for a node that is only a gateway). Devices must be born again after it.
     */
    public SparkplugMessage nodeBirth(long epochMillis, Map<String, Double> channels) {
        checkNames(channels);
        born = true;
        seq = 0;
        nextAlias = 1;
        deviceAliases.clear();
        Payload.Builder payload = Payload.newBuilder().setTimestamp(epochMillis).setSeq(seq)
                .addMetrics(bdSeqMetric(epochMillis))
                .addMetrics(Metric.newBuilder().setName(REBIRTH).setTimestamp(epochMillis)
                        .setDatatype(DataType.Boolean_VALUE).setBooleanValue(false));
        nodeAliases = channels.isEmpty() ? Map.of() : declare(payload, epochMillis, channels);
        return message(SparkplugTopic.node(group, MessageType.NBIRTH, edgeNode), payload.build());
    }

    /** NDATA: readings and events of the node's own channels, by alias. */
    public SparkplugMessage nodeData(List<Sample> samples, List<DeviceEvent> events) {
        requireBorn();
        return message(SparkplugTopic.node(group, MessageType.NDATA, edgeNode),
                data(nodeAliases, "node " + edgeNode, samples, events));
    }

    /** DBIRTH: the device's channels with their current values, and its event metrics. */
    public SparkplugMessage deviceBirth(String device, long epochMillis, Map<String, Double> channels) {
        return deviceBirth(device, epochMillis, channels, List.of());
    }

    /**
     * DBIRTH with the events the device reports as it comes online (its maintenance record, say): after the
     * declarations, each event repeats its event metric by name and alias with the code as value, at the event's own
     * timestamp, marked historical. A host reads them as events, together with the reading the birth's values make.
     *
     * @throws IllegalArgumentException for an unknown event kind, or a channel named like a Sparkplug or event metric
     */
    public SparkplugMessage deviceBirth(String device, long epochMillis, Map<String, Double> channels,
                                        List<DeviceEvent> history) {
        requireBorn();
        checkNames(channels);
        checkKinds(history);
        SparkplugTopic.Edge topic = SparkplugTopic.device(group, MessageType.DBIRTH, edgeNode, device);
        Payload.Builder payload = Payload.newBuilder().setTimestamp(epochMillis).setSeq(nextSeq());
        Map<String, Long> aliases = declare(payload, epochMillis, channels);
        for (DeviceEvent event : history) {
            String name = MetricDefinition.EVENT_PREFIX + event.kind();
            payload.addMetrics(Metric.newBuilder().setName(name).setAlias(aliases.get(name))
                    .setTimestamp(event.epochMillis()).setDatatype(DataType.String_VALUE).setIsHistorical(true)
                    .setStringValue(event.code()));
        }
        deviceAliases.put(device, aliases);
        return message(topic, payload.build());
    }

    /**
     * DDATA: readings (each sample one instant) and events of a born device, every metric by alias with its own
     * timestamp; the payload's timestamp is the latest of them.
     *
     * @throws IllegalArgumentException for a channel the birth did not declare, an unknown event kind, or nothing
     *                                  to send
     * @throws IllegalStateException    before the device's birth
     */
    public SparkplugMessage deviceData(String device, List<Sample> samples, List<DeviceEvent> events) {
        requireBorn();
        Map<String, Long> aliases = deviceAliases.get(device);
        if (aliases == null) {
            throw new IllegalStateException("device " + device + " has no DBIRTH in this session");
        }
        return message(SparkplugTopic.device(group, MessageType.DDATA, edgeNode, device),
                data(aliases, "device " + device, samples, events));
    }

    /** DDEATH of a born device; data for it needs a new birth. */
    public SparkplugMessage deviceDeath(String device, long epochMillis) {
        requireBorn();
        if (deviceAliases.remove(device) == null) {
            throw new IllegalStateException("device " + device + " has no DBIRTH in this session");
        }
        Payload payload = Payload.newBuilder().setTimestamp(epochMillis).setSeq(nextSeq()).build();
        return message(SparkplugTopic.device(group, MessageType.DDEATH, edgeNode, device), payload);
    }

    /**
     * The NCMD a host sends to ask an edge node for a rebirth ({@code Node Control/Rebirth = true}), after a
     * rejection whose {@link RejectReason#rebirthNeeded()} is true.
     */
    public static SparkplugMessage rebirthRequest(String group, String edgeNode, long epochMillis) {
        Payload payload = Payload.newBuilder().setTimestamp(epochMillis)
                .addMetrics(Metric.newBuilder().setName(REBIRTH).setTimestamp(epochMillis)
                        .setDatatype(DataType.Boolean_VALUE).setBooleanValue(true))
                .build();
        return message(SparkplugTopic.node(group, MessageType.NCMD, edgeNode), payload);
    }

    /**
     * Whether an NCMD payload asks the edge node for a rebirth ({@code Node Control/Rebirth = true}), as an edge node
     * reads the commands a host sends it (see {@link #rebirthRequest}). False for any other command, and for bytes that
     * are no Sparkplug B payload.
     */
    public static boolean isRebirthRequest(byte[] ncmdPayload) {
        Payload payload;
        try {
            payload = Payload.parseFrom(ncmdPayload);
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
        for (Metric metric : payload.getMetricsList()) {
            if (REBIRTH.equals(metric.getName()) && metric.hasBooleanValue() && metric.getBooleanValue()) {
                return true;
            }
        }
        return false;
    }

    /** Checked before a birth changes any state, like the names. */
    private static void checkKinds(List<DeviceEvent> events) {
        for (DeviceEvent event : events) {
            if (MetricDefinition.eventKind(MetricDefinition.EVENT_PREFIX + event.kind()).isEmpty()) {
                throw new IllegalArgumentException("event kind '" + event.kind() + "' is not failure, maintenance or alarm");
            }
        }
    }

    /** Checked before a birth changes any state, so a refused birth leaves seq and aliases as they were. */
    private static void checkNames(Map<String, Double> channels) {
        for (String channel : channels.keySet()) {
            if (MetricDefinition.Role.of(channel) != MetricDefinition.Role.CHANNEL) {
                throw new IllegalArgumentException("channel '" + channel + "' has a name Sparkplug or events use");
            }
        }
    }

    /** Adds a birth's channels (Double, with aliases) and event metrics; their aliases by name. */
    private Map<String, Long> declare(Payload.Builder payload, long epochMillis, Map<String, Double> channels) {
        Map<String, Long> aliases = new HashMap<>();
        new TreeMap<>(channels).forEach((channel, value) -> {
            long alias = nextAlias++;
            aliases.put(channel, alias);
            payload.addMetrics(value(Metric.newBuilder().setName(channel).setAlias(alias).setTimestamp(epochMillis)
                    .setDatatype(DataType.Double_VALUE), value));
        });
        for (EventKind kind : EventKind.values()) {
            String name = MetricDefinition.eventMetric(kind);
            long alias = nextAlias++;
            aliases.put(name, alias);
            payload.addMetrics(Metric.newBuilder().setName(name).setAlias(alias).setTimestamp(epochMillis)
                    .setDatatype(DataType.String_VALUE).setIsNull(true));
        }
        return Map.copyOf(aliases);
    }

    private Payload data(Map<String, Long> aliases, String what, List<Sample> samples, List<DeviceEvent> events) {
        if (samples.isEmpty() && events.isEmpty()) {
            throw new IllegalArgumentException(what + ": a data message needs a sample or an event");
        }
        long latest = Long.MIN_VALUE;
        Payload.Builder payload = Payload.newBuilder();
        for (Sample sample : samples) {
            latest = Math.max(latest, sample.epochMillis());
            new TreeMap<>(sample.values()).forEach((channel, value) -> payload.addMetrics(
                    value(Metric.newBuilder().setAlias(alias(aliases, what, channel)).setTimestamp(sample.epochMillis()),
                            value)));
        }
        for (DeviceEvent event : events) {
            latest = Math.max(latest, event.epochMillis());
            payload.addMetrics(Metric.newBuilder().setAlias(alias(aliases, what, MetricDefinition.EVENT_PREFIX
                    + event.kind())).setTimestamp(event.epochMillis()).setStringValue(event.code()));
        }
        return payload.setTimestamp(latest).setSeq(nextSeq()).build();
    }

    private static long alias(Map<String, Long> aliases, String what, String metric) {
        Long alias = aliases.get(metric);
        if (alias == null) {
            throw new IllegalArgumentException(what + ": '" + metric + "' was not declared in its birth");
        }
        return alias;
    }

    private static Metric.Builder value(Metric.Builder metric, double value) {
        return Double.isNaN(value) ? metric.setIsNull(true) : metric.setDoubleValue(value);
    }

    private Metric.Builder bdSeqMetric(long epochMillis) {
        return Metric.newBuilder().setName("bdSeq").setTimestamp(epochMillis).setDatatype(DataType.Int64_VALUE)
                .setLongValue(bdSeq);
    }

    private long nextSeq() {
        seq = (seq + 1) % SEQ_MODULUS;
        return seq;
    }

    private void requireBorn() {
        if (!born) {
            throw new IllegalStateException("node " + group + "/" + edgeNode + " has no NBIRTH in this session");
        }
    }

    private static SparkplugMessage message(SparkplugTopic.Edge topic, Payload payload) {
        return new SparkplugMessage(topic, payload.toByteArray());
    }
}
