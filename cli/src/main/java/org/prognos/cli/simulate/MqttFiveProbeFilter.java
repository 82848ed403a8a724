package org.prognos.cli.simulate;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops the one warning Moquette logs when a client connects with MQTT 5: the simulator tries MQTT 5 first by design
 * and falls back to 3.1.1, so against the embedded broker (MQTT 3.1.1 only) the warning is expected, once per device.
 * Every other message passes. Named in {@code logback.xml}.
 */
public final class MqttFiveProbeFilter extends TurboFilter {
    static final String LOGGER = "io.moquette.broker.MQTTConnection";
    static final String PROBE = "MQTT protocol version is not valid";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        return format != null && format.startsWith(PROBE) && LOGGER.equals(logger.getName()) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
