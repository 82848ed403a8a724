package org.prognos.training.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.telemetry.TimeAxis;

/**
 * NAB's anomaly windows ({@code labels/combined_windows.json}: {@code CATEGORY/FILE.csv → [[start, end], …]}). The
 * runner only copies them into the result files' {@code label} column, which NAB's format requires; no detector
 * reads them.
 */
public final class NabLabels {
    private final Map<String, long[][]> windows;

    private NabLabels(Map<String, long[][]> windows) {
        this.windows = windows;
    }

    /** Reads the windows file; every file key of the benchmark is listed there, with zero or more windows. */
    public static NabLabels read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        TimeAxis axis = TimeAxis.Timestamps.utc();
        Map<String, long[][]> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<long[]> list = new ArrayList<>();
            for (JsonNode w : e.getValue()) {
                if (!w.isArray() || w.size() != 2) {
                    throw new InvalidSpecException(file + ": window of '" + e.getKey() + "' is not a [start, end] pair: " + w);
                }
                list.add(new long[] {axis.parse(trimMicros(w.get(0).asText())), axis.parse(trimMicros(w.get(1).asText()))});
            }
            out.put(e.getKey(), list.toArray(long[][]::new));
        }
        return new NabLabels(out);
    }

    /** The file keys, sorted: the benchmark's files. */
    public List<String> keys() {
        return List.copyOf(windows.keySet());
    }

    /** 1 for each record inside one of the file's windows (ends included, as NAB counts them), else 0. */
    public int[] labels(NabSeries series) {
        long[][] w = windows.get(series.key());
        if (w == null) {
            throw new InvalidSpecException("the NAB label file lists no windows for " + series.key());
        }
        long[] t = series.times();
        int[] out = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            for (long[] win : w) {
                if (t[i] >= win[0] && t[i] <= win[1]) {
                    out[i] = 1;
                }
            }
        }
        return out;
    }

    /** "2014-02-19 10:50:00.000000" → "2014-02-19 10:50:00": NAB's windows start and end on whole seconds. */
    private static String trimMicros(String s) {
        int dot = s.indexOf('.');
        return dot < 0 ? s : s.substring(0, dot);
    }
}
