package org.prognos.cli.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prognos.features.telemetry.Dataset;
import org.prognos.live.device.DeviceMessage.DeviceEvent;
import org.prognos.live.device.DeviceMessage.Sample;
import org.prognos.live.sparkplug.MessageType;
import org.prognos.live.sparkplug.SparkplugEncoder;

/**
 * Replays in Sparkplug B through a real broker (the embedded one) to a real subscriber, which reads every message with
 * the service's {@link org.prognos.live.sparkplug.SparkplugDecoder}: what it reads is the dataset, reading for reading
 * and event for event, between births and deaths, every edge node's {@code seq} unbroken; and a rebirth it asks for
 * mid-run is answered.
 */
class SparkplugThroughBrokerTest {
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

    private static Publisher connect(SparkplugFrames frames) {
        return Publisher.connect(BrokerSettings.parse(broker.url()), frames);
    }

    /** Asserts births before data and deaths after it: per node, and per device. */
    private static void assertBornFirstAndDeadLast(SparkplugReadBack back) {
        back.nodeTypes.forEach((node, types) -> {
            assertEquals(MessageType.NBIRTH, types.get(0), node);
            assertEquals(MessageType.NDEATH, types.get(types.size() - 1), node);
        });
        back.deviceTypes.forEach((device, types) -> {
            assertEquals(MessageType.DBIRTH, types.get(0), device);
            assertEquals(MessageType.DDEATH, types.get(types.size() - 1), device);
        });
    }

    @Test
    void an_azure_day_of_three_machines_on_two_edge_nodes_reads_back_as_the_dataset() throws Exception {
        Dataset data = Fixtures.azure();
        ReplaySlice slice = SparkplugFramesTest.oneDay("1", "2", "3");
        FleetReplay replay = FleetReplay.of(data, slice, 1);
        try (TestSubscriber sub = TestSubscriber.subscribe(broker, "spBv1.0/prognos/#")) {
            PublishStats stats;
            try (Publisher p = connect(SparkplugFrames.of(replay, SparkplugFrames.DEFAULT_GROUP, 2, TopicTemplate.DEFAULT))) {
                stats = p.run(replay, PublishOptions.of(Pacing.unpaced()), s -> { });
            }
            SparkplugReadBack back = SparkplugReadBack.of(sub.await((int) stats.messages(), QUIET, LIMIT));

            assertEquals(stats.messages(), back.decoded.size(), "every message once");
            back.assertAllAccepted();
            back.assertSeqContinuous();
            assertBornFirstAndDeadLast(back);
            assertEquals(Map.of("1", "gw-1", "2", "gw-1", "3", "gw-2"), back.nodeOf);
            assertEquals(SparkplugReadBack.expectedReadings(data, slice), back.readings,
                    "every reading once, in time order per asset, at its time, values as in the dataset");
            Map<String, List<DeviceEvent>> events =
                    SparkplugReadBack.expectedEvents(data, slice, Set.of("1", "2", "3"));
            assertEquals(events, back.events, "events, history included, in time order");
            assertTrue(events.values().stream().allMatch(e -> e.size() > 1), "each machine has a history");
            for (String asset : List.of("1", "2", "3")) {
                assertEquals(List.of(true, false), back.presence.get(asset));
            }
            assertEquals(3 * 24, stats.readings());
        }
    }

