package org.prognos.cli.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.TimeAxis;

/**
 * Replays through a real broker (the embedded one) to a real subscriber: what arrives is the dataset, reading for
 * reading, once each, in order per asset, with its events and, on each asset's first message, its attributes.
 */
class PublishThroughBrokerTest {
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.inMemory();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    /** A reading as it arrived or as the dataset holds it. */
    record Row(long time, double[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Row r && r.time == time && Arrays.equals(r.values, values);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(time) * 31 + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return time + Arrays.toString(values);
        }
    }

    /** An event as it arrived or as the dataset holds it. */
    record EventRow(String kind, String code, long time) {
        static EventRow of(Event e) {
            return new EventRow(e.kind().name().toLowerCase(Locale.ROOT), e.code(), e.time());
        }
    }

    /** What the subscriber got, per asset, in arrival order. */
    static final class Received {
        final Map<String, List<Row>> readings = new TreeMap<>();
        final Map<String, List<EventRow>> events = new TreeMap<>();
        final Map<String, List<Map<String, String>>> attributes = new TreeMap<>();
        final Map<String, List<Integer>> readingsPerMessage = new TreeMap<>();

        Received(List<TestSubscriber.Message> messages, List<String> channels, TimeAxis axis) {
            for (TestSubscriber.Message m : messages) {
                String asset = m.topic().split("/")[1];
                JsonNode json = m.json();
                List<JsonNode> rs = new ArrayList<>();
                if (json.has("readings")) {
                    json.get("readings").forEach(rs::add);
                } else if (json.has("time")) {
                    rs.add(json);
                }
                for (JsonNode r : rs) {
                    double[] v = new double[channels.size()];
                    for (int c = 0; c < v.length; c++) {
                        JsonNode x = r.get("values").get(channels.get(c));
                        assertTrue(x != null, "every channel is sent, null when missing: " + m);
                        v[c] = x.isNull() ? Double.NaN : x.doubleValue();
                    }
                    readings.computeIfAbsent(asset, a -> new ArrayList<>()).add(new Row(axis.parse(r.get("time").asText()), v));
                }
                readingsPerMessage.computeIfAbsent(asset, a -> new ArrayList<>()).add(rs.size());
                if (json.has("events")) {
                    json.get("events").forEach(e -> events.computeIfAbsent(asset, a -> new ArrayList<>())
                            .add(new EventRow(e.get("kind").asText(), e.get("code").asText(), axis.parse(e.get("time").asText()))));
                }
                Map<String, String> attrs = new TreeMap<>();
                if (json.has("attributes")) {
                    json.get("attributes").fields().forEachRemaining(f -> attrs.put(f.getKey(), f.getValue().asText()));
                }
                attributes.computeIfAbsent(asset, a -> new ArrayList<>()).add(attrs);
            }
        }
    }

    /** The dataset's readings of the slice, read straight from its telemetry. */
    private static Map<String, List<Row>> expectedReadings(Dataset data, ReplaySlice slice) throws Exception {
        Map<String, List<Row>> rows = new TreeMap<>();
        Set<String> wanted = Set.copyOf(slice.assets());
        data.telemetry().forEach((asset, time, values) -> {
            if ((wanted.isEmpty() || wanted.contains(asset)) && slice.includes(time)) {
                rows.computeIfAbsent(asset, a -> new ArrayList<>()).add(new Row(time, values.clone()));
            }
        });
        return rows;
    }

    private static PublishStats publish(FleetReplay replay, String topics, PublishOptions options, BrokerSettings settings) {
        try (Publisher p = Publisher.connect(settings, JsonPayloads.of(replay, new TopicTemplate(topics)))) {
            return p.run(replay, options, s -> { });
        }
    }

    /** An encoder for the tests that only connect. */
    private static JsonPayloads json() throws Exception {
        return JsonPayloads.of(FleetReplay.of(Fixtures.small(), ReplaySlice.everything(), 1));
    }

    private static BrokerSettings local() {
        return BrokerSettings.parse(broker.url());
    }

    @Test
    void an_azure_slice_arrives_once_in_order_with_the_datasets_values_events_and_attributes() throws Exception {
        Dataset data = Fixtures.azure();
        ReplaySlice slice = Fixtures.azureSlice();
        FleetReplay replay = FleetReplay.of(data, slice, 1);
        try (TestSubscriber sub = TestSubscriber.subscribe(broker, "once/#")) {
            PublishStats stats = publish(replay, "once/{asset}/telemetry", PublishOptions.of(Pacing.unpaced()),
                    local());
            assertEquals(replay.frames(), stats.messages());
            Received got = new Received(sub.await(replay.frames(), QUIET, LIMIT), replay.channels(), replay.axis());

            Map<String, List<Row>> expected = expectedReadings(data, slice);
            assertEquals(Set.of("1", "2", "3"), expected.keySet());
            assertEquals(expected, got.readings, "every reading once, in time order per asset, values as in the dataset");
            long to = slice.to().getAsLong();
            for (String asset : expected.keySet()) {
                List<EventRow> events = data.events().of(asset).stream().filter(e -> e.time() < to).map(EventRow::of).toList();
                assertFalse(events.isEmpty());
                assertEquals(events, got.events.get(asset), "events of " + asset + ", history included, in time order");
                List<Map<String, String>> attributes = got.attributes.get(asset);
                assertEquals(new TreeMap<>(data.attributes().of(asset)), attributes.get(0), "attributes on first contact");
                assertTrue(attributes.stream().skip(1).allMatch(Map::isEmpty), "and only then");
            }
            assertEquals(stats.readings(), 3 * 72);
        }
    }

