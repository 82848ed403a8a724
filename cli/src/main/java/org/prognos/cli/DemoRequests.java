package org.prognos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import org.prognos.PrognosException;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.TimeAxis;

/**
 * The demo's example request bodies, built from the bundled data as a device or a scheduler would send them: one
 * asset's window of readings with its events and attributes, a fleet batch, a streaming ingest body. Apart from the
 * demo's steps ({@link DemoCommand}) so that what is sent can be read on its own.
 */
final class DemoRequests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper INDENTED = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DemoRequests() {
    }

    /** Writes {@code body} to {@code file}, indented, as the printed curl examples send it ({@code -d @file}). */
    static void write(Path file, JsonNode body) throws IOException {
        Files.writeString(file, INDENTED.writeValueAsString(body) + "\n", StandardCharsets.UTF_8);
    }

    /**
     * A score request for one asset: its last {@code window} readings (all channels of the data), its events up to
     * the scoring time and its attributes; {@code asOf} (report time) or none (just after the last reading).
     */
    static ObjectNode windowRequest(Dataset ds, String asset, int window, String asOf) throws IOException {
        long until = asOf == null ? Long.MAX_VALUE : ds.axis().parse(asOf);
        ArrayDeque<ObjectNode> readings = lastReadings(ds, asset, window, until);
        ObjectNode body = JSON.createObjectNode();
        body.put("asset", asset);
        ArrayNode rs = body.putArray("readings");
        readings.forEach(rs::add);
        eventsAndAttributes(body, ds, asset, Long.MIN_VALUE, until);
        if (asOf != null) {
            body.put("asOf", asOf);
        }
        return body;
    }

    /**
     * A score-batch body: every asset's last 24 readings before {@code asOf} (one pass over the telemetry for all of
     * them), with its events and attributes, every vibration reading shifted by {@code offset}.
     */
    static ObjectNode fleetBatch(Dataset ds, List<String> assets, String asOf, double offset) throws IOException {
        long until = ds.axis().parse(asOf);
        List<String> channels = ds.telemetry().channels();
        int vibration = channels.indexOf("vibration");
        java.util.Map<String, ArrayDeque<Object[]>> last = new java.util.HashMap<>();
        java.util.Set<String> wanted = new java.util.HashSet<>(assets);
        ds.telemetry().forEach((a, time, values) -> {
            if (time < until && wanted.contains(a)) {
                ArrayDeque<Object[]> q = last.computeIfAbsent(a, k -> new ArrayDeque<>());
                q.addLast(new Object[] {time, values.clone()});
                if (q.size() > 24) {
                    q.removeFirst();
                }
            }
        });
        ObjectNode batch = JSON.createObjectNode();
        ArrayNode all = batch.putArray("assets");
        for (String asset : assets) {
            ObjectNode one = all.addObject();
            one.put("asset", asset);
            ArrayNode rs = one.putArray("readings");
            for (Object[] r : last.getOrDefault(asset, new ArrayDeque<>())) {
                double[] values = (double[]) r[1];
                ObjectNode reading = rs.addObject().put("time", ds.axis().format((Long) r[0]));
                ObjectNode v = reading.putObject("values");
                for (int c = 0; c < channels.size(); c++) {
                    double x = c == vibration ? values[c] + offset : values[c];
                    if (Double.isNaN(x)) {
                        v.putNull(channels.get(c));
                    } else {
                        v.put(channels.get(c), x);
                    }
                }
            }
            eventsAndAttributes(one, ds, asset, Long.MIN_VALUE, until);
            one.put("asOf", asOf);
        }
        return batch;
    }

    /** A streaming ingest body: the asset's last {@code count} readings, events of that day and its attributes. */
    static ObjectNode readingsRequest(Dataset ds, String asset, int count) throws IOException {
        ArrayDeque<ObjectNode> readings = lastReadings(ds, asset, count, Long.MAX_VALUE);
        long first = ds.axis().parse(readings.getFirst().get("time").asText());
        ObjectNode body = JSON.createObjectNode();
        ArrayNode rs = body.putArray("readings");
        readings.forEach(rs::add);
        eventsAndAttributes(body, ds, asset, first, Long.MAX_VALUE);
        return body;
    }

    /** Adds the asset's events in [from, until) and its attributes to a request body. */
    static void eventsAndAttributes(ObjectNode body, Dataset ds, String asset, long from, long until) {
        ArrayNode events = body.putArray("events");
        for (Event e : ds.events().of(asset)) {
            if (e.time() >= from && e.time() < until) {
                events.addObject().put("kind", e.kind().name().toLowerCase(Locale.ROOT)).put("code", e.code())
                        .put("time", ds.axis().format(e.time()));
            }
        }
        ObjectNode attributes = body.putObject("attributes");
        ds.attributes().of(asset).forEach(attributes::put);
    }

    static ArrayDeque<ObjectNode> lastReadings(Dataset ds, String asset, int window, long until) throws IOException {
        List<String> channels = ds.telemetry().channels();
        TimeAxis axis = ds.axis();
        ArrayDeque<ObjectNode> readings = new ArrayDeque<>();
        ds.telemetry().forEach((a, time, values) -> {
            if (a.equals(asset) && time < until) {
                ObjectNode r = JSON.createObjectNode();
                if (axis instanceof TimeAxis.Cycles) {
                    r.put("time", time);
                } else {
                    r.put("time", axis.format(time));
                }
                ObjectNode v = r.putObject("values");
                for (int c = 0; c < channels.size(); c++) {
                    if (Double.isNaN(values[c])) {
                        v.putNull(channels.get(c));
                    } else {
                        v.put(channels.get(c), values[c]);
                    }
                }
                readings.addLast(r);
                if (readings.size() > window) {
                    readings.removeFirst();
                }
            }
        });
        if (readings.isEmpty()) {
            throw new PrognosException("no readings for asset " + asset + " in " + ds.telemetry().name());
        }
        return readings;
    }
}
