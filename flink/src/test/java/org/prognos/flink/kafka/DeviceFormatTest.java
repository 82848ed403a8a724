package org.prognos.flink.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prognos.flink.score.AssetWindow;
import org.prognos.live.device.DeadLetter;
import org.prognos.live.device.DeviceMessage;
import org.prognos.live.sparkplug.SparkplugEncoder;
import org.prognos.live.sparkplug.SparkplugMessage;

/**
 * The device topic's formats read single records: the service's JSON readings payload (a real Azure PdM reading,
 * machine 1 at 2015-10-01 00:00:00; the broken payloads are made up) and Sparkplug B from the live module's encoder.
 * Everything a record can hold wrong is a refusal with a reason and the field at fault, never an exception.
 */
class DeviceFormatTest {
    /** Machine 1's first reading in PdM_telemetry.csv. */
    static final String READING = "{\"time\": \"2015-10-01 00:00:00\", \"values\": {\"volt\": 180.541240121778,"
            + " \"rotate\": 448.68469036449994, \"pressure\": 92.2338573641925, \"vibration\": 38.0587232675069}}";
    static final long MILLIS = Instant.parse("2015-10-01T00:00:00Z").toEpochMilli();

    private static Decoding json(String key, String value) {
        DeviceRecord r = new DeviceRecord("readings", 0, 7, MILLIS, key, value.getBytes(StandardCharsets.UTF_8));
        return DeviceFormat.JsonReadings.utc().open().read(r);
    }

    private static AssetWindow only(Decoding d) {
        Decoding.Read read = assertInstanceOf(Decoding.Read.class, d, d.toString());
        assertEquals(1, read.windows().size());
        return read.windows().get(0);
    }

    private static Decoding.Refused refused(Decoding d, String reason) {
        Decoding.Refused r = assertInstanceOf(Decoding.Refused.class, d, d.toString());
        assertEquals(reason, r.reason(), r.detail());
        return r;
    }

    @Test
    void aServiceReadingPayloadIsOneWindowOfTheKeysAsset() {
        AssetWindow w = only(json("1", READING));
        assertEquals("1", w.asset());
        assertArrayEquals(new long[] {MILLIS}, w.sampleMillis());
        assertArrayEquals(new String[] {"pressure", "rotate", "vibration", "volt"}, w.channels());
        assertArrayEquals(new double[] {92.2338573641925, 448.68469036449994, 38.0587232675069, 180.541240121778}, w.values());
    }

    @Test
    void manyReadingsWithEventsKeepTheirOrderAndANullIsAMissingValue() {
        AssetWindow w = only(json("1", "{\"readings\": [{\"time\": \"2015-10-01T00:00:00Z\", \"values\": {\"volt\": 180.5}},"
                + " {\"time\": \"2015-10-01 01:00:00\", \"values\": {\"volt\": null}}],"
                + " \"events\": [{\"kind\": \"maintenance\", \"code\": \"comp2\", \"time\": \"2015-10-01 00:30:00\"}],"
                + " \"attributes\": {\"model\": \"model3\"}}"));
        assertArrayEquals(new long[] {MILLIS, MILLIS + 3_600_000}, w.sampleMillis());
        assertEquals(180.5, w.values()[0]);
        assertTrue(Double.isNaN(w.values()[1]));
        assertArrayEquals(new String[] {"maintenance"}, w.eventKinds());
        assertArrayEquals(new long[] {MILLIS + 1_800_000}, w.eventMillis());
    }

    @Test
    void recordsThatCannotBeReadAreRefusedWithTheServicesReasons() {
        refused(json("", READING), "invalid_asset");
        refused(json("1", ""), "malformed_payload");
        refused(json("1", READING.substring(0, 40)), "malformed_payload");
        assertTrue(refused(json("1", "null"), "invalid_payload").detail().contains("expected a JSON object"));
        assertTrue(refused(json("1", "{\"time\": \"2015-10-01 00:00:00\", \"value\": {\"volt\": 1}}"), "unknown_field")
                .detail().startsWith("unknown key 'value'"));
        String badTime = refused(json("1", "{\"time\": \"yesterday\", \"values\": {\"volt\": 1}}"), "invalid_payload").detail();
        assertTrue(badTime.startsWith("at 'time': ") && badTime.contains("yesterday"), badTime);
        assertTrue(refused(json("1", "{\"events\": [{\"kind\": \"repair\", \"code\": \"comp1\", \"time\": \"2015-10-01 00:00:00\"}]}"),
                "invalid_payload").detail().startsWith("at 'events[0].kind'"));
    }