    @Test
    void batch_ten_packs_ten_consecutive_readings_per_message() throws Exception {
        Dataset data = Fixtures.azure();
        FleetReplay replay = FleetReplay.of(data, Fixtures.azureSlice(), 10);
        try (TestSubscriber sub = TestSubscriber.subscribe(broker, "batch/#")) {
            publish(replay, "batch/{asset}/telemetry", PublishOptions.of(Pacing.unpaced()), local());
            Received got = new Received(sub.await(replay.frames(), QUIET, LIMIT), replay.channels(), replay.axis());
            for (String asset : List.of("1", "2", "3")) {
                assertEquals(List.of(10, 10, 10, 10, 10, 10, 10, 2), got.readingsPerMessage.get(asset), asset);
            }
            assertEquals(expectedReadings(data, Fixtures.azureSlice()), got.readings);
        }
    }

    @Test
    void a_missing_value_arrives_as_null_and_read_back_as_nan() throws Exception {
        Dataset data = Fixtures.small();
        FleetReplay replay = FleetReplay.of(data, ReplaySlice.everything(), 1);
        try (TestSubscriber sub = TestSubscriber.subscribe(broker, "small/#")) {
            publish(replay, "small/{asset}/telemetry", PublishOptions.of(Pacing.unpaced())
                    .withMaxInFlight(1), local());
            List<TestSubscriber.Message> messages = sub.await(replay.frames(), QUIET, LIMIT);
            assertTrue(messages.stream().anyMatch(m -> m.payload().contains("\"temp\":null")), messages.toString());
            Received got = new Received(messages, replay.channels(), replay.axis());
            assertEquals(expectedReadings(data, ReplaySlice.everything()), got.readings);
            assertTrue(Double.isNaN(got.readings.get("a").get(2).values()[0]));
            assertEquals(List.of("comp1", "error\"1", "comp2"), got.events.get("a").stream().map(EventRow::code).toList());
        }
    }

    @Test
    void laps_keep_each_assets_readings_increasing_and_send_attributes_once() throws Exception {
        FleetReplay replay = FleetReplay.of(Fixtures.small(), ReplaySlice.everything(), 1);
        try (TestSubscriber sub = TestSubscriber.subscribe(broker, "laps/#")) {
            PublishStats stats = publish(replay, "laps/{asset}/telemetry", PublishOptions.of(Pacing.unpaced())
                    .withLaps(3), local());
            assertEquals(3, stats.laps());
            assertEquals(3L * replay.frames(), stats.messages());
            Received got = new Received(sub.await(3 * replay.frames(), QUIET, LIMIT), replay.channels(), replay.axis());
            for (List<Row> rows : got.readings.values()) {
                for (int i = 1; i < rows.size(); i++) {
                    assertTrue(rows.get(i).time() > rows.get(i - 1).time(), rows.toString());
                }
            }
            assertEquals(15, got.readings.get("a").size());
            assertEquals(1, got.attributes.get("a").stream().filter(m -> !m.isEmpty()).count());
            // history once, the alarm and the failure every lap
            assertEquals(1 + 2 * 3, got.events.get("a").size());
        }
    }

    @Test
    void no_message_leaves_before_its_time_in_the_schedule() throws Exception {
        FleetReplay replay = FleetReplay.of(Fixtures.small(), ReplaySlice.everything(), 1);
        Pacing pacing = Pacing.speed(360_000, replay.axis());   // the 9 hours of data in 90 ms
        PublishStats stats = publish(replay, "paced/{asset}/telemetry", PublishOptions.of(pacing), local());
        long lastDue = pacing.dueNanos(replay.lastTime() - replay.firstTime(), replay.readings());
        assertEquals(90_000_000, lastDue);
        assertTrue(stats.elapsedNanos() >= lastDue, stats.elapsedNanos() + " ns < " + lastDue);
    }

    @Test
    void without_a_version_the_publisher_speaks_3_1_1_to_a_broker_that_speaks_only_that() throws Exception {
        try (Publisher p = Publisher.connect(local(), json())) {
            assertEquals(MqttVersion.MQTT_3_1_1, p.version());
        }
    }

    @Test
    void mqtt_5_alone_is_refused_by_a_3_1_1_broker_with_a_hint() throws Exception {
        BrokerException e = assertThrows(BrokerException.class,
                () -> Publisher.connect(local().withVersions(List.of(MqttVersion.MQTT_5_0)), json()));
        assertEquals("the MQTT broker at " + broker.url() + " refused MQTT 5; try --mqtt-version 3", e.getMessage());
    }

    @Test
    void an_unreachable_broker_is_named() throws Exception {
        BrokerException e = assertThrows(BrokerException.class, () -> Publisher.connect(BrokerSettings.parse("tcp://127.0.0.1:1"), json()));
        assertEquals("cannot reach the MQTT broker at tcp://127.0.0.1:1: connection refused", e.getMessage());
    }

    @Test
    void a_lost_broker_stops_the_run_with_its_name() throws Exception {
        FleetReplay replay = FleetReplay.of(Fixtures.small(), ReplaySlice.everything(), 1);
        EmbeddedBroker doomed = EmbeddedBroker.inMemory();
        String url = doomed.url();
        try (Publisher p = Publisher.connect(BrokerSettings.parse(url), JsonPayloads.of(replay))) {
            AtomicBoolean closed = new AtomicBoolean();
            BrokerException e = assertThrows(BrokerException.class, () -> p.run(replay,
                    PublishOptions.of(Pacing.rate(20)).withLaps(1000).withProgressEvery(Duration.ofMillis(50)), s -> {
                        if (s.messages() > 0 && !closed.getAndSet(true)) {
                            doomed.close();   // the broker goes away while the publisher is sending
                        }
                    }));
            assertTrue(e.getMessage().startsWith("lost the MQTT broker at " + url + " after "), e.getMessage());
        }
    }
}
