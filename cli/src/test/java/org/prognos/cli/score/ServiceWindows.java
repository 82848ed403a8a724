package org.prognos.cli.score;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.prognos.features.io.Datasets;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.TimeAxis;

/**
 * Request bodies for the service built from a dataset's raw history, the way a client would send an asset's
 * window: every reading and event that counts for a score at T (before T, or up to and including T on a model that
 * scores after each reading), its attributes, and {@code asOf} T.
 */
final class ServiceWindows {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Dataset data;
    private final Map<String, List<Object[]>> readings = new HashMap<>();

    ServiceWindows(Path dir, String subset, Set<String> assets) throws IOException {
        this.data = Datasets.open(dir, subset);
        data.telemetry().forEach((asset, t, v) -> {
            if (assets.contains(asset)) {
                readings.computeIfAbsent(asset, a -> new ArrayList<>()).add(new Object[] {t, v.clone()});
            }
        });
    }

    TimeAxis axis() {
        return data.axis();
    }

    /**
     * The body for {@code asset} as of {@code time} ({@code strict}: data before it, else up to it); the whole
     * history and no {@code asOf} when {@code time} is {@link Long#MAX_VALUE}.
     */
    String body(String asset, long time, boolean strict) {
        ObjectNode body = JSON.createObjectNode();
        body.put("asset", asset);
        ArrayNode rs = body.putArray("readings");
        List<String> channels = data.telemetry().channels();
        for (Object[] r : readings.get(asset)) {
            long t = (long) r[0];
            if (strict ? t >= time : t > time) {
                break;
            }
            ObjectNode reading = rs.addObject();
            putTime(reading, "time", t);
            ObjectNode values = reading.putObject("values");
            double[] v = (double[]) r[1];
            for (int c = 0; c < channels.size(); c++) {
                if (Double.isNaN(v[c])) {
                    values.putNull(channels.get(c));
                } else {
                    values.put(channels.get(c), v[c]);
                }
            }
        }
        ArrayNode es = body.putArray("events");
        for (Event e : data.events().of(asset)) {
            if (strict ? e.time() < time : e.time() <= time) {
                ObjectNode event = es.addObject();
                event.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
                event.put("code", e.code());
                putTime(event, "time", e.time());
            }
        }
        ObjectNode attributes = body.putObject("attributes");
        data.attributes().of(asset).forEach(attributes::put);
        if (time != Long.MAX_VALUE) {
            putTime(body, "asOf", time);
        }
        return body.toString();
    }

    private void putTime(ObjectNode node, String field, long t) {
        if (data.axis() instanceof TimeAxis.Cycles) {
            node.put(field, t);
        } else {
            node.put(field, data.axis().format(t));
        }
    }
}