    @Test
    void aMessageWithNothingToScoreIsReadAsNoWindowsAndReadingsSentUnsortedAreSorted() {
        assertEquals(List.of(), assertInstanceOf(Decoding.Read.class, json("1", "{}")).windows(), "as on MQTT");
        AssetWindow w = only(json("1", "{\"readings\": [{\"time\": \"2015-10-01 01:00:00\", \"values\": {\"volt\": 1}},"
                + " {\"time\": \"2015-10-01 00:00:00\", \"values\": {\"volt\": 2}}]}"));
        assertArrayEquals(new long[] {MILLIS, MILLIS + 3_600_000}, w.sampleMillis(), "the keyed state checks order"
                + " against the asset's last reading; within a message readings are applied in time order, as on MQTT");
    }

    @Test
    void aRefusedRecordIsTheServicesDeadLetterWithItsKafkaCoordinatesAndBytes() {
        byte[] cut = READING.substring(0, 40).getBytes(StandardCharsets.UTF_8);
        DeviceRecord record = new DeviceRecord("readings", 2, 41, MILLIS, "1", cut);
        List<DeadLetter> letters = new java.util.ArrayList<>();
        DeviceFormat.JsonReadings.utc().open().read(record).route(record, w -> { }, letters::add);
        assertEquals(1, letters.size());
        DeadLetter d = letters.get(0);
        assertEquals("malformed_payload", d.reason());
        assertEquals("readings", d.topic());
        assertEquals("1", d.key());
        assertEquals("1", d.asset());
        assertEquals(2, d.partition());
        assertEquals(41L, d.offset());
        assertEquals(Instant.ofEpochMilli(MILLIS).toString(), d.receivedAt(), "the record's time: read again, the same letter");
        assertArrayEquals(cut, d.payloadBytes());
    }

    @Test
    void sparkplugRecordsKeyedByTheirTopicAreReadAlongTheNodesSession() {
        SparkplugEncoder node = new SparkplugEncoder("plant", "gw-1", 0);
        Map<String, Double> channels = Map.of("volt", 180.541240121778, "rotate", 448.68469036449994);
        List<SparkplugMessage> session = List.of(node.nodeBirth(MILLIS, Map.of()), node.deviceBirth("1", MILLIS, channels),
                node.deviceData("1", List.of(new DeviceMessage.Sample(MILLIS + 3_600_000, Map.of("volt", 171.792550723127))), List.of()));
        refused(new DeviceFormat.SparkplugB().open().read(record(session.get(2))), "no_birth");   // before the births

        DeviceFormat.Reader reader = new DeviceFormat.SparkplugB().open();
        Decoding birth = reader.read(record(session.get(0)));
        assertInstanceOf(Decoding.Read.class, birth, birth.toString());
        AssetWindow born = only(reader.read(record(session.get(1))));   // a device birth states its values
        assertEquals("1", born.asset());
        AssetWindow w = only(reader.read(record(session.get(2))));
        assertEquals("1", w.asset());
        assertArrayEquals(new long[] {MILLIS + 3_600_000}, w.sampleMillis());
        assertEquals(171.792550723127, w.values()[Arrays.asList(w.channels()).indexOf("volt")]);
    }

    private static DeviceRecord record(SparkplugMessage m) {
        return new DeviceRecord("sparkplug", 0, 0, MILLIS, m.topic().format(), m.payload());
    }

    @Test
    void aConfigurationThatWouldReadWhatItWritesIsRefused() {
        KafkaConfig ok = KafkaConfig.defaults("localhost:9092");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ok.withOutputs("prognos.readings", "a", "d"));
        assertTrue(e.getMessage().contains("both the readings topic and an output topic"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KafkaConfig.defaults(" "));
    }
}
