package org.prognos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.prognos.cli.simulate.BrokerException;
import org.prognos.cli.simulate.BrokerSettings;
import org.prognos.cli.simulate.EmbeddedBroker;
import org.prognos.cli.simulate.FleetReplay;
import org.prognos.cli.simulate.JsonPayloads;
import org.prognos.cli.simulate.Pacing;
import org.prognos.cli.simulate.PublishOptions;
import org.prognos.cli.simulate.PublishStats;
import org.prognos.cli.simulate.Publisher;
import org.prognos.cli.simulate.ReplaySlice;
import org.prognos.cli.simulate.TopicTemplate;
import org.prognos.features.telemetry.Dataset;
import org.prognos.inference.MqttConfig;

/**
 * The demo's live fleet: an embedded MQTT broker on 127.0.0.1 (Moquette, MQTT 3.1.1, in memory), the service
 * subscribed to it, a replay of the Azure machines publishing their readings in time order as devices would, and a
 * watcher that prints each alert as the service publishes it. Nothing to install.
 */
final class LiveDemo implements AutoCloseable {
    /** The topic devices publish on: Azure machine 7 is asset {@code machine-7}. */
    static final String DEVICE_TOPIC = "fleet/machine-{asset}/telemetry";
    /** The replayed month: every machine's readings and events from here to the end of the bundled data. */
    static final String REPLAY_FROM = "2015-12-01 00:00:00";
    /** Data hours per wall-clock second while serving (a day of data in 2 s). */
    static final double SPEED = 12 * 3600;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddedBroker broker;
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private Mqtt3AsyncClient watcher;
    private Thread replay;
    private volatile PublishStats published;
    /** Set once the demo stops, so that the replay it interrupts ends without a complaint. */
    private volatile boolean stopping;

    private LiveDemo(EmbeddedBroker broker) {
        this.broker = broker;
    }

    /** Starts the embedded broker on a free loopback port. */
    static LiveDemo start() {
        return new LiveDemo(EmbeddedBroker.inMemory());
    }

    /** How the service subscribes: the Azure 24 h model for every machine, MQTT 3.1.1 (Moquette's). */
    MqttConfig serviceConfig(String model) {
        return MqttConfig.to(broker.url()).withVersion(3).withClientId("prognos-demo")
                .withSubscriptions(List.of(new MqttConfig.Subscription("fleet/{asset}/telemetry", model, "json")));
    }

    String url() {
        return broker.url();
    }

    int port() {
        return broker.port();
    }

    /** Prints every alert event the service publishes to {@code prognos/alerts/#}. */
    void watchAlerts(PrintWriter out) {
        watcher = broker.client("prognos-demo-watcher");
        watcher.publishes(MqttGlobalPublishFilter.ALL, p -> print(out, p.getPayloadAsBytes()));
        watcher.connect().join();
        watcher.subscribeWith().topicFilter("prognos/alerts/#").qos(MqttQos.AT_LEAST_ONCE).send().join();
    }

    private void print(PrintWriter out, byte[] payload) {
        try {
            JsonNode m = JSON.readTree(payload);
            JsonNode a = m.at("/alert");
            String event = m.at("/event").asText();
            (event.equals("opened") ? opened : event.equals("closed") ? closed : new AtomicInteger()).incrementAndGet();
            List<String> drivers = new ArrayList<>();
            a.at("/drivers").forEach(d -> drivers.add(d.at("/label").asText()));
            // labels hold commas ("volt, 24 h mean"): drivers are separated by semicolons
            out.printf(Locale.ROOT, "   ALERT %-6s %-11s %-6s p %.4f (threshold %.4f) at %s; drivers: %s%n", event,
                    a.at("/asset").asText(), a.at("/component").asText("-"), a.at("/value").asDouble(),
                    a.at("/threshold").asDouble(), a.at("/dataTime/" + (event.equals("closed") ? "closed" : "opened")).asText(),
                    String.join("; ", drivers.subList(0, Math.min(3, drivers.size()))));
            out.flush();
        } catch (IOException | RuntimeException e) {
            out.println("   (an alert message that is not JSON: " + e.getMessage() + ")");
        }
    }

    /**
     * Replays the Azure machines' last month as devices publishing JSON readings, in the background: paced at
     * {@link #SPEED} or, with {@code unpaced}, as fast as the broker takes them.
     */
    void replay(Dataset azure, boolean unpaced, PrintWriter out) throws IOException {
        OptionalLong from = OptionalLong.of(azure.axis().parse(REPLAY_FROM));
        FleetReplay fleet = FleetReplay.of(azure, ReplaySlice.everything().between(from, OptionalLong.empty()), 1);
        PublishOptions options = PublishOptions.of(unpaced ? Pacing.unpaced() : Pacing.speed(SPEED, fleet.axis()))
                .withProgressEvery(Duration.ofDays(1));
        out.printf(Locale.ROOT, "replaying %,d readings of %d machines from %s as devices publishing to %s%n", fleet.readings(),
                fleet.assets().size(), REPLAY_FROM, DEVICE_TOPIC);
        out.flush();
        Publisher publisher = Publisher.connect(BrokerSettings.parse(broker.url()).withClientId("prognos-demo-fleet"),
                JsonPayloads.of(fleet, new TopicTemplate(DEVICE_TOPIC)));
        replay = new Thread(() -> {
            try (publisher) {
                published = publisher.run(fleet, options, s -> { });
            } catch (BrokerException e) {
                if (!stopping) {   // Ctrl-C closes the broker under the replay: that ends it, quietly
                    out.println("prognos demo: the fleet replay stopped: " + e.getMessage());
                    out.flush();
                }
            }
        }, "prognos-demo-fleet");
        replay.setDaemon(true);
        replay.start();
    }

    /** Waits for the replay to finish publishing; what it published. */
    PublishStats awaitReplay(long seconds) throws InterruptedException {
        replay.join(TimeUnit.SECONDS.toMillis(seconds));
        if (published == null) {
            throw new IllegalStateException("the demo fleet did not finish publishing in " + seconds + " s");
        }
        return published;
    }

    int alertsOpened() {
        return opened.get();
    }

    int alertsClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        stopping = true;
        if (watcher != null) {
            watcher.disconnect();
        }
        broker.close();
    }
}
