package org.prognos.live.sparkplug;

import org.prognos.PrognosException;

/** A topic that is not a Sparkplug B topic; the message quotes the topic and says what was expected where. */
public final class InvalidTopicException extends PrognosException {
    /** A problem with {@code topic}, described by {@code problem}. */
    public InvalidTopicException(String topic, String problem) {
        super("invalid Sparkplug B topic '" + topic + "': " + problem);
    }
}
