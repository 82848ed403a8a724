package org.prognos.cli.simulate;

import com.hivemq.client.mqtt.MqttVersion;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;
import org.prognos.features.telemetry.TimeAxis;

/**
 * The simulator's few lines: what it is about to send, one progress line per report (messages so far, the rate since
 * the previous line, the data time reached) and the summary.
 */
public final class ProgressReport implements Consumer<PublishStats> {
    private final PrintWriter out;
    private final TimeAxis axis;
    private PublishStats previous;

    /** Progress lines to {@code out}, times on {@code axis}. */
    public ProgressReport(PrintWriter out, TimeAxis axis) {
        this.out = out;
        this.axis = axis;
    }

    @Override
    public void accept(PublishStats now) {
        long messages = now.messages() - (previous == null ? 0 : previous.messages());
        long readings = now.readings() - (previous == null ? 0 : previous.readings());
        double seconds = (now.elapsedNanos() - (previous == null ? 0 : previous.elapsedNanos())) / 1e9;
        out.printf(Locale.ROOT, "simulate: %,d messages, %,d readings, %,.0f messages/s (%,.0f readings/s), data time %s%n",
                now.messages(), now.readings(), messages / seconds, readings / seconds,
                now.dataTime().isPresent() ? JsonPayloads.timeText(axis, now.dataTime().getAsLong()) : "-");
        out.flush();
        previous = now;
    }

    /** The line before the first message. */
    public static String plan(FleetReplay replay, Publisher publisher, PublishOptions options) {
        return String.format(Locale.ROOT, "simulate: %d assets, %,d readings, %,d events of %s in %,d messages per lap to %s"
                        + " (MQTT %s, QoS %d, %s), %s%s",
                replay.assets().size(), replay.readings(), replay.events(), replay.name(), replay.frames(),
                publisher.settings().url(), version(publisher.version()), options.qos().getCode(), publisher.encoder().describe(),
                pacing(options.pacing()), options.laps() == Integer.MAX_VALUE ? ", looping until stopped" : "");
    }

    /** The summary. */
    public static String summary(FleetReplay replay, Publisher publisher, PublishStats stats) {
        return String.format(Locale.ROOT, "published %,d readings and %,d events of %d assets in %,d messages (%,.1f MB%s) to %s"
                        + " in %.1f s: %,.0f messages/s, %,.0f readings/s; data time %s to %s",
                stats.readings(), stats.events(), replay.assets().size(), stats.messages(), stats.bytes() / 1e6,
                stats.laps() > 1 ? ", " + stats.laps() + " laps" : "", publisher.settings().url(), stats.seconds(),
                stats.messagesPerSecond(), stats.readingsPerSecond(), JsonPayloads.timeText(replay.axis(), replay.firstTime()),
                stats.dataTime().isPresent() ? JsonPayloads.timeText(replay.axis(), stats.dataTime().getAsLong()) : "-");
    }

    private static String version(MqttVersion v) {
        return v == MqttVersion.MQTT_5_0 ? "5" : "3.1.1";
    }

    private static String pacing(Pacing p) {
        if (p instanceof Pacing.DataSpeed s) {
            return String.format(Locale.ROOT, "speed %sx", trim(s.factor()));
        }
        if (p instanceof Pacing.FixedRate r) {
            return String.format(Locale.ROOT, "%s readings/s", trim(r.perSecond()));
        }
        return "as fast as possible";
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
