package org.prognos.cli.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prognos.features.telemetry.AssetAttributes;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.EventLog;
import org.prognos.features.telemetry.InMemoryTelemetry;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.inference.api.EventItem;
import org.prognos.inference.api.Reading;
import org.prognos.inference.api.ReadingsRequest;

/**
 * The payloads are the service's HTTP readings bodies: they decode into its request record (unknown fields would fail),
 * and every value reads back as the same double.
 */
class JsonPayloadsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String text(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void one_reading_is_the_single_reading_body_of_the_http_call() throws Exception {
        FleetReplay r = FleetReplay.of(Fixtures.small(), ReplaySlice.everything(), 1);
        JsonPayloads json = JsonPayloads.of(r);
        DeviceFrame second = r.frame(2, 0);   // a at 0:00 and 1:00, then b's first reading: no attributes, no events
        assertEquals("b", second.asset().id());
        assertEquals("{\"time\":\"2020-01-01 01:00:00\",\"values\":{\"temp\":-0.25,\"rpm\":1.0E-7}}",
                text(json.encode(second, ByteBuffer.allocate(256))));
        DeviceFrame first = r.frame(0, 0);    // a's first: its history and attributes
        assertEquals("{\"time\":\"2020-01-01 00:00:00\",\"values\":{\"temp\":20.5,\"rpm\":1000},"
                        + "\"events\":[{\"kind\":\"maintenance\",\"code\":\"comp1\",\"time\":\"2019-12-31 00:00:00\"}],"
                        + "\"attributes\":{\"age\":\"18\",\"model\":\"model3\"}}",
                text(json.encode(first, ByteBuffer.allocate(256))));
    }

    @Test
    void batches_events_and_missing_values_decode_into_the_services_request_with_the_same_numbers() throws Exception {
        FleetReplay r = FleetReplay.of(Fixtures.small(), ReplaySlice.everything(), 3);
        JsonPayloads json = JsonPayloads.of(r);
        int readings = 0;
        int events = 0;
        for (int i = 0; i < r.frames(); i++) {
            DeviceFrame f = r.frame(i, 0);
            ReadingsRequest req = JSON.readValue(text(json.encode(f, ByteBuffer.allocate(64))), ReadingsRequest.class);
            List<Reading> got = req.allReadings();
            assertEquals(f.readingCount(), got.size());
            for (int k = 0; k < got.size(); k++) {
                assertEquals(Fixtures.UTC.format(f.readingTime(k)), got.get(k).time());
                for (int c = 0; c < r.channels().size(); c++) {
                    Double v = got.get(k).values().get(r.channels().get(c));
                    double expected = f.value(k, c);
                    if (Double.isNaN(expected)) {
                        assertTrue(got.get(k).values().containsKey(r.channels().get(c)), "a missing value is sent as null");
                        assertNull(v);
                    } else {
                        assertEquals(expected, v, 0.0);
                    }
                }
                readings++;
            }
            assertEquals(f.eventCount(), req.events().size());
            for (int k = 0; k < f.eventCount(); k++) {
                EventItem e = req.events().get(k);
                assertEquals(f.event(k).kind().name().toLowerCase(Locale.ROOT), e.kind());
                assertEquals(f.event(k).code(), e.code());
                assertEquals(f.eventTime(k), Fixtures.UTC.parse(e.time()));
                events++;
            }
            assertEquals(f.attributes(), req.attributes());
        }
        assertEquals(r.readings(), readings);
        assertEquals(r.events(), events);
    }

    @Test
    void values_read_back_as_the_same_double() throws Exception {
        double[] values = {0.0, -0.0, 1.0, -3.0, 123456789012345.0, 1e15, 1e300, 4.9e-324, 0.1, 176.217853015625,
            448.68469036449994, -1e-7, Math.PI};
        TimeAxis cycles = new TimeAxis.Cycles();
        JsonPayloads json = new JsonPayloads(List.of("x"), cycles);
        for (double v : values) {
            InMemoryTelemetry t = new InMemoryTelemetry("v", cycles, List.of("x")).add("a", 7, v);
            FleetReplay r = FleetReplay.of(new Dataset(t, EventLog.empty(), AssetAttributes.none()), ReplaySlice.everything(), 1);
            String body = text(json.encode(r.frame(0, 0), ByteBuffer.allocate(8)));
            Map<?, ?> tree = JSON.readValue(body, Map.class);
            assertEquals("7", tree.get("time"), body);
            double back = JSON.readTree(body).get("values").get("x").doubleValue();
            assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(back), v + " came back as " + back + " from " + body);
        }
    }

    @Test
    void the_buffer_is_reused_when_large_enough_and_replaced_when_not() throws Exception {
        FleetReplay r = FleetReplay.of(Fixtures.azure(), Fixtures.azureSlice(), 10);
        JsonPayloads json = JsonPayloads.of(r);
        ByteBuffer big = ByteBuffer.allocate(1 << 16);
        assertSame(big, json.encode(r.frame(0, 0), big));
        ByteBuffer small = ByteBuffer.allocate(16);
        ByteBuffer grown = json.encode(r.frame(0, 0), small);
        assertNotSame(small, grown);
        assertEquals(text(json.encode(r.frame(0, 0), big)), text(grown));
        assertEquals(0, grown.position());
    }

    @Test
    void times_with_a_fraction_of_a_second_keep_it() {
        long t = Fixtures.UTC.parse("2020-01-01 00:00:00") + 250_000;
        assertEquals("2020-01-01 00:00:00.25", JsonPayloads.timeText(Fixtures.UTC, t));
        assertEquals(t, Fixtures.UTC.parse(JsonPayloads.timeText(Fixtures.UTC, t)));
    }

    @Test
    void strings_are_escaped() {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001é\"", new String(JsonPayloads.quoted("a\"b\\c\n\u0001é"), StandardCharsets.UTF_8));
    }
}
