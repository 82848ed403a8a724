package org.prognos.cli.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.datatypes.MqttTopic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.telemetry.AssetAttributes;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.EventLog;
import org.prognos.features.telemetry.InMemoryTelemetry;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.live.device.DeviceMessage;
import org.prognos.live.device.DeviceMessage.Sample;
import org.prognos.live.sparkplug.Decoded;
import org.prognos.live.sparkplug.MessageType;
import org.prognos.live.sparkplug.SparkplugDecoder;
import org.prognos.live.sparkplug.SparkplugEncoder;

/**
 * {@link SparkplugFrames} driven as the {@link Publisher} drives it, without a broker: what it writes, through which
 * connection, read back with the service's decoder.
 */
class SparkplugFramesTest {
    /** Some machines of the bundled Azure data on 1 December 2015: 24 hourly readings each. */
    static ReplaySlice oneDay(String... assets) {
        return ReplaySlice.everything().withAssets(List.of(assets)).between(OptionalLong.of(Fixtures.UTC.parse("2015-12-01 00:00:00")),
                OptionalLong.of(Fixtures.UTC.parse("2015-12-02 00:00:00")));
    }

    /** One message written, and the connection it was written to. */
    record Sent(int connection, TestSubscriber.Message message) {
        MessageType type() {
            return MessageType.valueOf(message.topic().split("/")[2]);
        }
    }

    /** An {@link Outbox} that keeps what it is given. */
    static final class Recorder implements Outbox {
        final List<Sent> sent = new ArrayList<>();

        @Override
        public void send(int connection, MqttTopic topic, byte[] payload, int offset, int length) {
            sent.add(new Sent(connection, new TestSubscriber.Message(topic.toString(), Arrays.copyOfRange(payload, offset, offset + length))));
        }

        List<TestSubscriber.Message> messages() {
            return sent.stream().map(Sent::message).toList();
        }
    }

    /** Laps {@code from} to {@code to} (exclusive) of a run of {@code laps}, frame by frame as the publisher sends them. */
    static void laps(FrameEncoder encoder, FleetReplay replay, int from, int to, int laps, Outbox out) {
        for (int lap = from; lap < to; lap++) {
            for (int i = 0; i < replay.frames(); i++) {
                DeviceFrame frame = replay.frame(i, lap);
                encoder.encode(frame, out);
                if (lap == laps - 1 && frame.lastOfLap()) {
                    encoder.deviceEnded(frame, out);
                }
            }
        }
    }

    /** A whole run of {@code laps} laps. */
    static Recorder run(FrameEncoder encoder, FleetReplay replay, int laps) {
        Recorder out = new Recorder();
        encoder.open(out);
        laps(encoder, replay, 0, laps, laps, out);
        encoder.close(out);
        return out;
    }

    @Test
    void devices_are_named_by_the_topic_templates_asset_level_and_spread_over_the_edge_nodes_in_blocks() throws Exception {
        FleetReplay replay = FleetReplay.of(Fixtures.azure(), oneDay("1", "2", "3"), 1);
        SparkplugFrames frames = SparkplugFrames.of(replay, "plant", 2, new TopicTemplate("fleet/machine-{asset}/telemetry"));
        Recorder out = run(frames, replay, 1);

        assertEquals("sparkplug", frames.format());
        assertEquals("Sparkplug B on spBv1.0/plant/#, edge nodes gw-1 to gw-2", frames.describe());
        List<Connection> connections = frames.connections();
        assertEquals(List.of("gw-1", "gw-2"), connections.stream().map(Connection::name).toList());
        assertEquals(List.of("spBv1.0/plant/NCMD/gw-1"), connections.get(0).commands());
        assertEquals("spBv1.0/plant/NDEATH/gw-2", connections.get(1).will().orElseThrow().topic());
        for (Sent s : out.sent) {
            assertEquals("gw-" + (s.connection() + 1), s.message().topic().split("/")[3],
                    "an edge node's messages go through its own connection");
        }
        List<String> births = out.messages().stream().map(TestSubscriber.Message::topic).filter(t -> t.contains("BIRTH")).toList();
        assertEquals(List.of("spBv1.0/plant/NBIRTH/gw-1", "spBv1.0/plant/NBIRTH/gw-2", "spBv1.0/plant/DBIRTH/gw-1/machine-1",
                "spBv1.0/plant/DBIRTH/gw-1/machine-2", "spBv1.0/plant/DBIRTH/gw-2/machine-3"), births);
        SparkplugReadBack back = SparkplugReadBack.of(out.messages());
        back.assertAllAccepted();
        back.assertSeqContinuous();
        assertEquals(Map.of("machine-1", "gw-1", "machine-2", "gw-1", "machine-3", "gw-2"), back.nodeOf);
        assertEquals(List.of(true, false), back.presence.get("machine-3"), "online at its birth, offline at its death");
    }

