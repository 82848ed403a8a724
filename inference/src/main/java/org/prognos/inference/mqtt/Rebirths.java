package org.prognos.inference.mqtt;

import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.prognos.live.sparkplug.InvalidTopicException;
import org.prognos.live.sparkplug.SparkplugEncoder;
import org.prognos.live.sparkplug.SparkplugMessage;
import org.prognos.live.sparkplug.SparkplugTopic;

/**
 * Asks a Sparkplug B edge node to send its birth certificates again (an NCMD with {@code Node Control/Rebirth}), as a
 * host application does when it has no birth for data it receives (after our restart) or saw a sequence gap; at most
 * once every {@value #PERIOD_SECONDS} s per edge node.
 */
final class Rebirths {
    private static final System.Logger LOG = System.getLogger(Rebirths.class.getName());
    private static final long PERIOD_SECONDS = 10;

    private final MqttLink link;
    private final LongSupplier nanoTime;
    private final Map<String, Long> asked = new HashMap<>();

    Rebirths(MqttLink link, LongSupplier nanoTime) {
        this.link = link;
        this.nanoTime = nanoTime;
    }

    /** Requests a rebirth from the edge node of {@code topic}, unless asked lately. */
    void request(String topic) {
        SparkplugTopic.Edge edge;
        try {
            if (!(SparkplugTopic.parse(topic) instanceof SparkplugTopic.Edge e)) {
                return;
            }
            edge = e;
        } catch (InvalidTopicException e) {
            return;
        }
        String node = edge.group() + "/" + edge.edgeNode();
        long now = nanoTime.getAsLong();
        Long last = asked.get(node);
        if (last != null && now - last < PERIOD_SECONDS * 1_000_000_000L) {
            return;
        }
        asked.put(node, now);
        SparkplugMessage ncmd = SparkplugEncoder.rebirthRequest(edge.group(), edge.edgeNode(), System.currentTimeMillis());
        link.publish(ncmd.topic().format(), ncmd.payload(), false);
        LOG.log(Level.INFO, "asked Sparkplug edge node " + node + " for a rebirth");
    }
}
