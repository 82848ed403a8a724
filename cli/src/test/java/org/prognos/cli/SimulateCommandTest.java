package org.prognos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prognos.cli.simulate.EmbeddedBroker;

/** {@code prognos simulate} through picocli, against the embedded broker. */
class SimulateCommandTest {
    private static final String AZURE = WalkthroughsTest.ROOT.resolve("notebooks-data/azure-pdm").toString();
    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.inMemory();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static CliRun simulate(String... args) {
        return CliRun.command("simulate", args);
    }

    @Test
    void replays_two_machines_for_a_day_in_batches_of_six_to_a_subscriber() throws Exception {
        List<String> topics = new ArrayList<>();
        List<JsonNode> bodies = new ArrayList<>();
        Mqtt3AsyncClient sub = broker.client("cli-test");
        sub.connect().get(10, TimeUnit.SECONDS);
        ObjectMapper json = new ObjectMapper();
        sub.subscribeWith().topicFilter("plant/#").qos(MqttQos.AT_LEAST_ONCE).callback(p -> {
            synchronized (bodies) {
                topics.add(p.getTopic().toString());
                try {
                    bodies.add(json.readTree(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                bodies.notifyAll();
            }
        }).send().get(10, TimeUnit.SECONDS);
        try {
            CliRun r = simulate("--broker", broker.url(), "--data", AZURE, "--assets", "1-2", "--from", "2015-12-01",
                    "--to", "2015-12-02", "--as-fast-as-possible", "--batch", "6", "--topic", "plant/machine-{asset}/telemetry");
            assertEquals(0, r.code(), r.out() + r.err());
            assertTrue(r.err().startsWith("simulate: 2 assets, 48 readings, "), r.err());
            assertTrue(r.err().contains("(MQTT 3.1.1, QoS 1, topic plant/machine-{asset}/telemetry), as fast as possible"), r.err());
            assertTrue(r.out().startsWith("published 48 readings and "), r.out());
            assertTrue(r.out().contains(" of 2 assets in 8 messages ("), r.out());
            assertTrue(r.out().contains("data time 2015-12-01 00:00:00 to 2015-12-01 23:00:00"), r.out());
            synchronized (bodies) {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (bodies.size() < 8 && System.nanoTime() < end) {
                    bodies.wait(100);
                }
                assertEquals(8, bodies.size(), topics.toString());
                assertEquals(4, topics.stream().filter("plant/machine-1/telemetry"::equals).count());
                assertTrue(bodies.stream().allMatch(b -> b.get("readings").size() == 6));
                assertEquals("model3", bodies.get(0).get("attributes").get("model").asText());
            }
        } finally {
            sub.disconnect().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void sparkplug_spreads_the_machines_over_edge_nodes_as_devices_named_by_the_topics_asset_level() throws Exception {
        List<String> topics = new ArrayList<>();
        Mqtt3AsyncClient sub = broker.client("cli-test-spb");
        sub.connect().get(10, TimeUnit.SECONDS);
        sub.subscribeWith().topicFilter("spBv1.0/#").qos(MqttQos.AT_LEAST_ONCE).callback(p -> {
            synchronized (topics) {
                topics.add(p.getTopic().toString());
                topics.notifyAll();
            }
        }).send().get(10, TimeUnit.SECONDS);
        try {
            CliRun r = simulate("--broker", broker.url(), "--data", AZURE, "--assets", "1-3", "--from", "2015-12-01",
                    "--to", "2015-12-02", "--as-fast-as-possible", "--format", "sparkplug", "--group", "plant",
                    "--edge-nodes", "2", "--topic", "plant/machine-{asset}/telemetry");
            assertEquals(0, r.code(), r.out() + r.err());
            assertTrue(r.err().contains("(MQTT 3.1.1, QoS 1, Sparkplug B on spBv1.0/plant/#, edge nodes gw-1 to gw-2), as fast"),
                    r.err());
            // per node NBIRTH and NDEATH; per machine DBIRTH (its first reading), 23 DDATA and DDEATH
            assertTrue(r.out().contains(" of 3 assets in " + (2 * 2 + 3 * 25) + " messages ("), r.out());
            synchronized (topics) {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (topics.size() < 2 * 2 + 3 * 25 && System.nanoTime() < end) {
                    topics.wait(100);
                }
                // each edge node has its own connection: order holds per node, not across nodes
                for (String node : List.of("gw-1", "gw-2")) {
                    int birth = topics.indexOf("spBv1.0/plant/NBIRTH/" + node);
                    assertTrue(birth >= 0, topics.toString());
                    for (int i = 0; i < topics.size(); i++) {
                        if (topics.get(i).contains("/" + node + "/")) {
                            assertTrue(i > birth, node + "'s NBIRTH before its devices' messages: " + topics);
                        }
                    }
                }
                assertTrue(topics.contains("spBv1.0/plant/DBIRTH/gw-1/machine-2"), topics.toString());
                assertTrue(topics.contains("spBv1.0/plant/DDATA/gw-2/machine-3"), topics.toString());
                assertEquals(23, topics.stream().filter("spBv1.0/plant/DDATA/gw-1/machine-1"::equals).count());
            }
        } finally {
            sub.disconnect().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void sparkplug_options_without_the_sparkplug_format_are_refused() {
        CliRun r = simulate("--broker", broker.url(), "--data", AZURE, "--assets", "1", "--from", "2015-12-01", "--to", "2015-12-02",
                "--edge-nodes", "2");
        assertEquals(2, r.code());
        assertEquals("prognos simulate: --group and --edge-nodes are Sparkplug B's; add --format sparkplug", r.err().strip());
        CliRun x = simulate("--broker", broker.url(), "--data", AZURE, "--format", "xml");
        assertEquals(2, x.code());
        assertEquals("prognos simulate: --format: json or sparkplug, found 'xml'", x.err().strip());
    }

    @Test
    void an_unreachable_broker_ends_with_one_line_naming_it() {
        CliRun r = simulate("--broker", "tcp://127.0.0.1:1", "--data", AZURE, "--assets", "1", "--from", "2015-12-01", "--to", "2015-12-02");
        assertEquals(2, r.code());
        assertEquals("prognos simulate: cannot reach the MQTT broker at tcp://127.0.0.1:1: connection refused", r.err().strip());
    }

    @Test
    void a_bad_data_directory_ends_with_one_line_naming_it() {
        CliRun r = simulate("--broker", broker.url(), "--data", "no/such/dir");
        assertEquals(2, r.code());
        assertEquals("prognos simulate: data not found: " + Path.of("no/such/dir").toAbsolutePath(), r.err().strip());
    }

    @Test
    void a_broker_url_that_is_no_url_is_refused() {
        CliRun r = simulate("--broker", "localhost:1883", "--data", AZURE);
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("prognos simulate: --broker: 'localhost:1883' is not a URL such as tcp://127.0.0.1:1883"), r.err());
    }

    @Test
    void speed_and_rate_cannot_both_be_given() {
        CliRun r = simulate("--broker", broker.url(), "--data", AZURE, "--speed", "3600x", "--rate", "10/s");
        assertTrue(r.code() != 0);
        assertTrue(r.err().contains("mutually exclusive"), r.err());
    }
}
