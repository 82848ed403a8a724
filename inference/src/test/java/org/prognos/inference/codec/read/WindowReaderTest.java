package org.prognos.inference.codec.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.ConflictException;
import org.prognos.inference.InvalidRequestException;
import org.prognos.inference.ServiceConfig;
import org.prognos.models.TestModels;
import org.prognos.inference.api.ScoreRequest;
import org.prognos.inference.codec.JsonCodec;
import org.prognos.inference.catalog.ServedModel;
import org.prognos.models.predict.Predictors;
import org.prognos.models.runtime.FeatureVector;
import org.prognos.inference.scoring.ReadingWindow;
import org.prognos.inference.scoring.WindowFeatures;
import org.prognos.inference.scoring.WindowSchema;
import org.prognos.models.registry.ModelRegistry;

/**
 * The fast body reader gives exactly the general path's window (and so its feature vector and warnings) for every
 * body it accepts, and gives up on every body the general path refuses (which then words the error).
 */
class WindowReaderTest {
    @TempDir
    static Path dir;
    static ServedModel azure;
    static ServedModel pump;
    static final ServiceConfig.Limits LIMITS = ServiceConfig.defaults().limits();
    static final JsonCodec CODEC = new JsonCodec(LIMITS);
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void load() {
        ModelRegistry registry = TestModels.fullRegistry(dir);
        azure = ServedModel.load(registry, TestModels.AZURE + "@production", Predictors.standard());
        pump = ServedModel.load(registry, TestModels.PUMP + "@production", Predictors.standard());
    }

    @AfterAll
    static void release() {
        azure.release();
        pump.release();
    }

    /** Machine 57's last 24 hourly readings before 2015-12-15 21:00, its events and attributes. */
    static Map<String, Object> azureBody() {
        var axis = azure.requestAxis();
        long to = axis.parse("2015-12-15 21:00:00");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("asset", "57");
        body.put("readings", new ArrayList<>(TestModels.azureReadings("57", to - 24 * 3_600_000_000L, to)));
        body.put("events", new ArrayList<>(TestModels.azureEvents("57", to)));
        body.put("attributes", new LinkedHashMap<>(TestModels.azureAttributes("57")));
        body.put("asOf", "2015-12-15 21:00:00");
        return body;
    }

