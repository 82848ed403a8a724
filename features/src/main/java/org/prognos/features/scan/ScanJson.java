package org.prognos.features.scan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.telemetry.Event;
import org.prognos.features.telemetry.EventKind;

/**
 * The text form of {@link AssetScan}s, {@value #FORMAT}: one JSON object per line per asset, so a cluster writes it as
 * many part files and one machine reads them back in a stream. Each line names the hash of the feature spec its
 * vectors were computed with, and a reader refuses a line of another spec (the vectors would be scored against the
 * wrong columns). Doubles are written as Java's shortest round-trip decimal, so they read back bit for bit; a missing
 * value ({@code NaN}) is the string {@code "NaN"}. A scan carrying {@link StreamScores} has a {@code stream} object
 * ({@code scorer}, {@code last}, {@code history}); a line without one reads as a scan without them, so lines written
 * before the field existed read as they did.
 */
public final class ScanJson {
    /** The format name every line carries. */
    public static final String FORMAT = "prognos-scan/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScanJson() {
    }

    /** One line (no line break) for {@code scan}, computed with the spec of hash {@code specHash}. */
    public static String write(AssetScan scan, String specHash) {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("spec", specHash);
        o.put("asset", scan.asset());
        o.put("time", scan.time());
        o.put("covered", scan.covered());
        o.put("readings", scan.readings());
        o.set("vector", doubles(scan.vector()));
        o.set("historyTimes", longs(scan.historyTimes()));
        ArrayNode hv = o.putArray("historyVectors");
        for (double[] v : scan.historyVectors()) {
            hv.add(doubles(v));
        }
        o.set("trendTimes", longs(scan.trendTimes()));
        ArrayNode tv = o.putArray("trendValues");
        for (double[] v : scan.trendValues()) {
            tv.add(doubles(v));
        }
        ObjectNode attributes = o.putObject("attributes");
        scan.attributes().forEach(attributes::put);
        ArrayNode events = o.putArray("events");
        for (Event e : scan.events()) {
            events.addObject().put("time", e.time()).put("kind", e.kind().name().toLowerCase(Locale.ROOT))
                    .put("code", e.code());
        }
        scan.stream().ifPresent(st -> {
            ObjectNode so = o.putObject("stream");
            so.put("scorer", st.scorer());
            so.set("last", doubles(st.last()));
            so.set("history", doubles(st.history()));
        });
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a scan of asset " + scan.asset() + " could not be written", e);
        }
    }

    /**
     * The scans in {@code path}: a file, or a directory of part files (names starting with {@code _} or {@code .},
     * a Spark job's markers and checksums, are skipped), sorted by asset as {@link FeatureTable#ASSET_ORDER} sorts.
     *
     * @throws InvalidTelemetryException naming the file and line of a line that is not a scan of spec
     *                                   {@code specHash}, or of an asset scanned twice
     */
    public static List<AssetScan> read(Path path, String specHash) throws IOException {
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.list(path)) {
                files = s.filter(p -> !p.getFileName().toString().startsWith("_")
                        && !p.getFileName().toString().startsWith(".") && Files.isRegularFile(p)).sorted().toList();
            }
        } else {
            files = List.of(path);
        }
        List<AssetScan> out = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Path f : files) {
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                String line;
                long n = 0;
                while ((line = r.readLine()) != null) {
                    n++;
                    if (line.isBlank()) {
                        continue;
                    }
                    AssetScan s = parse(line, specHash, f, n);
                    String where = f + ":" + n;
                    String before = seen.putIfAbsent(s.asset(), where);
                    if (before != null) {
                        throw new InvalidTelemetryException(f.toString(), n, 1, "asset " + s.asset()
                                + " was already scanned at " + before);
                    }
                    out.add(s);
                }
            }
        }
        if (out.isEmpty()) {
            throw new InvalidTelemetryException("no asset scan in " + path);
        }
        out.sort(java.util.Comparator.comparing(AssetScan::asset, FeatureTable.ASSET_ORDER));
        return out;
    }

    private static AssetScan parse(String line, String specHash, Path file, long n) {
        try {
            JsonNode o = JSON.readTree(line);
            if (!FORMAT.equals(o.path("format").asText())) {
                throw new IllegalArgumentException("not a " + FORMAT + " line");
            }
            if (!specHash.equals(o.path("spec").asText())) {
                throw new IllegalArgumentException("scanned with feature spec " + o.path("spec").asText()
                        + ", not the model's " + specHash + ": scan the fleet with this model's spec");
            }
            List<Event> events = new ArrayList<>();
            String asset = text(o, "asset");
            for (JsonNode e : o.path("events")) {
                events.add(new Event(asset, e.path("time").asLong(),
                        EventKind.valueOf(text(e, "kind").toUpperCase(Locale.ROOT)), text(e, "code")));
            }
            Map<String, String> attributes = new HashMap<>();
            o.path("attributes").fields().forEachRemaining(f -> attributes.put(f.getKey(), f.getValue().asText()));
            AssetScan scan = new AssetScan(asset, number(o, "time"), doubles(o.path("vector")), o.path("covered").asBoolean(),
                    number(o, "readings"), longs(o.path("historyTimes")), matrix(o.path("historyVectors")),
                    longs(o.path("trendTimes")), matrix(o.path("trendValues")), attributes, events);
            JsonNode st = o.path("stream");
            return st.isMissingNode() ? scan : scan.withStream(new StreamScores(text(st, "scorer"), doubles(st.path("last")),
                    doubles(st.path("history"))));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidTelemetryException(file.toString(), n, 1, e.getMessage());
        } catch (UncheckedIOException e) {
            throw new InvalidTelemetryException(file.toString(), n, 1, e.getCause().getMessage());
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not text");
        }
        return v.asText();
    }

    private static long number(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.canConvertToLong()) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not a whole number");
        }
        return v.asLong();
    }

    private static ArrayNode doubles(double[] v) {
        ArrayNode a = JSON.createArrayNode();
        for (double d : v) {
            if (Double.isFinite(d)) {
                a.add(d);
            } else {
                a.add(Double.toString(d));
            }
        }
        return a;
    }

    private static ArrayNode longs(long[] v) {
        ArrayNode a = JSON.createArrayNode();
        for (long t : v) {
            a.add(t);
        }
        return a;
    }

    private static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode x = a.get(i);
            v[i] = x.isTextual() ? Double.parseDouble(x.asText()) : x.asDouble();
        }
        return v;
    }

    private static long[] longs(JsonNode a) {
        long[] v = new long[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asLong();
        }
        return v;
    }

    private static double[][] matrix(JsonNode a) {
        double[][] m = new double[a.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = doubles(a.get(i));
        }
        return m;
    }
}
