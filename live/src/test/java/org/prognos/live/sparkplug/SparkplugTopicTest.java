package org.prognos.live.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SparkplugTopicTest {

    @Test
    void parses_a_device_topic() {
        SparkplugTopic topic = SparkplugTopic.parse("spBv1.0/plant-a/DDATA/gw-3/pump-17");

        assertEquals(new SparkplugTopic.Edge("plant-a", MessageType.DDATA, "gw-3", Optional.of("pump-17")), topic);
        assertEquals("spBv1.0/plant-a/DDATA/gw-3/pump-17", topic.format());
    }

    @Test
    void parses_a_node_topic() {
        SparkplugTopic topic = SparkplugTopic.parse("spBv1.0/plant-a/NBIRTH/gw-3");

        assertEquals(SparkplugTopic.node("plant-a", MessageType.NBIRTH, "gw-3"), topic);
        assertEquals(MessageType.NBIRTH, topic.type());
    }

    @Test
    void parses_a_host_state_topic() {
        SparkplugTopic topic = SparkplugTopic.parse("spBv1.0/STATE/prognos-1");

        assertEquals(new SparkplugTopic.HostState("prognos-1"), topic);
        assertEquals(MessageType.STATE, topic.type());
        assertEquals("spBv1.0/STATE/prognos-1", topic.format());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "spAv1.0/g/NDATA/n         | expected spBv1.0/{group}/{type}/{edge node}[/{device}]",
            "spBv1.0/g                 | expected spBv1.0/{group}/{type}/{edge node}[/{device}]",
            "spBv1.0/g/NDATA           | expected 4 levels for a node, 5 for a device, got 3",
            "spBv1.0/g/DDATA/n/d/x     | expected 4 levels for a node, 5 for a device, got 6",
            "spBv1.0/g/NFOO/n          | unknown message type 'NFOO'",
            "spBv1.0/g/ndata/n         | unknown message type 'ndata'",
            "spBv1.0/g/NDATA/n/d       | NDATA is a node message, with no device after the edge node",
            "spBv1.0/g/DDATA/n         | DDATA needs a device after the edge node",
            "spBv1.0//NDATA/n          | empty group",
            "spBv1.0/g/NDATA/          | empty edge node",
            "spBv1.0/g/DBIRTH/n/       | empty device",
            "spBv1.0/g/NDATA/+         | edge node '+' holds '+'",
            "spBv1.0/#/NDATA/n         | group '#' holds '#'",
            "spBv1.0/g/STATE/n         | unknown message type 'STATE'",
            "spBv1.0/STATE/h/x         | a host's state is spBv1.0/STATE/{host id}",
            "spBv1.0/STATE/            | empty host id",
    })
    void rejects_a_malformed_topic_saying_what_is_wrong(String topic, String problem) {
        InvalidTopicException e = assertThrows(InvalidTopicException.class, () -> SparkplugTopic.parse(topic));

        assertTrue(e.getMessage().startsWith("invalid Sparkplug B topic '" + topic + "': "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void an_edge_topic_is_checked_when_built() {
        assertThrows(InvalidTopicException.class, () -> SparkplugTopic.node("g", MessageType.DDATA, "n"));
        assertThrows(InvalidTopicException.class, () -> SparkplugTopic.device("g", MessageType.NDATA, "n", "d"));
        assertThrows(InvalidTopicException.class, () -> SparkplugTopic.node("g", MessageType.STATE, "n"));
        InvalidTopicException e = assertThrows(InvalidTopicException.class,
                () -> SparkplugTopic.device("g", MessageType.DDATA, "n", "a/b"));
        assertTrue(e.getMessage().contains("device 'a/b' holds '/'"), e.getMessage());
    }

    @Test
    void with_type_keeps_the_node_and_device() {
        SparkplugTopic.Edge data = SparkplugTopic.device("g", MessageType.DDATA, "n", "d");

        assertEquals("spBv1.0/g/DDEATH/n/d", data.withType(MessageType.DDEATH).format());
    }

    @Property
    void format_then_parse_gives_the_topic_back(
            @ForAll @AlphaChars @NumericChars @Chars({'-', '_', '.', ' ', 'é'}) @StringLength(min = 1, max = 12) String group,
            @ForAll @AlphaChars @NumericChars @Chars({'-', '_', ':'}) @StringLength(min = 1, max = 12) String node,
            @ForAll @AlphaChars @NumericChars @Chars({'-', '_'}) @StringLength(min = 1, max = 12) String device,
            @ForAll MessageType type) {
        SparkplugTopic topic = type == MessageType.STATE ? new SparkplugTopic.HostState(node)
                : type.deviceLevel() ? SparkplugTopic.device(group, type, node, device)
                : SparkplugTopic.node(group, type, node);

        assertEquals(topic, SparkplugTopic.parse(topic.format()));
    }
}