    @Test
    void the_will_of_each_connection_is_the_ndeath_of_the_session_its_nbirth_opens() throws Exception {
        FleetReplay replay = FleetReplay.of(Fixtures.azure(), oneDay("1", "2"), 1);
        SparkplugFrames frames = SparkplugFrames.of(replay, SparkplugFrames.DEFAULT_GROUP, 1, TopicTemplate.DEFAULT);
        Connection.Will will = frames.connections().get(0).will().orElseThrow();
        Recorder out = new Recorder();
        frames.open(out);
        frames.encode(replay.frame(0, 0), out);

        SparkplugDecoder host = new SparkplugDecoder();
        for (TestSubscriber.Message m : out.messages()) {
            assertTrue(host.decode(m.topic(), m.bytes(), 0) instanceof Decoded.Accepted, m.topic());
        }
        Decoded death = host.decode(will.topic(), will.payload(), 0);
        assertEquals(new Decoded.Accepted(List.of(new DeviceMessage.Presence("1", false, 0, "NDEATH of node prognos/gw-1")),
                List.of()), death, "the will's bdSeq is the session's, so the host takes it for the node's death");
        assertEquals("spBv1.0/prognos/NDEATH/gw-1", will.topic());
    }

    @Test
    void a_batch_is_one_ddata_and_a_birth_takes_the_first_reading_of_its_frame() throws Exception {
        FleetReplay replay = FleetReplay.of(Fixtures.azure(), oneDay("1", "2"), 6);
        Recorder out = run(SparkplugFrames.of(replay, "g", 1, TopicTemplate.DEFAULT), replay, 1);

        List<Integer> samplesOfMachine1 = new ArrayList<>();
        SparkplugDecoder host = new SparkplugDecoder();
        for (Sent s : out.sent) {
            Decoded d = host.decode(s.message().topic(), s.message().bytes(), 0);
            if (s.message().topic().endsWith("/1") && (s.type() == MessageType.DBIRTH || s.type() == MessageType.DDATA)) {
                d.messages().stream().filter(DeviceMessage.Telemetry.class::isInstance)
                        .forEach(t -> samplesOfMachine1.add(((DeviceMessage.Telemetry) t).samples().size()));
            }
        }
        assertEquals(List.of(1, 5, 6, 6, 6), samplesOfMachine1, "DBIRTH, the rest of its frame, then one DDATA a frame");
        SparkplugReadBack back = SparkplugReadBack.of(out.messages());
        assertEquals(SparkplugReadBack.expectedReadings(Fixtures.azure(), oneDay("1", "2")), back.readings);
    }

    @Test
    void laps_keep_the_session_and_the_devices_which_die_after_their_last_frame_of_the_final_lap() throws Exception {
        FleetReplay replay = FleetReplay.of(Fixtures.small(), ReplaySlice.everything(), 1);
        Recorder out = run(SparkplugFrames.of(replay, "g", 1, TopicTemplate.DEFAULT), replay, 3);
        SparkplugReadBack back = SparkplugReadBack.of(out.messages());

        back.assertAllAccepted();
        back.assertSeqContinuous();
        for (String device : List.of("a", "b")) {
            List<MessageType> types = back.deviceTypes.get(device);
            assertEquals(List.of(MessageType.DBIRTH, MessageType.DDEATH),
                    types.stream().filter(t -> t != MessageType.DDATA).toList(), "born first, dead last, once each");
            assertEquals(MessageType.DDEATH, types.get(types.size() - 1));
            List<Sample> readings = back.readings.get(device);
            for (int i = 1; i < readings.size(); i++) {
                assertTrue(readings.get(i).epochMillis() > readings.get(i - 1).epochMillis(), readings.toString());
            }
        }
        assertEquals(15, back.readings.get("a").size());
        assertEquals(1 + 2 * 3, back.events.get("a").size(), "history once, the alarm and the failure every lap");
        List<MessageType> node = back.nodeTypes.get("gw-1");
        assertEquals(List.of(MessageType.NBIRTH), node.subList(0, 1));
        assertEquals(1, node.stream().filter(t -> t == MessageType.NBIRTH).count(), "one session for all laps");
        assertEquals(MessageType.NDEATH, node.get(node.size() - 1));
    }