    @Test
    void a_missing_value_travels_as_a_null_metric_and_a_batch_as_one_message() throws Exception {
        Dataset data = Fixtures.small();
        FleetReplay replay = FleetReplay.of(data, ReplaySlice.everything(), 2);
        try (TestSubscriber sub = TestSubscriber.subscribe(broker, "spBv1.0/small/#")) {
            PublishStats stats;
            try (Publisher p = connect(SparkplugFrames.of(replay, "small", 1, TopicTemplate.DEFAULT))) {
                stats = p.run(replay, PublishOptions.of(Pacing.unpaced()).withMaxInFlight(1), s -> { });
            }
            SparkplugReadBack back = SparkplugReadBack.of(sub.await((int) stats.messages(), QUIET, LIMIT));

            back.assertAllAccepted();
            back.assertSeqContinuous();
            assertBornFirstAndDeadLast(back);
            Map<String, List<Sample>> expected = SparkplugReadBack.expectedReadings(data, ReplaySlice.everything());
            assertEquals(expected, back.readings);
            Sample missing = back.readings.get("a").get(2);
            assertTrue(missing.values().containsKey("temp") && missing.values().get("temp").isNaN(),
                    "sent as a null metric, not left out: " + missing);
            assertEquals(SparkplugReadBack.expectedEvents(data, ReplaySlice.everything(), Set.of("a", "b")), back.events);
            // a: DBIRTH (reading 0 and its history), DDATA (reading 1), 2 DDATA of 2 and 1 readings, DDATA of the failure
            assertEquals(List.of(MessageType.DBIRTH, MessageType.DDATA, MessageType.DDATA, MessageType.DDATA,
                    MessageType.DDATA, MessageType.DDEATH), back.deviceTypes.get("a"));
        }
    }

    @Test
    void a_rebirth_requested_mid_run_is_answered_with_births_and_data_keeps_decoding() throws Exception {
        Dataset data = Fixtures.azure();
        ReplaySlice slice = SparkplugFramesTest.oneDay("1", "2");
        FleetReplay replay = FleetReplay.of(data, slice, 1);
        try (TestSubscriber sub = TestSubscriber.subscribe(broker, "spBv1.0/rebirth/#");
             Publisher p = connect(SparkplugFrames.of(replay, "rebirth", 1, TopicTemplate.DEFAULT))) {
            // 48 readings at 40 a second: about 1.2 s, the request goes out after the 10th message (about 0.2 s)
            CompletableFuture<PublishStats> run = CompletableFuture.supplyAsync(
                    () -> p.run(replay, PublishOptions.of(Pacing.rate(40)), s -> { }));
            assertTrue(sub.awaitAtLeast(10, LIMIT));
            sub.publish("spBv1.0/rebirth/NCMD/gw-1", SparkplugEncoder.rebirthRequest("rebirth", "gw-1", 0).payload());
            PublishStats stats = run.get(60, TimeUnit.SECONDS);
            List<TestSubscriber.Message> messages = sub.await((int) stats.messages() + 1, QUIET, LIMIT);   // + our NCMD
            SparkplugReadBack back = SparkplugReadBack.of(messages);

            back.assertAllAccepted();
            back.assertSeqContinuous();
            assertBornFirstAndDeadLast(back);
            List<MessageType> node = back.nodeTypes.get("gw-1");
            int rebirth = node.lastIndexOf(MessageType.NBIRTH);
            assertTrue(rebirth > 0 && rebirth < node.size() - 4, "answered before the run ended: " + node);
            assertEquals(List.of(MessageType.DBIRTH, MessageType.DBIRTH, MessageType.DDATA), node.subList(rebirth + 1, rebirth + 4),
                    "the node's birth, then its two devices', then data goes on");
            Map<String, List<Sample>> expected = SparkplugReadBack.expectedReadings(data, slice);
            for (String asset : List.of("1", "2")) {
                List<Sample> got = back.readings.get(asset);
                assertEquals(expected.get(asset).size() + 1, got.size(), "one reading restated by the rebirth");
                assertEquals(expected.get(asset), withoutRepeats(got), "and otherwise the dataset's");
            }
            assertEquals(SparkplugReadBack.expectedEvents(data, slice, Set.of("1", "2")), back.events);
        }
    }

    /** The samples without those equal to the one before (a birth's restatement of the latest reading). */
    private static List<Sample> withoutRepeats(List<Sample> samples) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : samples) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(s)) {
                out.add(s);
            }
        }
        return out;
    }
}
