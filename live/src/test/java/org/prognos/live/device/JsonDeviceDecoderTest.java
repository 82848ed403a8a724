package org.prognos.live.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The service's JSON readings payload, read without the service: the bundled Azure PdM readings of machine 1 (its
 * first day), sent as the service's MQTT subscribers send them, come out with the same times and values; bad payloads
 * (made up: edge cases) get the service's dead-letter reasons and a message naming the field.
 */
class JsonDeviceDecoderTest {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private final JsonDeviceDecoder decoder = new JsonDeviceDecoder();

    @Test
    void azure_readings_keep_their_times_and_values() throws IOException {
        List<String[]> rows = azureMachine1(24);
        StringBuilder json = new StringBuilder("{\"readings\": [");
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            json.append(i == 0 ? "" : ",").append("{\"time\": \"").append(r[0]).append("\", \"values\": {\"volt\": ")
                    .append(r[2]).append(", \"rotate\": ").append(r[3]).append(", \"pressure\": ").append(r[4])
                    .append(", \"vibration\": ").append(r[5]).append("}}");
        }
        json.append("], \"events\": [{\"kind\": \"maintenance\", \"code\": \"comp2\", \"time\": \"2015-10-01 06:00:00\"}]}");

        DeviceMessage.Telemetry t = decoder.decode("1", json.toString().getBytes(StandardCharsets.UTF_8));

