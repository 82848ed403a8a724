package org.prognos.cli.simulate;

import com.hivemq.client.mqtt.datatypes.MqttTopic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.prognos.PrognosException;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.telemetry.EventKind;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.live.device.DeviceMessage.DeviceEvent;
import org.prognos.live.device.DeviceMessage.Sample;
import org.prognos.live.sparkplug.MessageType;
import org.prognos.live.sparkplug.SparkplugEncoder;
import org.prognos.live.sparkplug.SparkplugMessage;
import org.prognos.live.sparkplug.SparkplugTopic;

/**
 * Sparkplug B ({@code --format sparkplug}): the replay's assets as devices behind edge nodes {@code gw-1} …
 * {@code gw-N} of one group, written by the {@code live} module's {@link SparkplugEncoder} (one per edge node) as a
 * host application, the scoring service included, reads them.
 *
 * <p><b>Names.</b> An asset is the device named as a JSON subscriber would name it: the level of the topic template
 * that holds {@code {asset}} ({@link TopicTemplate#assetLevel}), so {@code --topic fleet/machine-{asset}/telemetry} makes
 * Azure's machine 7 device {@code machine-7}, and by default it is {@code 7}. Assets are spread over the edge nodes in
 * contiguous blocks, in the replay's order, sizes differing by one at most. Topics:
 * {@code spBv1.0/{group}/NBIRTH|NDEATH|NCMD/gw-k} and {@code spBv1.0/{group}/DBIRTH|DDATA|DDEATH/gw-k/{device}}.
 *
 * <p><b>A run.</b> Each edge node has its own MQTT connection, whose will is its NDEATH with the session's
 * {@code bdSeq} (0). Once connected every node sends its NBIRTH, a gateway's: no channels of its own, so the node is
 * no asset. A device's first frame sends its DBIRTH, whose values are the frame's first reading, at that reading's time
 * (a host reads a birth's values as a reading, so that reading is not sent again), with the asset's event history
 * (every event up to that reading: Azure's maintenance log) as historical event metrics in the birth, so the host
 * applies them before the first reading as on JSON's first contact; the frame's other readings and events follow in one
 * DDATA. Every later frame is one DDATA: all its readings as samples, every channel of each (a missing value as a null
 * metric, not left out), and its events as {@code event/<kind>} metrics at their own times. After a device's last
 * frame of the run comes its DDEATH; at the end of the run, or after a stop, the devices still born die and every node
 * sends its NDEATH, and disconnects cleanly (so the broker drops the will).
 *
 * <p><b>Rebirth.</b> Each node subscribes to its NCMD topic. A {@code Node Control/Rebirth} request (the service sends
 * one when data comes without a birth, after it restarted, or after a sequence gap) is answered, on the publishing
 * thread, with a new NBIRTH (same {@code bdSeq}, seq 0) and the DBIRTH of every device of the node that is born: its
 * latest reading sent, at that reading's time, which a host that already had it sees twice. Devices not yet born are
 * born on their first frame, as before. Other commands are ignored.
 *
 * <p><b>Laps.</b> {@code --loop} keeps the session: one MQTT connection, so one {@code bdSeq}, and a new session
 * would need a new connection for its will to match; devices stay born from lap to lap, their times shifted as in
 * JSON, and die after their last frame of the final lap (never, when looping until stopped, but at the stop).
 *
 * <p><b>Times.</b> Sparkplug B timestamps are epoch milliseconds: a dataset on a clock axis is sent with its own times
 * (the simulator's clock is data time), cut to the millisecond; two readings of an asset within one millisecond would
 * read back as one. A dataset counting cycles is refused. Births and deaths of an edge node take the latest data time
 * sent.
 *
 * <p>Allocation: the live encoder builds protobuf messages, so every message allocates; channel maps and sample lists
 * are reused, topics are built once. Not thread-safe.
 */
public final class SparkplugFrames implements FrameEncoder {
    /** The group id unless told otherwise. */
    public static final String DEFAULT_GROUP = "prognos";
    /** The prefix of the edge nodes' ids, followed by 1 … N. */
    public static final String EDGE_NODE_PREFIX = "gw-";
    private static final long MICROS_PER_MILLI = 1_000;
    private static final String[] KINDS = kinds();

    private final String group;
    private final List<String> channels;
    private final List<EdgeNode> nodes;
    private final Device[] devices;             // by asset index
    private final long startMillis;
    private final Map<SparkplugTopic.Edge, MqttTopic> topics = new HashMap<>();
    private final Map<String, Double> values = new HashMap<>();
    private final List<Sample> samples = new ArrayList<>();
    private final List<DeviceEvent> events = new ArrayList<>();
    private long clock;

    /** One edge node: its encoder, its connection, its devices. */
    private static final class EdgeNode {
        final String id;
        final int connection;
        final SparkplugEncoder encoder;
        final String commands;
        final List<Device> devices = new ArrayList<>();