    @Test
    void a_rebirth_request_is_answered_with_the_nodes_birth_and_the_births_of_its_born_devices_at_their_latest_reading()
            throws Exception {
        FleetReplay replay = FleetReplay.of(Fixtures.azure(), oneDay("1", "2", "3"), 1);
        SparkplugFrames frames = SparkplugFrames.of(replay, "g", 2, TopicTemplate.DEFAULT);
        Recorder out = new Recorder();
        frames.open(out);
        for (int i = 0; i < 7; i++) {   // machines 1, 2 and 3 at 0:00 and 1:00, machine 1 at 2:00
            frames.encode(replay.frame(i, 0), out);
        }
        int before = out.sent.size();
        byte[] rebirth = SparkplugEncoder.rebirthRequest("g", "gw-1", 0).payload();
        frames.command(new Command(0, "spBv1.0/g/NCMD/gw-2", rebirth), out);
        byte[] noRebirth = new SparkplugEncoder("g", "gw-1", 0).nodeBirth(0, Map.of()).payload();   // Rebirth = false
        frames.command(new Command(0, "spBv1.0/g/NCMD/gw-1", noRebirth), out);
        assertEquals(before, out.sent.size(), "another node's topic, or no rebirth request: nothing to answer");

        frames.command(new Command(0, "spBv1.0/g/NCMD/gw-1", rebirth), out);
        List<Sent> answer = out.sent.subList(before, out.sent.size());
        assertEquals(List.of("spBv1.0/g/NBIRTH/gw-1", "spBv1.0/g/DBIRTH/gw-1/1", "spBv1.0/g/DBIRTH/gw-1/2"),
                answer.stream().map(s -> s.message().topic()).toList());
        assertTrue(answer.stream().allMatch(s -> s.connection() == 0));
        for (int i = 7; i < replay.frames(); i++) {
            frames.encode(replay.frame(i, 0), out);
        }
        frames.close(out);

        SparkplugReadBack back = SparkplugReadBack.of(out.messages());
        back.assertAllAccepted();
        back.assertSeqContinuous();
        List<Sample> machine1 = back.readings.get("1");
        assertEquals(machine1.get(2), machine1.get(3), "the rebirth restates machine 1's reading of 2:00");
        List<Sample> machine2 = back.readings.get("2");
        assertEquals(machine2.get(1), machine2.get(2), "and machine 2's of 1:00");
        assertEquals(25, machine1.size());
    }

    @Test
    void cycles_more_edge_nodes_than_assets_a_bad_group_and_a_channel_named_like_an_event_are_refused() throws Exception {
        FleetReplay azure = FleetReplay.of(Fixtures.azure(), oneDay("1", "2"), 1);
        InvalidSpecException nodes = assertThrows(InvalidSpecException.class,
                () -> SparkplugFrames.of(azure, "g", 3, TopicTemplate.DEFAULT));
        assertEquals("--edge-nodes: 1 to 2 (the assets replayed), found 3", nodes.getMessage());
        InvalidSpecException group = assertThrows(InvalidSpecException.class,
                () -> SparkplugFrames.of(azure, "a/b", 1, TopicTemplate.DEFAULT));
        assertTrue(group.getMessage().startsWith("--group: invalid Sparkplug B topic"), group.getMessage());

        TimeAxis cycles = new TimeAxis.Cycles();
        FleetReplay engines = FleetReplay.of(new Dataset(new InMemoryTelemetry("engines", cycles, List.of("x")).add("e1", 1, 1.0),
                new EventLog(List.of()), new AssetAttributes(Map.of())), ReplaySlice.everything(), 1);
        InvalidSpecException clock = assertThrows(InvalidSpecException.class,
                () -> SparkplugFrames.of(engines, "g", 1, TopicTemplate.DEFAULT));
        assertEquals("--format sparkplug: Sparkplug B sends timestamps, and engines counts cycles; replay it as json",
                clock.getMessage());

        FleetReplay odd = FleetReplay.of(new Dataset(new InMemoryTelemetry("odd", Fixtures.UTC, List.of("event/x")).add("a", 0, 1.0),
                new EventLog(List.of()), new AssetAttributes(Map.of())), ReplaySlice.everything(), 1);
        InvalidSpecException channel = assertThrows(InvalidSpecException.class,
                () -> SparkplugFrames.of(odd, "g", 1, TopicTemplate.DEFAULT));
        assertEquals("--format sparkplug: odd: channel 'event/x' has a name Sparkplug or events use", channel.getMessage());
    }
}