        assertEquals(rows.size(), t.samples().size());
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            DeviceMessage.Sample s = t.samples().get(i);
            assertEquals(LocalDateTime.parse(r[0], TIME).toInstant(ZoneOffset.UTC).toEpochMilli(), s.epochMillis());
            assertEquals(Double.parseDouble(r[2]), s.values().get("volt"), 0.0);
            assertEquals(Double.parseDouble(r[5]), s.values().get("vibration"), 0.0);
        }
        assertEquals(List.of(new DeviceMessage.DeviceEvent(
                LocalDateTime.parse("2015-10-01 06:00:00", TIME).toInstant(ZoneOffset.UTC).toEpochMilli(), "maintenance", "comp2")),
                t.events());
    }

    @Test
    void a_single_top_level_reading_with_an_offset_and_a_null_value() {
        DeviceMessage.Telemetry t = decoder.decode("7",
                "{\"time\": \"2015-10-01T08:00:00+02:00\", \"values\": {\"volt\": null, \"rotate\": 450}}".getBytes(StandardCharsets.UTF_8));
        assertEquals(1443679200000L, t.samples().get(0).epochMillis());
        assertTrue(Double.isNaN(t.samples().get(0).values().get("volt")));
        assertEquals(450.0, t.samples().get(0).values().get("rotate"));
    }

    @Test
    void bad_payloads_get_the_services_reasons() {
        assertReason(InvalidDeviceMessageException.MALFORMED, "not JSON", "{\"time\": ");
        assertReason(InvalidDeviceMessageException.MALFORMED, "empty payload", "");
        assertReason(InvalidDeviceMessageException.UNKNOWN_FIELD, "unknown key 'readings[0].valeus'",
                "{\"readings\": [{\"time\": \"2015-10-01 00:00:00\", \"valeus\": {}}]}");
        assertReason(InvalidDeviceMessageException.INVALID, "at 'readings[0].time'",
                "{\"readings\": [{\"time\": \"yesterday\", \"values\": {}}]}");
        assertReason(InvalidDeviceMessageException.INVALID, "cycle numbers", "{\"time\": 12, \"values\": {}}");
        assertReason(InvalidDeviceMessageException.INVALID, "at 'values.volt'",
                "{\"time\": \"2015-10-01 00:00:00\", \"values\": {\"volt\": \"high\"}}");
        assertReason(InvalidDeviceMessageException.INVALID, "at 'events[0].kind'",
                "{\"events\": [{\"kind\": \"repair\", \"code\": \"comp1\", \"time\": \"2015-10-01 00:00:00\"}]}");
    }

    @Test
    void a_blank_asset_is_an_invalid_asset_whatever_the_payload() {
        InvalidDeviceMessageException e = assertThrows(InvalidDeviceMessageException.class,
                () -> decoder.decode(" ", "{\"time\": \"2015-10-01 00:00:00\", \"values\": {\"volt\": 1}}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertEquals(InvalidDeviceMessageException.INVALID_ASSET, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("no asset id"), e.getMessage());
    }

    @Test
    void times_without_an_offset_are_read_in_the_decoders_zone_and_times_with_one_as_written() {
        JsonDeviceDecoder paris = new JsonDeviceDecoder(java.time.ZoneId.of("Europe/Paris"));
        long local = paris.decode("1", "{\"time\": \"2015-10-01 06:00:00\", \"values\": {\"volt\": 1}}"
                .getBytes(StandardCharsets.UTF_8)).samples().get(0).epochMillis();
        long utc = decoder.decode("1", "{\"time\": \"2015-10-01 06:00:00\", \"values\": {\"volt\": 1}}"
                .getBytes(StandardCharsets.UTF_8)).samples().get(0).epochMillis();
        assertEquals(2 * 3_600_000L, utc - local, "Paris is UTC+2 on 1 October 2015 (summer time)");
        long offset = paris.decode("1", "{\"time\": \"2015-10-01T06:00:00Z\", \"values\": {\"volt\": 1}}"
                .getBytes(StandardCharsets.UTF_8)).samples().get(0).epochMillis();
        assertEquals(utc, offset, "an explicit offset wins over the decoder's zone");
    }

    @Test
    void a_dead_letter_gives_back_the_bytes_received_and_says_where_a_kafka_record_was() {
        byte[] binary = {(byte) 0xff, 0x00, 0x12};
        DeadLetter mqtt = DeadLetter.of("devices/9/readings", binary, InvalidDeviceMessageException.MALFORMED, "not JSON", "9",
                java.time.Instant.EPOCH);
        assertEquals(DeadLetter.BASE64, mqtt.payloadEncoding());
        org.junit.jupiter.api.Assertions.assertArrayEquals(binary, mqtt.payloadBytes());
        assertEquals("", mqtt.key());
        assertEquals(-1, mqtt.partition());
        assertEquals(-1L, mqtt.offset());

        byte[] text = "{\"time\": ".getBytes(StandardCharsets.UTF_8);
        DeadLetter kafka = DeadLetter.ofRecord("prognos.readings", "9", 2, 41L, text, InvalidDeviceMessageException.MALFORMED,
                "not JSON", "9", java.time.Instant.EPOCH);
        assertEquals(DeadLetter.UTF_8, kafka.payloadEncoding());
        assertEquals("{\"time\": ", kafka.payload());
        org.junit.jupiter.api.Assertions.assertArrayEquals(text, kafka.payloadBytes());
        assertEquals("9", kafka.key());
        assertEquals(2, kafka.partition());
        assertEquals(41L, kafka.offset());
    }

    private void assertReason(String reason, String inMessage, String payload) {
        InvalidDeviceMessageException e = assertThrows(InvalidDeviceMessageException.class,
                () -> decoder.decode("9", payload.getBytes(StandardCharsets.UTF_8)));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(inMessage), e.getMessage());
        assertEquals("9", e.asset());
    }

    /** The first {@code n} telemetry rows of machine 1 in the bundled Azure PdM data. */
    private static List<String[]> azureMachine1(int n) throws IOException {
        Path file = Path.of("..", "notebooks-data", "azure-pdm", "PdM_telemetry.csv.gz");
        List<String[]> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null && out.size() < n; line = in.readLine()) {
                String[] r = line.split(",");
                if (r[1].equals("1")) {
                    out.add(r);
                }
            }
        }
        return out;
    }
}
