package org.prognos.live.sparkplug;

import java.util.Objects;
import java.util.Optional;

/**
 * A Sparkplug B topic. Edge nodes and their devices publish on
 * {@code spBv1.0/{group}/{NBIRTH|NDEATH|NDATA|NCMD|DBIRTH|DDEATH|DDATA|DCMD}/{edge node}[/{device}]}, the device
 * level only for the {@code D...} types; host applications publish their state on {@code spBv1.0/STATE/{host id}}
 * (Sparkplug 3.0). Ids are non-empty and hold none of {@code / + #} (MQTT's separator and wildcards).
 */
public sealed interface SparkplugTopic {
    /** The namespace every Sparkplug B topic starts with. */
    String NAMESPACE = "spBv1.0";

    /** The message type ({@link MessageType#STATE} for a host's state). */
    MessageType type();

    /** The topic as published. */
    String format();

    /**
     * Reads a topic.
     *
     * @throws InvalidTopicException naming the topic and what is wrong with it
     */
    static SparkplugTopic parse(String topic) {
        String[] levels = topic.split("/", -1);
        if (levels.length < 3 || !NAMESPACE.equals(levels[0])) {
            throw new InvalidTopicException(topic, "expected " + NAMESPACE + "/{group}/{type}/{edge node}[/{device}]"
                    + " or " + NAMESPACE + "/STATE/{host id}");
        }
        if (MessageType.STATE.name().equals(levels[1])) {
            return hostState(topic, levels);
        }
        return edge(topic, levels);
    }

    private static HostState hostState(String topic, String[] levels) {
        if (levels.length != 3) {
            throw new InvalidTopicException(topic, "a host's state is " + NAMESPACE + "/STATE/{host id}");
        }
        return new HostState(checkedId(topic, "host id", levels[2]));
    }

    private static Edge edge(String topic, String[] levels) {
        if (levels.length < 4 || levels.length > 5) {
            throw new InvalidTopicException(topic, "expected 4 levels for a node, 5 for a device, got " + levels.length);
        }
        MessageType type = messageType(topic, levels[2]);
        if (type.deviceLevel() != (levels.length == 5)) {
            throw new InvalidTopicException(topic, type + (type.deviceLevel()
                    ? " needs a device after the edge node" : " is a node message, with no device after the edge node"));
        }
        String group = checkedId(topic, "group", levels[1]);
        String node = checkedId(topic, "edge node", levels[3]);
        return levels.length == 5
                ? new Edge(group, type, node, Optional.of(checkedId(topic, "device", levels[4])))
                : new Edge(group, type, node, Optional.empty());
    }

    private static MessageType messageType(String topic, String level) {
        for (MessageType type : MessageType.values()) {
            if (type != MessageType.STATE && type.name().equals(level)) {
                return type;
            }
        }
        throw new InvalidTopicException(topic, "unknown message type '" + level
                + "' (NBIRTH, NDEATH, NDATA, NCMD, DBIRTH, DDEATH, DDATA or DCMD)");
    }

    private static String checkedId(String topic, String what, String id) {
        if (id.isEmpty()) {
            throw new InvalidTopicException(topic, "empty " + what);
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '/' || c == '+' || c == '#') {
                throw new InvalidTopicException(topic, what + " '" + id + "' holds '" + c + "'");
            }
        }
        return id;
    }

    /** The topic of an edge node's {@code type} message. */
    static Edge node(String group, MessageType type, String edgeNode) {
        return new Edge(group, type, edgeNode, Optional.empty());
    }

    /** The topic of a device's {@code type} message. */
    static Edge device(String group, MessageType type, String edgeNode, String device) {
        return new Edge(group, type, edgeNode, Optional.of(device));
    }

    /**
     * An edge node's or one of its devices' topic.
     *
     * @param group    the group id
     * @param type     any type but {@link MessageType#STATE}
     * @param edgeNode the edge node id
     * @param device   the device id, present exactly for the device-level types
     */
    record Edge(String group, MessageType type, String edgeNode, Optional<String> device) implements SparkplugTopic {
        /** @throws InvalidTopicException when the parts do not make a topic */
        public Edge {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(device, "device");
            String topic = String.join("/", NAMESPACE, String.valueOf(group), type.name(), String.valueOf(edgeNode))
                    + device.map(d -> "/" + d).orElse("");
            if (type == MessageType.STATE || type.deviceLevel() != device.isPresent()) {
                throw new InvalidTopicException(topic, type + (type == MessageType.STATE ? " is a host's topic"
                        : type.deviceLevel() ? " needs a device" : " takes no device"));
            }
            checkedId(topic, "group", Objects.requireNonNull(group, "group"));
            checkedId(topic, "edge node", Objects.requireNonNull(edgeNode, "edge node"));
            device.ifPresent(d -> checkedId(topic, "device", d));
        }

        @Override
        public String format() {
            return String.join("/", NAMESPACE, group, type.name(), edgeNode) + device.map(d -> "/" + d).orElse("");
        }

        /** The same edge node's (or device's) topic for another message type of the same level. */
        public Edge withType(MessageType other) {
            return new Edge(group, other, edgeNode, device);
        }
    }

    /**
     * A host application's state topic, {@code spBv1.0/STATE/{host id}}.
     *
     * @param hostId the host application's id
     */
    record HostState(String hostId) implements SparkplugTopic {
        /** @throws InvalidTopicException when the id is empty or holds a separator or wildcard */
        public HostState {
            checkedId(NAMESPACE + "/STATE/" + hostId, "host id", Objects.requireNonNull(hostId, "hostId"));
        }

        @Override
        public MessageType type() {
            return MessageType.STATE;
        }

        @Override
        public String format() {
            return NAMESPACE + "/STATE/" + hostId;
        }
    }
}
