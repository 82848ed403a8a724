package org.prognos.flink.mqtt;

import java.io.Serializable;
import java.util.Objects;
import java.util.Set;
import org.prognos.live.topic.TopicTemplate;

/**
 * One subscription of the source, as the service's {@code mqtt.subscriptions} entries: a topic template and the
 * payload format of what arrives on it.
 *
 * @param topic  for {@code json}, a template naming the asset ({@code devices/{asset}/readings}); for
 *               {@code sparkplug}, a Sparkplug B filter ({@code spBv1.0/plant-1/#}): the topic names the devices
 * @param format {@code json} (the service's readings payload) or {@code sparkplug} (Sparkplug B)
 */
public record MqttSubscription(String topic, String format) implements Serializable {
    private static final Set<String> FORMATS = Set.of("json", "sparkplug");

    public MqttSubscription {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(format, "format");
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("subscription format must be json or sparkplug, found '" + format + "'");
        }
        TopicTemplate t = TopicTemplate.parse(topic);     // validates
        if (format.equals("json") && !t.namesAsset()) {
            throw new IllegalArgumentException("a json subscription's topic must name the asset with {asset}, found '"
                    + topic + "'");
        }
    }

    TopicTemplate template() {
        return TopicTemplate.parse(topic);
    }
}