        EdgeNode(String group, int connection) {
            this.id = EDGE_NODE_PREFIX + (connection + 1);
            this.connection = connection;
            this.encoder = new SparkplugEncoder(group, id, 0);
            this.commands = new SparkplugTopic.Edge(group, MessageType.NCMD, id, Optional.empty()).format();
        }
    }

    /** One asset as a device: whether it is born in its node's session, and its latest reading sent. */
    private static final class Device {
        final AssetSeries asset;
        final String id;
        final EdgeNode node;
        boolean born;
        int lastReading = -1;
        long lastShift;

        Device(AssetSeries asset, String id, EdgeNode node) {
            this.asset = asset;
            this.id = id;
            this.node = node;
        }
    }

    private SparkplugFrames(FleetReplay replay, String group, int edgeNodes, TopicTemplate naming) {
        this.group = group;
        this.channels = replay.channels();
        this.nodes = new ArrayList<>(edgeNodes);
        for (int k = 0; k < edgeNodes; k++) {
            nodes.add(new EdgeNode(group, k));
        }
        List<AssetSeries> assets = replay.assets();
        this.devices = new Device[assets.size()];
        for (AssetSeries a : assets) {
            EdgeNode node = nodes.get((int) ((long) a.index() * edgeNodes / assets.size()));
            devices[a.index()] = new Device(a, naming.assetLevel(a.id()), node);
            node.devices.add(devices[a.index()]);
        }
        this.startMillis = millis(replay.firstTime());
        this.clock = startMillis;
    }

    /**
     * The edge nodes of a replay.
     *
     * @param group     the Sparkplug group id
     * @param edgeNodes how many edge nodes the assets are spread over, 1 to the number of assets
     * @param naming    the topic template whose {@code {asset}} level names the devices
     * @throws InvalidSpecException when the data counts cycles, the group is no Sparkplug id, there are more edge nodes
     *                              than assets, or a channel has a name Sparkplug or events use
     */
    public static SparkplugFrames of(FleetReplay replay, String group, int edgeNodes, TopicTemplate naming) {
        if (!(replay.axis() instanceof TimeAxis.Timestamps)) {
            throw new InvalidSpecException("--format sparkplug: Sparkplug B sends timestamps, and " + replay.name()
                    + " counts cycles; replay it as json");
        }
        int assets = replay.assets().size();
        if (edgeNodes < 1 || edgeNodes > assets) {
            throw new InvalidSpecException("--edge-nodes: 1 to " + assets + " (the assets replayed), found " + edgeNodes);
        }
        probe(replay, group);
        return new SparkplugFrames(replay, group, edgeNodes, naming);
    }

    /** Lets the live encoder check the group and the channel names once, before anything is sent. */
    private static void probe(FleetReplay replay, String group) {
        SparkplugEncoder probe;
        try {
            probe = new SparkplugEncoder(group, EDGE_NODE_PREFIX + 1, 0);
        } catch (PrognosException e) {
            throw new InvalidSpecException("--group: " + e.getMessage());
        }
        Map<String, Double> channels = new HashMap<>();
        replay.channels().forEach(c -> channels.put(c, Double.NaN));
        probe.nodeBirth(0, Map.of());
        try {
            probe.deviceBirth("probe", 0, channels);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("--format sparkplug: " + replay.name() + ": " + e.getMessage());
        }
    }

    @Override
    public String format() {
        return "sparkplug";
    }

    @Override
    public String describe() {
        String last = EDGE_NODE_PREFIX + nodes.size();
        return "Sparkplug B on " + SparkplugTopic.NAMESPACE + "/" + group + "/#, edge node"
                + (nodes.size() == 1 ? " " + last : "s " + EDGE_NODE_PREFIX + "1 to " + last);
    }

    /** One connection per edge node, its NDEATH as will, subscribed to its NCMD. */
    @Override
    public List<Connection> connections() {
        List<Connection> connections = new ArrayList<>(nodes.size());
        for (EdgeNode node : nodes) {
            SparkplugMessage death = node.encoder.nodeDeath(startMillis);
            connections.add(new Connection(node.id, Optional.of(new Connection.Will(death.topic().format(), death.payload())),
                    List.of(node.commands)));
        }
        return connections;
    }

    /** Every edge node's NBIRTH. */
    @Override
    public void open(Outbox out) {
        for (EdgeNode node : nodes) {
            send(node, node.encoder.nodeBirth(clock, Map.of()), out);
        }
    }