    static Map<String, Object> pumpBody() {
        List<Map<String, Object>> readings = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("temp", 50.0 + i * 1.7);
            v.put("vib", 3 + i);
            readings.add(new LinkedHashMap<>(Map.of("time", i, "values", v)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("asset", "p1");
        body.put("readings", readings);
        return body;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> reading(Map<String, Object> body, int i) {
        return (Map<String, Object>) ((List<Object>) body.get("readings")).get(i);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> values(Map<String, Object> body, int i) {
        return (Map<String, Object>) reading(body, i).get("values");
    }

    static Map<String, Object> variant(Map<String, Object> base, Consumer<Map<String, Object>> change) throws Exception {
        Map<String, Object> copy = JSON.readValue(JSON.writeValueAsBytes(base), LinkedHashMap.class);
        change.accept(copy);
        return copy;
    }

    static void assertSame(ServedModel m, byte[] body, String what) {
        WindowSchema schema = WindowSchema.of(m);
        ReadingWindow general = RequestWindow.window(schema, CODEC.read(body, ScoreRequest.class), "", LIMITS);
        Optional<ReadingWindow> fast = WindowReader.read(CODEC.mapper().getFactory(), body, schema, LIMITS);
        assertTrue(fast.isPresent(), what + ": the fast reader should accept it");
        ReadingWindow w = fast.get();
        assertEquals(general.schema(), w.schema(), what);
        assertEquals(general.asset(), w.asset(), what);
        assertArrayEquals(general.times(), w.times(), what);
        assertArrayEquals(general.values(), w.values(), what);
        assertEquals(general.events(), w.events(), what);
        assertEquals(general.attributes(), w.attributes(), what);
        assertEquals(general.asOf(), w.asOf(), what);
        assertEquals(general.warnings(), w.warnings(), what);

        FeatureVector generalVector = WindowFeatures.extract(m, general);
        FeatureVector fastVector = WindowFeatures.extract(m, w);
        assertArrayEquals(generalVector.values(), fastVector.values(), what);
        assertEquals(generalVector.time(), fastVector.time(), what);
        assertEquals(generalVector.readings(), fastVector.readings(), what);
        assertEquals(generalVector.asset(), fastVector.asset(), what);
        assertEquals(generalVector.warnings(), fastVector.warnings(), what);
    }

    static void assertRefused(ServedModel m, byte[] body, String what) {
        WindowSchema schema = WindowSchema.of(m);
        assertTrue(WindowReader.read(CODEC.mapper().getFactory(), body, schema, LIMITS).isEmpty(), what + ": should go the general way");
        assertThrows(InvalidRequestException.class,
                () -> RequestWindow.window(schema, CODEC.read(body, ScoreRequest.class), "", LIMITS), what + ": the general path refuses it");
    }

    static byte[] bytes(Object body) throws Exception {
        return JSON.writeValueAsBytes(body);
    }

    @Test
    void accepted_bodies_give_the_general_paths_vector_and_warnings() throws Exception {
        Map<String, Object> base = azureBody();
        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("the benchmark's shape", base);
        cases.put("no asset, no asOf", variant(base, b -> {
            b.remove("asset");
            b.remove("asOf");
        }));
        cases.put("asset as a number, attribute as a number", variant(base, b -> {
            b.put("asset", 57);
            ((Map<String, Object>) b.get("attributes")).put("age", 18);
        }));
        cases.put("no attributes, null events", variant(base, b -> {
            b.remove("attributes");
            b.put("events", null);
        }));
        cases.put("fields in another order", variant(base, b -> {
            Object readings = b.remove("readings");
            Object asset = b.remove("asset");
            b.put("readings", readings);
            b.put("asset", asset);
            Map<String, Object> r = reading(b, 3);
            Object time = r.remove("time");
            r.put("time", time);
        }));
        cases.put("a null value, an integer value, an extra channel", variant(base, b -> {
            values(b, 2).put("volt", null);
            values(b, 5).put("rotate", 400);
            values(b, 6).put("humidity", 3.5);
            values(b, 9).put("extra", null);
        }));
        cases.put("ISO times with offsets, events after asOf, upper-case kinds", variant(base, b -> {
            String first = (String) reading(b, 0).get("time");   // yyyy-MM-dd HH:mm:ss in UTC
            int hour = Integer.parseInt(first.substring(11, 13));
            reading(b, 0).put("time", first.substring(0, 10) + "T" + String.format("%02d", hour) + first.substring(13) + "+00:00");
            b.put("asOf", "2015-12-15T23:00:00+02:00");
            List<Object> events = (List<Object>) b.get("events");
            events.add(new LinkedHashMap<>(Map.of("kind", "ALARM", "code", " error1 ", "time", "2015-12-16 00:00:00")));
        }));
        cases.put("asOf later than the next reading would be", variant(base, b -> b.put("asOf", "2015-12-17 06:00:00")));
        for (var c : cases.entrySet()) {
            assertSame(azure, bytes(c.getValue()), c.getKey());
        }
        String text = JSON.writeValueAsString(base);
        for (String number : new String[] {"1.00000000000000000000000000001e2", "-0.0", "4.9e-324", "1.7976931348623157E308",
            "0.30000000000000004", "123456789012345678901234.5", "2.5e-3", "-17", "98765432109876543210"}) {
            assertSame(azure, text.replaceFirst("\"volt\":[0-9.]+", "\"volt\":" + number).getBytes(StandardCharsets.UTF_8),
                    "volt " + number);
        }
        String pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(base);
        assertSame(azure, pretty.getBytes(StandardCharsets.UTF_8), "pretty-printed");

        Map<String, Object> pumpBase = pumpBody();
        assertSame(pump, bytes(pumpBase), "cycle numbers");
        assertSame(pump, bytes(variant(pumpBase, b -> {
            reading(b, 0).put("time", "1");
            reading(b, 1).put("time", 2.0);
            b.put("asOf", 9);
        })), "cycles as strings and decimals");
    }

    @Test
    void refused_bodies_go_the_general_way() throws Exception {
        Map<String, Object> base = azureBody();
        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("a missing channel", variant(base, b -> values(b, 4).remove("pressure")));
        cases.put("a value as a string", variant(base, b -> values(b, 4).put("pressure", "97.5")));
        cases.put("a value as a boolean", variant(base, b -> values(b, 4).put("pressure", true)));
        cases.put("an extra channel as a string", variant(base, b -> values(b, 4).put("note", "x")));
        cases.put("times out of order", variant(base, b -> reading(b, 5).put("time", reading(b, 4).get("time"))));
        cases.put("a bad time", variant(base, b -> reading(b, 5).put("time", "yesterday")));
        cases.put("a null time", variant(base, b -> reading(b, 5).put("time", null)));
        cases.put("no values", variant(base, b -> reading(b, 5).remove("values")));
        cases.put("an unknown field", variant(base, b -> b.put("window", 24)));
        cases.put("an unknown reading field", variant(base, b -> reading(b, 1).put("quality", 1)));
        cases.put("an unknown event field", variant(base, b -> ((Map<String, Object>) ((List<Object>) b.get("events")).get(0)).put("x", 1)));
        cases.put("an event without a kind", variant(base, b -> ((Map<String, Object>) ((List<Object>) b.get("events")).get(0)).remove("kind")));
        cases.put("a blank event code", variant(base, b -> ((Map<String, Object>) ((List<Object>) b.get("events")).get(0)).put("code", "\u2003")));
        cases.put("an event time that is not a time", variant(base, b -> ((Map<String, Object>) ((List<Object>) b.get("events")).get(0)).put("time", 1448949600)));
        cases.put("a reading time as a number on a timestamp axis", variant(base, b -> reading(b, 2).put("time", 1448949600)));
        cases.put("an unknown event kind", variant(base, b -> ((Map<String, Object>) ((List<Object>) b.get("events")).get(0)).put("kind", "inspection")));
        cases.put("a null reading", variant(base, b -> ((List<Object>) b.get("readings")).set(3, null)));
        cases.put("no readings", variant(base, b -> b.put("readings", List.of())));
        cases.put("readings missing", variant(base, b -> b.remove("readings")));
        cases.put("asOf before the last reading", variant(base, b -> b.put("asOf", "2015-12-15 12:00:00")));
        cases.put("a bad asOf", variant(base, b -> b.put("asOf", "soon")));
        for (var c : cases.entrySet()) {
            assertRefused(azure, bytes(c.getValue()), c.getKey());
        }
        String good = JSON.writeValueAsString(variant(base, b -> values(b, 2).put("extra", 1.0)));
        assertRefused(azure, (good + " {}").getBytes(StandardCharsets.UTF_8), "trailing tokens");
        assertRefused(azure, good.substring(0, good.length() / 2).getBytes(StandardCharsets.UTF_8), "truncated");
        assertRefused(azure, good.replaceFirst("\"volt\":[0-9.]+", "\"volt\":1e999").getBytes(StandardCharsets.UTF_8), "not finite");
        assertRefused(azure, good.replaceFirst("\"volt\":[0-9.]+", "\"volt\":NaN").getBytes(StandardCharsets.UTF_8), "NaN token");
        assertRefused(azure, good.replaceFirst("\"rotate\"", "\"volt\":1,\"rotate\"").getBytes(StandardCharsets.UTF_8), "duplicate key");
        assertRefused(azure, good.replaceFirst("\"extra\"", "\"extra\":1,\"extra\"").getBytes(StandardCharsets.UTF_8),
                "duplicate ignored channel");
        assertRefused(azure, good.replaceFirst("\"asset\"", "\"asset\":\"1\",\"asset\"").getBytes(StandardCharsets.UTF_8),
                "duplicate field");
        assertRefused(azure, good.replaceFirst("\"code\"", "\"code\":\"x\",\"code\"").getBytes(StandardCharsets.UTF_8),
                "duplicate event field");
        assertRefused(azure, good.replaceFirst("\"time\"", "\"time\":\"x\",\"time\"").getBytes(StandardCharsets.UTF_8),
                "duplicate reading time");
        assertRefused(azure, good.replaceFirst("\"model\"", "\"model\":\"x\",\"model\"").getBytes(StandardCharsets.UTF_8),
                "duplicate attribute");
        assertRefused(azure, "null".getBytes(StandardCharsets.UTF_8), "JSON null");
        List<Object> many = new ArrayList<>();
        for (int i = 0; i <= LIMITS.maxArrayLength(); i++) {
            many.add(Map.of("time", i + 1, "values", Map.of("temp", 1.0, "vib", 2.0)));
        }
        assertRefused(pump, bytes(Map.of("readings", many)), "more readings than the limit");
    }

    @Test
    void a_window_is_scored_only_by_a_model_with_the_schema_it_was_read_against() throws Exception {
        ReadingWindow w = RequestWindow.window(WindowSchema.of(pump), CODEC.read(bytes(pumpBody()), ScoreRequest.class), "", LIMITS);
        ConflictException e = assertThrows(ConflictException.class, () -> WindowFeatures.extract(azure, w));
        assertTrue(e.getMessage().startsWith("the model 'pump' was reloaded with other inputs"), e.getMessage());
    }
}