    /** The device's DBIRTH on its first frame, then a DDATA with the rest of the frame. */
    @Override
    public void encode(DeviceFrame frame, Outbox out) {
        Device d = devices[frame.asset().index()];
        clock = Math.max(clock, millis(frame.time()));
        int firstSample = 0;
        int firstEvent = 0;
        if (!d.born) {
            firstSample = 1;
            firstEvent = history(frame);
            born(d, frame, firstEvent, out);
        }
        if (firstSample < frame.readingCount() || firstEvent < frame.eventCount()) {
            send(d.node, d.node.encoder.deviceData(d.id, samples(frame, firstSample), events(frame, firstEvent)), out);
        }
        if (frame.readingCount() > 0) {
            d.lastReading = frame.firstReading() + frame.readingCount() - 1;
            d.lastShift = frame.shift();
        }
    }

    /** The DDEATH of a device whose data ends. */
    @Override
    public void deviceEnded(DeviceFrame last, Outbox out) {
        Device d = devices[last.asset().index()];
        if (d.born) {
            send(d.node, d.node.encoder.deviceDeath(d.id, millis(last.time())), out);
            d.born = false;
        }
    }

    /** A rebirth request on a node's NCMD topic: its NBIRTH and its born devices' DBIRTHs. */
    @Override
    public void command(Command command, Outbox out) {
        EdgeNode node = nodes.get(command.connection());
        if (command.topic().equals(node.commands) && SparkplugEncoder.isRebirthRequest(command.payload())) {
            send(node, node.encoder.nodeBirth(clock, Map.of()), out);
            for (Device d : node.devices) {
                if (d.born) {
                    long time = d.asset.time(d.lastReading) + d.lastShift;
                    send(node, node.encoder.deviceBirth(d.id, millis(time), current(d), List.of()), out);
                }
            }
        }
    }

    /** The DDEATH of every device still born, then every node's NDEATH. */
    @Override
    public void close(Outbox out) {
        for (EdgeNode node : nodes) {
            for (Device d : node.devices) {
                if (d.born) {
                    send(node, node.encoder.deviceDeath(d.id, clock), out);
                    d.born = false;
                }
            }
            send(node, node.encoder.nodeDeath(clock), out);
        }
    }

    /** The DBIRTH of a device at its first frame: the first reading, with the events up to it. */
    private void born(Device d, DeviceFrame frame, int history, Outbox out) {
        if (frame.readingCount() == 0) {
            throw new IllegalStateException("device " + d.id + ": a birth needs a reading, and its frame has none");
        }
        send(d.node, d.node.encoder.deviceBirth(d.id, millis(frame.readingTime(0)), reading(frame, 0), events(frame, 0, history)),
                out);
        d.born = true;
    }

    /** How many of the frame's events come at or before its first reading (the receiver applies them before it). */
    private static int history(DeviceFrame frame) {
        if (frame.readingCount() == 0) {
            return 0;
        }
        long first = frame.readingTime(0);
        int n = 0;
        while (n < frame.eventCount() && frame.eventTime(n) <= first) {
            n++;
        }
        return n;
    }

    /** Reading {@code i} of the frame by channel name, in a map reused by the next call. */
    private Map<String, Double> reading(DeviceFrame frame, int i) {
        for (int c = 0; c < channels.size(); c++) {
            values.put(channels.get(c), frame.value(i, c));
        }
        return values;
    }

    /** A device's latest reading sent, by channel name, in a map reused by the next call. */
    private Map<String, Double> current(Device d) {
        for (int c = 0; c < channels.size(); c++) {
            values.put(channels.get(c), d.asset.value(d.lastReading, c));
        }
        return values;
    }

    /** The frame's readings from {@code from} on, in a list reused by the next call. */
    private List<Sample> samples(DeviceFrame frame, int from) {
        samples.clear();
        for (int i = from; i < frame.readingCount(); i++) {
            samples.add(new Sample(millis(frame.readingTime(i)), reading(frame, i)));
        }
        return samples;
    }

    /** The frame's events from {@code from} on, in a list reused by the next call. */
    private List<DeviceEvent> events(DeviceFrame frame, int from) {
        return events(frame, from, frame.eventCount());
    }

    private List<DeviceEvent> events(DeviceFrame frame, int from, int to) {
        events.clear();
        for (int i = from; i < to; i++) {
            events.add(new DeviceEvent(millis(frame.eventTime(i)), KINDS[frame.event(i).kind().ordinal()], frame.event(i).code()));
        }
        return events;
    }

    private void send(EdgeNode node, SparkplugMessage message, Outbox out) {
        out.send(node.connection, topics.computeIfAbsent(message.topic(), t -> MqttTopic.of(t.format())), message.payload());
    }

    /** Ticks of a clock axis (microseconds since the epoch) as epoch milliseconds. */
    private static long millis(long tick) {
        return Math.floorDiv(tick, MICROS_PER_MILLI);
    }

    private static String[] kinds() {
        String[] kinds = new String[EventKind.values().length];
        for (EventKind k : EventKind.values()) {
            kinds[k.ordinal()] = k.name().toLowerCase(Locale.ROOT);
        }
        return kinds;
    }
}
